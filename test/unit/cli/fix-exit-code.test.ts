import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * `studio-lint --fix` exits with what remains after the fixes (issue 12, point 5), as `eslint --fix` does: a fix that
 * needs the author's input leaves an error (unfilled-placeholder) and the run exits 1 until the author fills it in.
 * Runs the built bundle, as CI does.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

function freshCli(): void {
  assert.ok(fs.existsSync(CLI), 'server/out/cli.js is missing: run npm run build');
  const built = fs.statSync(CLI).mtimeMs;
  const stale: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && fs.statSync(full).mtimeMs > built)
        stale.push(path.relative(ROOT, full));
    }
  };
  visit(path.join(ROOT, 'server', 'src'));
  assert.deepEqual(stale, [], 'server/out/cli.js is older than its sources: run npm run build');
}

function lint(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function copy(fixture: string, dir: string, name: string): string {
  const target = path.join(dir, name);
  fs.copyFileSync(path.join(ROOT, fixture), target);
  return target;
}

describe('studio-lint --fix exit code (the built CLI)', () => {
  let dir: string;
  before(freshCli);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-lint-exit-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 1 after --fix while a fix waits for the author (the hard-coded Bearer sent to six calls)', () => {
    const file = copy('test/fixtures/fixes/six-calls-hardcoded-bearer.snippet', dir, 'crm-sync.snippet');
    const before = fs.readFileSync(file, 'utf8');
    const fixed = lint(['--fix', '--format', 'json', file], dir);
    assert.equal(fixed.status, 1, fixed.stderr);
    const after = fs.readFileSync(file, 'utf8');
    assert.notEqual(after, before, 'the fixes were written');
    assert.ok(!after.includes('adc3f9e1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6'), 'the pasted token is gone');
    const remaining = JSON.parse(fixed.stdout) as { code: string; severity: string; message: string }[];
    assert.deepEqual(
      remaining.filter((f) => f.severity !== 'hint').map((f) => [f.code, f.severity]),
      [['unfilled-placeholder', 'error']],
    );
    assert.match(remaining.find((f) => f.code === 'unfilled-placeholder')!.message, /token-endpoint\.invalid/);
    // A second run changes nothing and still fails: the placeholder is the author's to fill in.
    const again = lint(['--fix', file], dir);
    assert.equal(again.status, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), after);
    assert.doesNotMatch(again.stdout, /applied/);
  });

  it('exits 0 once the author has written the endpoint (only the fixed-buffer hint is left)', () => {
    const file = copy('test/fixtures/fixes/six-calls-hardcoded-bearer.snippet', dir, 'crm-sync.snippet');
    assert.equal(lint(['--fix', file], dir).status, 1);
    const filled = fs
      .readFileSync(file, 'utf8')
      .replace('https://token-endpoint.invalid/oauth/token', 'https://login.example-crm.com/oauth2/token');
    fs.writeFileSync(file, filled);
    const result = lint(['--fix', file], dir);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /0 errors, 0 warnings/);
  });

  it('exits 0 when every fix could be completed from the document itself', () => {
    const file = copy('test/fixtures/fixes/pattern-a-across-actions.xml', dir, 'billing-ivr.xml');
    const before = lint([file], dir);
    assert.equal(before.status, 1, 'Pattern A is reported before --fix');
    const result = lint(['--fix', file], dir);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /billing-ivr\.xml: applied \d+ fix/);
  });
});
