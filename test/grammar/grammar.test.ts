// Runs the TextMate assertion files (test/grammar/*.test.snippet, *.test.studio) through vscode-tmgrammar-test.
// The CLI is started with this Node binary and its JS entry point, never through a shell.
import { strict as assert } from 'node:assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');
const grammarTestDir = path.join(projectRoot, 'test', 'grammar');

/** Our grammars, plus a stand-in for VS Code's built-in JavaScript grammar that the studio grammar embeds. */
const grammarFiles = [
  'syntaxes/cxone-snippet.tmLanguage.json',
  'syntaxes/cxone-studio.tmLanguage.json',
  'test/grammar/stub-javascript.tmLanguage.json',
];

function cliEntryPoint(): string {
  const requireFromRoot = createRequire(path.join(projectRoot, 'package.json'));
  const manifestPath = requireFromRoot.resolve('vscode-tmgrammar-test/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return path.resolve(path.dirname(manifestPath), manifest.bin['vscode-tmgrammar-test']);
}

/** The CLI treats its arguments as glob patterns, so paths use forward slashes. */
function globSafe(filePath: string): string {
  return filePath.split(path.sep).join('/');
}

function runGrammarTests(testFiles: string[]): SpawnSyncReturns<string> {
  const grammarArgs = grammarFiles.flatMap((file) => ['-g', file]);
  return spawnSync(process.execPath, [cliEntryPoint(), ...grammarArgs, ...testFiles.map(globSafe)], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    timeout: 60_000,
  });
}

function describeRun(run: SpawnSyncReturns<string>): string {
  return [`exit status ${String(run.status)}${run.error ? ` (${run.error.message})` : ''}`, run.stdout, run.stderr]
    .filter((part) => part.trim() !== '')
    .join('\n');
}

function assertionFiles(extension: string): string[] {
  return readdirSync(grammarTestDir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => path.posix.join('test/grammar', name));
}

describe('TextMate grammars (vscode-tmgrammar-test)', () => {
  const snippetFiles = assertionFiles('.test.snippet');
  const guideFiles = assertionFiles('.test.studio');

  it('has assertion files for both notations', () => {
    assert.ok(snippetFiles.length > 0, 'no test/grammar/*.test.snippet files');
    assert.ok(guideFiles.length > 0, 'no test/grammar/*.test.studio files');
  });

  it('passes every scope assertion', () => {
    const run = runGrammarTests([...snippetFiles, ...guideFiles]);
    assert.equal(run.status, 0, describeRun(run));
    // The CLI drops a path its glob does not find, so check that each file was reported.
    for (const file of [...snippetFiles, ...guideFiles]) {
      assert.ok(run.stdout.includes(file), `${file} was not run:\n${describeRun(run)}`);
    }
    // Every grammar an include names must be registered, or vscode-textmate silently skips the include.
    assert.doesNotMatch(run.stdout + run.stderr, /grammar not found/, describeRun(run));
  });

  it('fails when an assertion is wrong (negative control)', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'grammar-negative-'));
    try {
      const brokenFile = path.join(scratch, 'broken.test.snippet');
      writeFileSync(
        brokenFile,
        [
          '// SYNTAX TEST "source.cxone-snippet" "deliberately wrong assertion"',
          'ASSIGN url = "https://example.com/token"',
          '//                  ^^ comment.line.double-slash.cxone-snippet',
          '',
        ].join('\n'),
      );
      const run = runGrammarTests([brokenFile]);
      assert.notEqual(run.status, 0, `a wrong assertion passed:\n${describeRun(run)}`);
      assert.match(run.stdout, /missing required scopes: comment\.line\.double-slash\.cxone-snippet/, describeRun(run));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
