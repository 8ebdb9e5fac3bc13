import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assertCliBundleIsFresh,
  runBundle,
  tempFolder,
  UNCHECKED_STATUS_SNIPPET,
  removeTempFolders,
} from './cli-process';

const CLEAN_SNIPPET = 'ASSIGN greeting = "Hello {CallerName}"\nTRACE "{greeting}"\n';
const canMakeFifos = process.platform !== 'win32';

describe('studio-lint special and skipped files', () => {
  before(assertCliBundleIsFresh);
  after(removeTempFolders);

  (canMakeFifos ? it : it.skip)('reports a FIFO found in a folder as skipped and lints the rest', () => {
    const dir = tempFolder({ 'greeting.snippet': CLEAN_SNIPPET });
    execFileSync('mkfifo', [path.join(dir, 'pipe.snippet')]);
    const result = runBundle([dir], { timeoutMs: 20_000 });
    assert.equal(result.timedOut, false, 'studio-lint hung on a FIFO in a folder');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /skipped .*pipe\.snippet: not a regular file/);
    assert.match(result.stdout, /No problems in 1 file\. 1 file skipped \(see stderr\)\./);
  });

  (canMakeFifos ? it : it.skip)('never opens a FIFO named on the command line (it would block forever)', () => {
    const dir = tempFolder();
    execFileSync('mkfifo', [path.join(dir, 'pipe.snippet')]);
    const result = runBundle([path.join(dir, 'pipe.snippet')], { timeoutMs: 20_000 });
    assert.equal(result.timedOut, false, 'studio-lint hung on a FIFO named on the command line');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /skipped .*pipe\.snippet: a FIFO \(named pipe\); only regular files are linted/);
    assert.match(result.stderr, /nothing was linted/);
  });

  (fs.existsSync('/dev/zero') ? it : it.skip)('never reads a character device (/dev/zero would never end)', () => {
    const result = runBundle(['/dev/zero'], { timeoutMs: 20_000 });
    assert.equal(result.timedOut, false);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /skipped \/dev\/zero: a character device; only regular files are linted/);
  });

  it('skips files above --max-file-size (10 MB by default) and says so', () => {
    const big = '// a comment line that only makes the file large\n'.repeat(220_000); // 11 MB
    const dir = tempFolder({ 'big.snippet': big, 'lookup.snippet': UNCHECKED_STATUS_SNIPPET });
    const byDefault = runBundle([dir]);
    assert.equal(byDefault.status, 1, byDefault.stderr);
    assert.match(
      byDefault.stderr,
      /skipped .*big\.snippet: larger than the size limit \(\d+ bytes or more; --max-file-size is 10485760 bytes\)/,
    );
    const small = runBundle(['--max-file-size', '100', dir]);
    assert.equal(small.status, 2);
    assert.match(small.stderr, /skipped .*lookup\.snippet: larger than the size limit .*--max-file-size is 100 bytes/);
    assert.match(small.stderr, /nothing was linted/);
  });

  it('reports a named file of another kind as skipped and exits 2 when nothing was linted', () => {
    const dir = tempFolder({
      'lookup.snippet.txt': UNCHECKED_STATUS_SNIPPET,
      'pom.xml': '<project><modelVersion>4.0.0</modelVersion></project>\n',
    });
    const result = runBundle([path.join(dir, 'lookup.snippet.txt'), path.join(dir, 'pom.xml')]);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /skipped .*lookup\.snippet\.txt: not a \.snippet or \.studio file or a Studio XML export/,
    );
    assert.match(result.stderr, /skipped .*pom\.xml: not a \.snippet or \.studio file or a Studio XML export/);
    assert.match(result.stdout, /No problems in 0 files\. 2 files skipped/);
  });

  it('reports symbolic links inside folders as skipped (not followed) and lints the rest', () => {
    const outside = tempFolder({ 'lookup.snippet': UNCHECKED_STATUS_SNIPPET });
    const dir = tempFolder({ 'greeting.snippet': CLEAN_SNIPPET });
    fs.symlinkSync(path.join(outside, 'lookup.snippet'), path.join(dir, 'linked.snippet'));
    fs.symlinkSync(outside, path.join(dir, 'linked-folder'));
    const result = runBundle([dir]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stderr, /skipped .*linked\.snippet: symbolic link inside a folder, not followed/);
    assert.match(result.stderr, /skipped .*linked-folder: symbolic link inside a folder, not followed/);
    assert.match(result.stdout, /No problems in 1 file\. 2 files skipped/);
  });
});
