import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * No line of code over 120 columns unless a comment says why: a comment with "long line" in it on that line or in the
 * 15 lines above (a Snippet statement or a fixture line that must stay one line, say). Biome wraps code; it cannot
 * wrap a string or a comment, so this checks what it leaves.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const MAX = 120;
const WINDOW = 15;

function codeFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'server/src', 'client/src', 'test'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((f) => /\.(?:ts|mjs|cjs)$/.test(f) && !f.startsWith('test/fixtures/') && !f.includes('/workspace/'));
}

function longLinesWithoutReason(text: string): number[] {
  const lines = text.split('\n');
  const found: number[] = [];
  lines.forEach((line, i) => {
    if (line.length <= MAX) return;
    const context = lines.slice(Math.max(0, i - WINDOW), i + 1);
    if (context.some((l) => /(?:\/\/|\*).*\blong line\b/i.test(l))) return;
    found.push(i + 1);
  });
  return found;
}

describe('code style: line length', () => {
  it('the check itself: flags a long line, accepts one a comment explains', () => {
    const long = `const x = '${'a'.repeat(130)}';`;
    assert.deepEqual(longLinesWithoutReason(`a\n${long}\n`), [2]);
    assert.deepEqual(longLinesWithoutReason(`// Long line: a fixture statement\n${long}\n`), []);
  });

  it(`no line over ${MAX} columns without a reason`, () => {
    const offending: string[] = [];
    for (const file of codeFiles()) {
      for (const line of longLinesWithoutReason(readFileSync(resolve(ROOT, file), 'utf8'))) {
        offending.push(`${file}:${line}`);
      }
    }
    assert.deepEqual(offending, []);
  });
});
