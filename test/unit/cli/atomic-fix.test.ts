import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../../../server/src/cli/atomic-write';
import { readRegularFile } from '../../../server/src/cli/read-file';
import {
  assertCliBundleIsFresh,
  CLI_BUNDLE,
  LITERAL_SECRET_SNIPPET,
  runBundle,
  tempFolder,
  makeTempFolder,
  removeTempFolders,
} from './cli-process';

/** Folder settings that let the analysis read files over its default 5 MiB limit (the kill test needs a big file). */
const LARGE_FILES = { '.vscode/settings.json': '{ "studioTokenLens.maxDocumentSizeKB": 16384 }' };

/** The fixed text of the example (what a complete `--fix` leaves). */
function fixedText(text: string): string {
  const dir = tempFolder({ 'token.snippet': text, ...LARGE_FILES });
  const result = runBundle(['--fix', dir]);
  assert.notEqual(result.status, 2, result.stderr);
  return fs.readFileSync(path.join(dir, 'token.snippet'), 'utf8');
}

/** Files the folder holds besides `name` (a killed run may leave its hidden temporary file, nothing else). */
function othersIn(dir: string, name: string): string[] {
  return fs.readdirSync(dir).filter((entry) => entry !== name && entry !== '.vscode');
}

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

describe('studio-lint --fix writes atomically', () => {
  before(assertCliBundleIsFresh);
  after(removeTempFolders);

  it('leaves the original or the whole fixed text when killed while it writes, never a part of either', async () => {
    // Large enough that writing it takes a while; the secret to fix is at the top.
    const filler = '// a comment line that makes the file large to write\n';
    const original = `${LITERAL_SECRET_SNIPPET}${filler.repeat(160_000)}`;
    const fixed = fixedText(original);
    // Over the default analysis limit (5 MiB): the folder's settings raise it, as a user with such a file would.
    const dir = tempFolder({ 'token.snippet': original, ...LARGE_FILES });
    const file = path.join(dir, 'token.snippet');
    const seen = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_BUNDLE, '--fix', file], { stdio: 'ignore' });
      const deadline = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('studio-lint --fix never touched the folder'));
      }, 60_000);
      let contents: string | undefined;
      // The first change in the folder (the temporary file, or the file itself written in place): stop the
      // process there, look at the file, then kill it.
      const watcher = fs.watch(dir, () => {
        if (contents !== undefined) return;
        child.kill('SIGSTOP');
        contents = fs.readFileSync(file, 'utf8');
        child.kill('SIGKILL');
      });
      child.on('exit', () => {
        clearTimeout(deadline);
        watcher.close();
        resolve(contents ?? 'the process ended before anything changed in the folder');
      });
    });
    for (const text of [seen, fs.readFileSync(file, 'utf8')]) {
      assert.ok(text === original || text === fixed, `the file holds neither text (${text.length} characters)`);
    }
    for (const other of othersIn(dir, 'token.snippet'))
      assert.match(other, /^\.token\.snippet\.studio-lint-\d+-\w+\.tmp$/);
  });

  it('refuses (exit 2) and leaves the file intact in a folder where it cannot create the temporary file', () => {
    // Root ignores permissions: the run drops to nobody, with a copy of the bundle nobody can read.
    const root = makeTempFolder('studio-lint-ro-');
    fs.chmodSync(root, 0o755);
    const bundle = path.join(root, 'cli.js');
    fs.copyFileSync(CLI_BUNDLE, bundle);
    fs.chmodSync(bundle, 0o644);
    const dir = path.join(root, 'read-only');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'token.snippet');
    fs.writeFileSync(file, LITERAL_SECRET_SNIPPET);
    fs.chmodSync(file, 0o666);
    fs.chmodSync(dir, 0o555);
    try {
      const result = runBundle(['--fix', file], { bundle, cwd: root, ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}) });
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.match(
        result.stderr,
        /--fix left .*token\.snippet unchanged: the fixed text cannot be written safely: EACCES/,
      );
      assert.equal(fs.readFileSync(file, 'utf8'), LITERAL_SECRET_SNIPPET);
      assert.deepEqual(othersIn(dir, 'token.snippet'), []);
    } finally {
      fs.chmodSync(dir, 0o755);
    }
  });

  it('refuses to write through a symbolic link named on the command line (the target stays as it was)', () => {
    const outside = tempFolder({ 'token.snippet': LITERAL_SECRET_SNIPPET });
    const dir = tempFolder();
    fs.symlinkSync(path.join(outside, 'token.snippet'), path.join(dir, 'token.snippet'));
    const result = runBundle(['--fix', path.join(dir, 'token.snippet')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unchanged: it is a symbolic link; --fix does not write through links/);
    assert.equal(fs.readFileSync(path.join(outside, 'token.snippet'), 'utf8'), LITERAL_SECRET_SNIPPET);
    assert.ok(fs.lstatSync(path.join(dir, 'token.snippet')).isSymbolicLink());
  });

  it('refuses a file with several hard links (both names keep the old text)', () => {
    const dir = tempFolder({ 'token.snippet': LITERAL_SECRET_SNIPPET });
    const elsewhere = tempFolder();
    fs.linkSync(path.join(dir, 'token.snippet'), path.join(elsewhere, 'copy.snippet'));
    const result = runBundle(['--fix', path.join(dir, 'token.snippet')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unchanged: it has 2 hard links/);
    assert.equal(fs.readFileSync(path.join(elsewhere, 'copy.snippet'), 'utf8'), LITERAL_SECRET_SNIPPET);
    assert.equal(fs.readFileSync(path.join(dir, 'token.snippet'), 'utf8'), LITERAL_SECRET_SNIPPET);
  });

  it('keeps the mode and the owner of the file it replaces', () => {
    const dir = tempFolder({ 'token.snippet': LITERAL_SECRET_SNIPPET });
    const file = path.join(dir, 'token.snippet');
    fs.chmodSync(file, 0o640);
    if (isRoot) fs.chownSync(file, NOBODY, NOBODY);
    const before = fs.statSync(file);
    const result = runBundle(['--fix', file]);
    assert.notEqual(result.status, 2, result.stderr);
    const after = fs.statSync(file);
    assert.notEqual(fs.readFileSync(file, 'utf8'), LITERAL_SECRET_SNIPPET);
    assert.equal(after.mode & 0o7777, 0o640);
    assert.deepEqual([after.uid, after.gid], [before.uid, before.gid]);
  });

  it('does not overwrite an edit saved after the file was read (size or time changed)', () => {
    const dir = tempFolder({ 'token.snippet': LITERAL_SECRET_SNIPPET });
    const file = path.join(dir, 'token.snippet');
    const read = readRegularFile(file, { maxBytes: 1 << 20, followSymlinks: false });
    assert.equal(read.kind, 'read');
    if (read.kind !== 'read') return;
    const edited = LITERAL_SECRET_SNIPPET.replace('studio-ivr', 'studio-IVR'); // same size, later time
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const outcome = writeFileAtomically(file, Buffer.from('fixed text'), read.snapshot);
    assert.equal(outcome.kind, 'refused');
    assert.match(outcome.kind === 'refused' ? outcome.reason : '', /changed on disk during the run/);
    assert.equal(fs.readFileSync(file, 'utf8'), edited);
    assert.deepEqual(othersIn(dir, 'token.snippet'), []);
  });
});
