import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import type { CliFinding } from '../../../server/src/cli/cli-finding';
import { removeTempFolders, tempFolder } from './cli-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function run(args: string[], cwd = ROOT): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const status = runCli(
      args,
      (s) => (stdout += s),
      (s) => (stderr += s),
    );
    return { status, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}

const BROKEN_SNIPPET = 'ASSIGN url = "https://api.example.com/v2\nASSIGN x = 1\n';
const CLEAN_SNIPPET = 'ASSIGN greeting = "Hello {CallerName}"\nTRACE "{greeting}"\n';
const NOT_AN_EXPORT = '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n';

describe('studio-lint', () => {
  after(removeTempFolders);

  it('exits 0 and prints a summary when nothing is found', () => {
    const dir = tempFolder({ 'greeting.snippet': CLEAN_SNIPPET });
    const result = run([dir]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /No problems in 1 file\./);
  });

  it('reports a syntax error as path:line:col severity message code, exit 1', () => {
    const dir = tempFolder({ 'broken.snippet': BROKEN_SNIPPET });
    const result = run([dir]);
    assert.equal(result.status, 1);
    const file = path.join(dir, 'broken.snippet');
    assert.match(
      result.stdout,
      new RegExp(`^${file.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}:1:14  error  .*  syntax-error$`, 'm'),
    );
    assert.match(result.stdout, /1 problem \(1 error, 0 warnings, 0 info, 0 hints\) in 1 of 1 file\./);
  });

  it('prints one JSON array of findings with 1-based positions', () => {
    const dir = tempFolder({ 'broken.snippet': BROKEN_SNIPPET });
    const result = run(['--format', 'json', dir]);
    const findings = JSON.parse(result.stdout) as CliFinding[];
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.deepEqual(Object.keys(finding!).sort(), [
      'code',
      'column',
      'endColumn',
      'endLine',
      'file',
      'line',
      'message',
      'severity',
    ]);
    assert.equal(finding!.code, 'syntax-error');
    assert.equal(finding!.severity, 'error');
    assert.equal(finding!.line, 1);
    assert.equal(finding!.column, 14);
  });

  it('walks folders for .snippet, .studio and Studio XML exports, skipping other XML', () => {
    const dir = tempFolder({
      'a/one.snippet': CLEAN_SNIPPET,
      'a/b/two.studio': '// nothing but a comment\n',
      'pom.xml': NOT_AN_EXPORT,
      'notes.txt': 'ASSIGN x = "unterminated\n',
      'node_modules/dep/x.snippet': BROKEN_SNIPPET,
    });
    const result = run(['--format', 'json', dir]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), []);
    assert.match(run([dir]).stdout, /No problems in 2 files\./);
  });

  it('gives one clear diagnostic at the XML error position of a malformed export', () => {
    const result = run(['--format', 'json', 'test/fixtures/export/malformed-export.xml']);
    const findings = JSON.parse(result.stdout) as CliFinding[];
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.code, 'syntax-error');
    const line = fs.readFileSync(path.join(ROOT, 'test/fixtures/export/malformed-export.xml'), 'utf8').split(/\r\n/)[
      findings[0]!.line - 1
    ]!;
    assert.equal(line.slice(findings[0]!.column - 1, findings[0]!.endColumn - 1), '</Captoin>');
  });

  it('writes valid SARIF 2.1.0 with relative artifact locations', () => {
    const dir = tempFolder({ 'broken.snippet': BROKEN_SNIPPET });
    const result = run(['--format', 'sarif', '.'], dir);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string; uriBaseId: string };
              region: { startLine: number; startColumn: number };
            };
          }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const [runLog] = log.runs;
    assert.equal(runLog!.tool.driver.name, 'studio-token-lens');
    assert.ok(
      runLog!.tool.driver.rules.some(
        (r) => r.id === 'syntax-error' && r.helpUri.endsWith('/docs/rules/syntax-error.md'),
      ),
    );
    assert.equal(runLog!.results.length, 1);
    const [sarifResult] = runLog!.results;
    assert.equal(sarifResult!.ruleId, 'syntax-error');
    assert.equal(sarifResult!.level, 'error');
    assert.deepEqual(sarifResult!.locations[0]!.physicalLocation.artifactLocation, {
      uri: 'broken.snippet',
      uriBaseId: '%SRCROOT%',
    });
    assert.equal(sarifResult!.locations[0]!.physicalLocation.region.startLine, 1);
    assert.equal(sarifResult!.locations[0]!.physicalLocation.region.startColumn, 14);
  });

  it('exits 2 with a message on stderr for usage and I/O errors', () => {
    const noArgs = run([]);
    assert.equal(noArgs.status, 2);
    assert.match(noArgs.stderr, /no files or folders given/);
    const badFormat = run(['--format', 'xml', 'examples']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /unknown format "xml"/);
    const unknownOption = run(['--frobnicate', 'examples']);
    assert.equal(unknownOption.status, 2);
    const missing = run(['does/not/exist.snippet']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read does\/not\/exist\.snippet/);
  });

  it('survives binary junk, an empty file and a 5 MB file', () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const big = 'ASSIGN counter = counter + 1 // keep counting\n'.repeat(120_000);
    const dir = tempFolder({ 'junk.snippet': junk, 'empty.studio': '', 'big.snippet': big });
    const result = run(['--format', 'json', dir]);
    assert.notEqual(result.status, 2, result.stderr);
    const findings = JSON.parse(result.stdout) as CliFinding[];
    assert.ok(findings.some((f) => f.file.endsWith('junk.snippet') && f.code === 'syntax-error'));
    assert.ok(!findings.some((f) => f.file.endsWith('empty.studio')));
    // 5.5 MB is over the default analysis limit: one information finding says it was not analysed.
    assert.deepEqual(
      findings.filter((f) => f.file.endsWith('big.snippet')).map((f) => [f.code, f.severity]),
      [['document-too-large', 'information']],
    );
  });

  it('runs as the bundled bin with --version and on the examples', () => {
    const cli = path.join(ROOT, 'server', 'out', 'cli.js');
    assert.ok(fs.existsSync(cli), 'server/out/cli.js is missing: run npm run build');
    const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^studio-lint \d+\.\d+\.\d+/);
    const examples = spawnSync(process.execPath, [cli, '--format', 'json', 'examples'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.ok(examples.status === 0 || examples.status === 1, examples.stderr);
    assert.ok(Array.isArray(JSON.parse(examples.stdout)));
  });
});
