import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertCliBundleIsFresh, CLI_BUNDLE, ROOT, runBundle, tempFolder, removeTempFolders } from './cli-process';

const EXPORT = fs.readFileSync(path.join(ROOT, 'examples', 'ivr-token-at-begin-used-after-hold.xml'), 'utf8');
/** A caption (quoted in messages) with a C1 control, a right-to-left override, and a line that forges a CI error. */
const HOSTILE_CAPTION = 'Get OAuth token&#x85;&#x202E;&#10;::error file=app.js::forged';

/** Raw control characters (but tab and newline), line/paragraph separators and bidirectional overrides. */
function hasUnsafeCharacter(text: string): boolean {
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code === 9 || code === 10) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029) return true;
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  }
  return false;
}

describe('studio-lint output', () => {
  before(assertCliBundleIsFresh);
  after(removeTempFolders);

  it('escapes control characters and newlines quoted from a script, so no output line is forged', () => {
    const dir = tempFolder({
      'ivr.xml': EXPORT.replace('<Caption>Get OAuth token</Caption>', `<Caption>${HOSTILE_CAPTION}</Caption>`),
    });
    const result = runBundle(['ivr.xml'], { cwd: dir });
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!hasUnsafeCharacter(result.stdout), JSON.stringify(result.stdout));
    for (const line of result.stdout.split('\n')) assert.doesNotMatch(line, /^\s*::/);
    // The message quotes the caption through quoteSource: escaped, on one line, cut.
    assert.match(result.stdout, /"Get OAuth token\\u0085\\u202E ::error file=app\.…"/);
  });

  it('escapes file names: terminal escapes, newlines and workflow commands at the start of a line', () => {
    const broken = 'ASSIGN url = "https://api.example.com/v2\n';
    const dir = tempFolder({
      '::warning::forged.snippet': broken,
      '\u001b[2Jcleared\n::error::forged.snippet': broken,
    });
    const result = runBundle(['.'], { cwd: dir });
    assert.equal(result.status, 1, result.stderr);
    assert.ok(!hasUnsafeCharacter(result.stdout), JSON.stringify(result.stdout));
    for (const line of result.stdout.split('\n')) assert.doesNotMatch(line, /^\s*::/);
    assert.match(result.stdout, /^\.\/::warning::forged\.snippet:1:14 {2}error/m);
    assert.match(result.stdout, /^\\x1b\[2Jcleared\\n::error::forged\.snippet:1:14 {2}error/m);
  });

  it('stops quietly when the stdout reader goes away (| head): no stack trace, the lint result as status', async () => {
    const dir = tempFolder({ 'greeting.snippet': 'ASSIGN greeting = "Hello {CallerName}"\nTRACE "{greeting}"\n' });
    const exit = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_BUNDLE, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      // Closing our end before the child writes: its first write meets a pipe with no reader (EPIPE).
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const deadline = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('studio-lint did not exit after its reader went away'));
      }, 20_000);
      child.on('close', (code) => {
        clearTimeout(deadline);
        resolve({ code, stderr });
      });
    });
    assert.equal(exit.stderr, '');
    assert.equal(exit.code, 0, 'a clean run whose output nobody read is still clean');
  });
});
