import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SimulationJson } from '../../../server/src/runtime/simulation-json';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUNDLE = path.join(ROOT, 'server', 'out', 'sim.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'runtime');

/** Runs the built `studio-sim` bundle as a child process, as a user would. */
function sim(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BUNDLE, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-sim-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const fixture = (name: string): string => path.join('test', 'fixtures', 'runtime', name);

describe('studio-sim (the built bundle)', () => {
  before(function () {
    if (!fs.existsSync(BUNDLE)) this.skip();
    const newest = Math.max(
      ...['runtime', path.join('cli', 'sim')].flatMap((dir) =>
        fs
          .readdirSync(path.join(ROOT, 'server', 'src', dir))
          .filter((f) => f.endsWith('.ts'))
          .map((f) => fs.statSync(path.join(ROOT, 'server', 'src', dir, f)).mtimeMs),
      ),
    );
    assert.ok(fs.statSync(BUNDLE).mtimeMs >= newest, 'server/out/sim.js is older than its sources: run npm run build');
  });

  it('Pattern A: a text timeline with the expired token and the 401, and exit 1', () => {
    const result = sim([fixture('pattern-a-token-once.snippet'), '--runs', '5']);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(lines[0]!, /pattern-a-token-once\.snippet: 1 contact of 02:00:00\.0, tokens valid 3600 s, 5 runs/);
    assert.ok(lines.some((l) => /^ {2}time\s+action\s+line\s+request\s+status\s+token age$/.test(l)));
    // Long line: one regular expression for one whole line of the timeline, clearer whole.
    assert.ok(
      lines.some((l) =>
        /^ {2}01:30:00\.0 {2}run 4 +18 {2}GET https:\/\/api\.example-crm\.com\/v2\/accounts\?phone= +401 +01:29:59\.8 {2}EXPIRED$/.test(
          l,
        ),
      ),
      result.stdout,
    );
    assert.match(
      result.stdout,
      /Summary: 1 token request, 5 API requests; 2 sent an expired token; 2 answered 401; 0 runtime errors\.\n$/,
    );
  });

  it('Strategy B: exit 0', () => {
    const result = sim([fixture('strategy-b-cached-token.snippet')]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /0 sent an expired token; 0 answered 401; 0 runtime errors/);
  });

  it('--format json prints the documented shape', () => {
    const result = sim([fixture('pattern-a-token-at-begin.xml'), '--format', 'json', '--duration', '7200']);
    assert.equal(result.status, 1, result.stderr);
    const json = JSON.parse(result.stdout) as SimulationJson;
    assert.deepEqual(Object.keys(json), ['file', 'contacts', 'durationSeconds', 'requests', 'summary', 'errors']);
    assert.equal(json.file, fixture('pattern-a-token-at-begin.xml'));
    assert.equal(json.contacts, 1);
    assert.equal(json.durationSeconds, 7200);
    assert.deepEqual(Object.keys(json.requests[0]!), [
      'contact',
      'time',
      'action',
      'line',
      'method',
      'url',
      'status',
      'token',
    ]);
    assert.deepEqual(Object.keys(json.summary), [
      'tokenRequests',
      'apiRequests',
      'expiredTokenRequests',
      'status401',
      'runtimeErrors',
    ]);
    assert.deepEqual(
      json.requests.map((r) => [r.action, r.method, r.status, r.token?.expired ?? null]),
      [
        ['SNIPPET 3 "Get CRM token"', 'POST', 200, null],
        ['SNIPPET 11 "Update CRM after the call"', 'POST', 401, true],
      ],
    );
    const file = fs.readFileSync(path.join(FIXTURES, 'pattern-a-token-at-begin.xml'), 'utf8').split(/\r?\n/);
    assert.match(file[json.requests[1]!.line - 1]!, /MakeRestRequest\("https:\/\/api\.example-crm\.com\/v2\/calls"/);
  });

  it('--contacts and --token-lifetime are applied; runtime errors give exit 1 with file:line:col', () => {
    const file = tempFile('broken-math.snippet', 'total = 0\nshare = 100 / total\n');
    const result = sim([file, '--contacts', '2', '--runs', '1', '--format', 'json', '--token-lifetime', '900']);
    assert.equal(result.status, 1);
    const json = JSON.parse(result.stdout) as SimulationJson;
    assert.equal(json.contacts, 2);
    assert.deepEqual(json.errors[0], { message: 'division by zero', line: 2, column: 9, action: 'run 1' });
    assert.equal(json.summary.runtimeErrors, 2);
  });

  it('never prints a token or a secret whole', () => {
    const code = [
      'p = GetRESTProxy()',
      'r = p.MakeRestRequest("https://idp.example.com/oauth/token", ' +
        '"grant_type=client_credentials&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
      'tok = r.access_token',
      'q = GetRESTProxy()',
      'x = q.MakeRestRequest(' +
        '"https://api.example.com/v1/report?access_token={tok}&apiKey={SECURE_API_KEY}", "", 0, "GET")',
      'IF tok = "{tok}x" { y = 1 }',
      'n = tok * 2',
    ].join('\n');
    const file = tempFile('leaky.snippet', code);
    const scenario = tempFile(
      'scenario.json',
      JSON.stringify({ variables: { SECURE_CLIENT_SECRET: 'kX9#mQ2vL7pR4tW8', SECURE_API_KEY: 'ak_live_51HvQ2e8Zx' } }),
    );
    for (const format of ['text', 'json']) {
      const result = sim([file, '--runs', '1', '--scenario', scenario, '--format', format]);
      const printed = result.stdout + result.stderr;
      assert.doesNotMatch(printed, /eyJ[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{12,}/, 'no whole JWT');
      assert.doesNotMatch(printed, /kX9#mQ2vL7pR4tW8|ak_live_51HvQ2e8Zx/, 'no whole secret');
      assert.match(printed, /access_token=eyJh… \(\d+ chars\)/);
      assert.match(printed, /apiKey=ak_l… \(18 chars\)/);
    }
  });

  it('a .studio file is refused: exit 2 and why', () => {
    const result = sim([path.join('test', 'fixtures', 'guide', 'pattern-a-token-once.studio')]);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /guide notation, which Studio cannot run/);
  });

  it('a bad scenario file: exit 2 naming the field', () => {
    const scenario = tempFile('bad.json', JSON.stringify({ endpoints: [{ match: '/token', statuses: ['429'] }] }));
    const result = sim([fixture('strategy-b-cached-token.snippet'), '--scenario', scenario]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /bad scenario .*bad\.json: endpoints\[0\]\.statuses\[0\]: /);
  });

  it('syntax errors, unreadable files, files of other kinds and bad options: exit 2', () => {
    const broken = tempFile('broken.snippet', 'x = "unterminated\n');
    const pom = tempFile('pom.xml', '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n');
    const cases: [string[], RegExp][] = [
      [[broken], /1 syntax error; Studio's Check Syntax would reject it\n {2}.*broken\.snippet:1:5 /],
      [['no/such/file.snippet'], /cannot read no\/such\/file\.snippet: ENOENT/],
      [[pom], /neither Snippet code \(\.snippet\) nor a Desktop Studio export/],
      [[fixture('strategy-b-cached-token.snippet'), '--runs', '0'], /--runs must be a whole number above 0/],
      [[fixture('strategy-b-cached-token.snippet'), '--format', 'sarif'], /unknown format "sarif"/],
      [[], /no file given/],
    ];
    for (const [args, message] of cases) {
      const result = sim(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
  });

  it('--help prints the usage and exits 0', () => {
    const result = sim(['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: studio-sim FILE/);
  });
});
