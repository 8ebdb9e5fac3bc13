import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliFinding } from '../../../server/src/cli/cli-finding';
import {
  assertCliBundleIsFresh,
  LITERAL_SECRET_SNIPPET,
  ROOT,
  runBundle,
  tempFolder,
  removeTempFolders,
} from './cli-process';

/** The example with French comments (Latin-1 letters, one byte each in Windows-1252) far from the secret. */
const FRENCH_SNIPPET = LITERAL_SECRET_SNIPPET.replace(
  '// SNIPPET "Get OAuth token" — the first action after BEGIN.',
  '// SNIPPET "Récupérer le jeton" : première action après BEGIN (façade du fournisseur).',
);
const EXPORT = fs.readFileSync(path.join(ROOT, 'examples', 'ivr-token-at-begin-used-after-hold.xml'), 'utf8');

/** What `--fix` makes of UTF-8 text (the reference every other encoding is compared with). */
function fixedUtf8(name: string, text: string): string {
  const dir = tempFolder({ [name]: text });
  const result = runBundle(['--fix', dir]);
  assert.notEqual(result.status, 2, result.stderr);
  const fixed = fs.readFileSync(path.join(dir, name), 'utf8');
  assert.notEqual(fixed, text, 'the reference text has nothing to fix');
  return fixed;
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

function findings(stdout: string): string[] {
  return (JSON.parse(stdout) as CliFinding[]).map((f) => `${f.code} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
}

describe('studio-lint encodings', () => {
  before(assertCliBundleIsFresh);
  after(removeTempFolders);

  it('--fix keeps every Windows-1252 byte outside the fix as it was', () => {
    const original = Buffer.from(FRENCH_SNIPPET, 'latin1');
    const dir = tempFolder({ 'token.snippet': original });
    const result = runBundle(['--fix', dir]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    // The fix writes ASCII only, so the expected bytes are the UTF-8 result in Latin-1.
    const expected = Buffer.from(fixedUtf8('token.snippet', FRENCH_SNIPPET), 'latin1');
    assert.deepEqual(fs.readFileSync(path.join(dir, 'token.snippet')), expected);
  });

  it('--fix refuses (exit 2, file untouched) when a fix would rewrite a line holding bytes that are not UTF-8', () => {
    const text = LITERAL_SECRET_SNIPPET.replace(
      'ASSIGN client_secret = "s3cr3t-Xq9vLm2Rt7Wz"',
      'ASSIGN client_secret = "s3cr3t-Xq9vLm2Rt7Wz" // clé du fournisseur',
    );
    const original = Buffer.from(text, 'latin1');
    const dir = tempFolder({ 'token.snippet': original });
    const result = runBundle(['--fix', '--format', 'json', dir]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--fix left .*token\.snippet unchanged: the file is not UTF-8/);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'token.snippet')), original);
    assert.ok(
      findings(result.stdout).some((f) => f.startsWith('hardcoded-secret ')),
      'still linted',
    );
  });

  it('lints a UTF-16 export with a BOM like its UTF-8 twin, and --fix writes it back in UTF-16 with its BOM', () => {
    const utf16 = EXPORT.replace('encoding="utf-8"', 'encoding="utf-16"');
    const dir = tempFolder({
      'utf8/ivr.xml': utf16,
      'le/ivr.xml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]),
      'be/ivr.xml': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(utf16)]),
    });
    const lint = (folder: string): string[] => findings(runBundle(['--format', 'json', path.join(dir, folder)]).stdout);
    const reference = lint('utf8');
    assert.ok(reference.length > 0);
    assert.deepEqual(lint('le'), reference);
    assert.deepEqual(lint('be'), reference);

    const fixed = fixedUtf8('ivr.xml', utf16);
    const result = runBundle(['--fix', path.join(dir, 'le'), path.join(dir, 'be')]);
    assert.notEqual(result.status, 2, result.stderr);
    assert.deepEqual(
      fs.readFileSync(path.join(dir, 'le', 'ivr.xml')),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixed, 'utf16le')]),
    );
    assert.deepEqual(
      fs.readFileSync(path.join(dir, 'be', 'ivr.xml')),
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(fixed)]),
    );
  });

  it('does not count the UTF-8 BOM in line 1 columns (text, JSON, SARIF) and keeps it under --fix', () => {
    const broken = 'ASSIGN url = "https://api.example.com/v2\nASSIGN x = 1\n';
    const dir = tempFolder({ 'broken.snippet': `\uFEFF${broken}` });
    const json = runBundle(['--format', 'json', dir]);
    assert.deepEqual(findings(json.stdout), ['syntax-error 1:14-1:41']);
    assert.match(runBundle([dir]).stdout, /broken\.snippet:1:14 {2}error/);
    const sarif = JSON.parse(runBundle(['--format', 'sarif', '.'], { cwd: dir }).stdout) as {
      runs: { results: { locations: { physicalLocation: { region: { startColumn: number } } }[] }[] }[];
    };
    assert.equal(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startColumn, 14);

    const secret = tempFolder({ 'token.snippet': `\uFEFF${LITERAL_SECRET_SNIPPET}` });
    runBundle(['--fix', secret]);
    const bytes = fs.readFileSync(path.join(secret, 'token.snippet'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.subarray(3).toString('utf8'), fixedUtf8('token.snippet', LITERAL_SECRET_SNIPPET));
  });

  it('--fix keeps the line ending of a CR-only file everywhere (no mixed line endings)', () => {
    const cr = LITERAL_SECRET_SNIPPET.replace(/\n/g, '\r');
    const dir = tempFolder({ 'token.snippet': cr });
    const result = runBundle(['--fix', dir]);
    assert.notEqual(result.status, 2, result.stderr);
    const fixed = fs.readFileSync(path.join(dir, 'token.snippet'), 'utf8');
    assert.notEqual(fixed, cr);
    assert.ok(!fixed.includes('\n'), 'a line feed was written into a CR-only file');
    assert.equal(fixed, fixedUtf8('token.snippet', LITERAL_SECRET_SNIPPET).replace(/\n/g, '\r'));
  });

  it('reports a UTF-32 file as skipped and exits 2 when nothing else was linted', () => {
    const bom = Buffer.from([0xff, 0xfe, 0, 0]);
    const body = Buffer.alloc(LITERAL_SECRET_SNIPPET.length * 4);
    [...LITERAL_SECRET_SNIPPET].forEach((c, i) => {
      body.writeUInt32LE(c.codePointAt(0)!, i * 4);
    });
    const dir = tempFolder({ 'token.snippet': Buffer.concat([bom, body]) });
    const result = runBundle([dir]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /skipped .*token\.snippet: UTF-32 text is not supported/);
    assert.match(result.stderr, /nothing was linted/);
  });
});
