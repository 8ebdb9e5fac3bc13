import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import type { CliFinding } from '../../../server/src/cli/cli-finding';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { syntaxErrorsOf } from '../../../server/src/documents/parsed-document';
import { lintText } from '../../../server/src/service/lint';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
/** Every literal secret or token written in the examples and the export copied next to them. */
const SECRETS = ['s3cr3t-Xq9vLm2Rt7Wz', 'Tr0ub4dor', 'Qm9vLm2Rt7WzXy'];

function copyExamples(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-lint-fix-'));
  for (const name of fs.readdirSync(EXAMPLES)) fs.copyFileSync(path.join(EXAMPLES, name), path.join(dir, name));
  // An export with CRLF, entities and literal secrets (its caret annotations removed).
  const exported = fs.readFileSync(
    path.join(ROOT, 'test', 'fixtures', 'rules', 'hardcoded-secret', 'literal-secrets-export.xml'),
    'utf8',
  );
  fs.writeFileSync(path.join(dir, 'secrets-export.xml'), exported.replace(/\r?\n[ \t]*\^+[^\r\n]*/g, ''));
  fs.copyFileSync(
    path.join(ROOT, 'test', 'fixtures', 'fixes', 'pattern-a-across-actions.xml'),
    path.join(dir, 'billing-ivr.xml'),
  );
  return dir;
}

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = runCli(
    args,
    (s) => (stdout += s),
    (s) => (stderr += s),
  );
  return { status, stdout, stderr };
}

function findingsIn(dir: string): Map<string, { findings: number; syntax: number }> {
  const counts = new Map<string, { findings: number; syntax: number }>();
  for (const name of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const linted = lintText(name, undefined, text, DEFAULT_SETTINGS);
    // A fix that needs the author's input leaves an unfilled-placeholder error on purpose (issue 12, point 5).
    const findings = linted?.findings.filter((f) => f.code !== 'unfilled-placeholder').length ?? 0;
    if (linted) counts.set(name, { findings, syntax: syntaxErrorsOf(linted.analysis.document).length });
  }
  return counts;
}

describe('studio-lint --fix', () => {
  it('fixes the examples in place: files change, still parse, fewer findings remain, no secret anywhere', () => {
    const dir = copyExamples();
    const before = new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
    const counts = findingsIn(dir);

    const result = run(['--fix', dir]);
    assert.notEqual(result.status, 2, result.stderr);
    assert.equal(result.stderr, '');

    const changed = [...before]
      .filter(([name, text]) => fs.readFileSync(path.join(dir, name), 'utf8') !== text)
      .map(([name]) => name);
    // Exactly the files with something a preferred fix resolves have changed.
    const fixable = [...before]
      .filter(([name, text]) => {
        const linted = lintText(name, undefined, text, DEFAULT_SETTINGS);
        return linted?.findings.some((f) => linted.analysis.fixesFor(f).some((fix) => fix.preferred));
      })
      .map(([name]) => name);
    assert.deepEqual(changed.sort(), fixable.sort());
    for (const name of [
      'billing-ivr.xml',
      'customer-lookup-pattern-a.snippet',
      'get-token-with-literal-secret.snippet',
      'long-ivr-pattern-a.studio',
      'secrets-export.xml',
    ]) {
      assert.ok(changed.includes(name), `${name} was not fixed`);
    }
    assert.ok(!changed.includes('cached-token-strategy-b.snippet'), 'a clean example changed');
    for (const name of changed)
      assert.match(result.stdout, new RegExp(`${name.replace('.', '\\.')}: applied \\d+ fix(?:es)?\\n`));

    const after = findingsIn(dir);
    for (const [name, count] of counts) {
      const now = after.get(name)!;
      assert.equal(now.syntax, 0, `${name} has syntax errors after --fix`);
      if (changed.includes(name))
        assert.ok(now.findings < count.findings, `${name}: ${count.findings} -> ${now.findings} findings`);
    }
    // The exports are still well-formed and keep CRLF.
    for (const name of ['billing-ivr.xml', 'secrets-export.xml']) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      assert.ok(!/(?<!\r)\n/.test(text), `${name} lost its CRLF line endings`);
    }

    const everything = [
      result.stdout,
      result.stderr,
      ...fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')),
    ].join('\n');
    for (const secret of SECRETS)
      assert.ok(!everything.includes(secret), `${secret.slice(0, 4)}… appears in the output or the fixed files`);

    // A second run has nothing left to fix.
    const again = run(['--fix', '--format', 'json', dir]);
    assert.ok(!again.stdout.includes('applied'));
    const remaining = JSON.parse(again.stdout) as CliFinding[];
    assert.ok(
      remaining.every((f) => f.code !== 'hardcoded-secret' && f.code !== 'token-reuse-without-expiry'),
      JSON.stringify(remaining.map((f) => f.code)),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('works from the bundled bin', () => {
    const cli = path.join(ROOT, 'server', 'out', 'cli.js');
    assert.ok(fs.existsSync(cli), 'server/out/cli.js is missing: run npm run build');
    const dir = copyExamples();
    const result = spawnSync(process.execPath, [cli, '--fix', dir], { encoding: 'utf8' });
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    assert.match(result.stdout, /get-token-with-literal-secret\.snippet: applied \d+ fix/);
    const fixed = fs.readFileSync(path.join(dir, 'get-token-with-literal-secret.snippet'), 'utf8');
    assert.ok(fixed.includes('ASSIGN client_secret = "{SECURE_CLIENT_SECRET}"'));
    for (const secret of SECRETS) assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
