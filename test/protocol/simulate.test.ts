import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ErrorCodes, ParameterStructures, RequestType, ResponseError } from 'vscode-languageserver-protocol/node';
import { maskSecret } from '../../server/src/common/mask';
import {
  SIMULATE_REQUEST,
  type SimulateParams,
  type SimulateResult,
  type SimulationReport,
} from '../../server/src/common/protocol-ids';
import {
  assertAliveWithNoTokenLogged,
  assertBundleIsFresh,
  fileUri,
  fixture,
  PULL_CAPABILITIES,
  ROOT,
  SYNTAX_ONLY_RULES,
  TestClient,
} from './lsp-client';

/**
 * `studioTokenLens/simulate` as any editor sends it: the "Simulate Long Contact" command of the VS Code client, and the
 * request README.md documents for other editors. The bundled server, over stdio.
 */
describe('protocol: studioTokenLens/simulate', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  const server = (): TestClient => {
    assert.ok(client, 'the server did not start');
    return client;
  };

  const simulate = (params: SimulateParams): Promise<SimulateResult> =>
    server().connection.sendRequest(SIMULATE_REQUEST, params);

  const simulationOf = async (params: SimulateParams): Promise<SimulationReport> => {
    const result = await simulate(params);
    assert.ok('simulation' in result, `expected a simulation, got ${JSON.stringify(result).slice(0, 300)}`);
    return result.simulation;
  };

  const refusalOf = async (params: SimulateParams): Promise<{ error: string; details: readonly string[] }> => {
    const result = await simulate(params);
    assert.ok('error' in result, `expected a refusal, got a simulation of ${JSON.stringify(result).slice(0, 300)}`);
    return result;
  };

  const responseError = async (request: Promise<unknown>): Promise<ResponseError<unknown>> => {
    try {
      const result = await request;
      return assert.fail(`expected an error response, got ${JSON.stringify(result).slice(0, 300)}`);
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      return error;
    }
  };

  /** Opens a fixture of test/fixtures/runtime under its own name; returns its URI. */
  const openRuntimeFixture = async (name: string): Promise<string> => {
    const uri = fileUri(name);
    const languageId = name.endsWith('.snippet') ? 'cxone-snippet' : 'xml';
    await server().open(uri, languageId, fixture(path.join('runtime', name)));
    return uri;
  };

  before(async () => {
    assertBundleIsFresh();
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, settings: { rules: SYNTAX_ONLY_RULES } });
  });

  /** After every test the server must still answer, and nothing it logged may hold a token. */
  afterEach(async () => {
    if (client) await assertAliveWithNoTokenLogged(client);
  });

  after(async () => {
    if (client) assert.equal(await client.shutdown(), 0);
  });

  it('Pattern A (.snippet): a 2-hour contact with 1-hour tokens sends its one token expired, gets 401s', async () => {
    const uri = await openRuntimeFixture('pattern-a-token-once.snippet');
    const report = await simulationOf({
      textDocument: { uri },
      durationSeconds: 7200,
      tokenLifetimeSeconds: 3600,
      runs: 25,
    });
    assert.equal(report.file, uri);
    assert.equal(report.documentKind, 'snippet');
    assert.deepEqual(
      [report.contacts, report.durationSeconds, report.tokenLifetimeSeconds, report.runs],
      [1, 7200, 3600, 25],
    );
    assert.deepEqual(report.summary, {
      tokenRequests: 1,
      apiRequests: 25,
      expiredTokenRequests: 12,
      status401: 12,
      runtimeErrors: 0,
    });
    // The one token is held for the whole contact: its line rises from the first run to the last.
    assert.equal(report.tokens.length, 1);
    const [token] = report.tokens;
    assert.equal(token!.expiresAt - token!.issuedAt, 3600);
    assert.ok(token!.heldUntil >= 7200, `held until ${token!.heldUntil}`);
    const first = report.requests[0]!;
    assert.deepEqual(
      { kind: first.kind, method: first.method, status: first.status, token: first.token, line: first.line },
      { kind: 'token', method: 'POST', status: 200, token: null, line: 9 },
    );
    const expired = report.requests.filter((r) => r.token?.expired);
    assert.equal(expired.length, 12);
    assert.ok(expired.every((r) => r.status === 401 && r.kind === 'api' && r.line === 18 && r.column > 1));
    assert.ok(expired.every((r) => r.token!.ageSeconds >= 3600));
    assert.deepEqual(report.bands, [], 'a .snippet file has no long-running actions');
  });

  it('Pattern A (export): the token fetched at BEGIN is expired after the queue; the queue is a band', async () => {
    const uri = await openRuntimeFixture('pattern-a-token-at-begin.xml');
    const report = await simulationOf({ textDocument: { uri }, durationSeconds: 7200, tokenLifetimeSeconds: 3600 });
    assert.equal(report.documentKind, 'export');
    assert.equal(report.runs, null);
    assert.equal(report.summary.expiredTokenRequests, 1);
    const last = report.requests.at(-1)!;
    assert.equal(last.status, 401);
    assert.match(last.action, /^SNIPPET 11 "Update CRM after the call"$/);
    assert.deepEqual(
      report.bands.map((b) => b.type),
      ['PLAY', 'MENU', 'REQAGENT'],
    );
    const queue = report.bands.find((b) => b.type === 'REQAGENT')!;
    assert.match(queue.reason, /queues the contact for an agent/);
    // The agent leg lasts until a minute before the contact's end; the wrap-up SNIPPET then sends the old token.
    assert.equal(queue.time + queue.durationSeconds, 7140);
    assert.ok(last.time >= queue.time + queue.durationSeconds);
    assert.equal(report.tokens.length, 1);
    assert.ok(report.tokens[0]!.heldUntil >= last.time, 'the token line reaches the request that used it');
  });

  it('Strategy B (export): no expired token is sent; each token is held until the next one is fetched', async () => {
    const uri = await openRuntimeFixture('strategy-b-cached-token-export.xml');
    const report = await simulationOf({ textDocument: { uri }, durationSeconds: 7200, tokenLifetimeSeconds: 3600 });
    assert.equal(report.summary.expiredTokenRequests, 0);
    assert.equal(report.summary.status401, 0);
    assert.ok(report.summary.apiRequests > 0);
    assert.ok(report.tokens.length >= 2, `${report.tokens.length} tokens`);
    for (let i = 0; i + 1 < report.tokens.length; i++) {
      assert.equal(report.tokens[i]!.heldUntil, report.tokens[i + 1]!.issuedAt);
    }
    // The first token expires during the queue, unused; the wrap-up SNIPPET checks it and fetches a new one.
    const [first, second] = report.tokens;
    assert.ok(first!.expiresAt < second!.issuedAt && second!.issuedAt >= 7140);
    assert.ok(report.requests.every((r) => r.kind === 'token' || (r.token !== null && !r.token.expired)));
  });

  it('answers with the fields of studio-sim --format json, same values, plus what the picture needs', async () => {
    const name = 'strategy-b-cached-token.snippet';
    const uri = await openRuntimeFixture(name);
    const report = await simulationOf({ textDocument: { uri }, durationSeconds: 5400, tokenLifetimeSeconds: 1800 });
    const cli = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'server', 'out', 'sim.js'),
        path.join('test', 'fixtures', 'runtime', name),
        '--format',
        'json',
      ].concat(['--duration', '5400', '--token-lifetime', '1800']),
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(cli.status, 0, cli.stderr);
    const json = JSON.parse(cli.stdout) as Record<string, unknown> & { requests: object[]; errors: object[] };
    const cliKeys = Object.keys(json);
    assert.deepEqual(Object.keys(report).slice(0, cliKeys.length), cliKeys, 'the CLI fields come first, in its order');
    const picked = (record: object, keys: string[]): Record<string, unknown> =>
      Object.fromEntries(keys.map((key) => [key, (record as Record<string, unknown>)[key]]));
    const requestKeys = Object.keys(json.requests[0]!);
    assert.deepEqual(
      { ...picked(report, cliKeys), file: json.file, requests: report.requests.map((r) => picked(r, requestKeys)) },
      json,
    );
    assert.deepEqual(Object.keys(report.requests[0]!), [...requestKeys, 'column', 'kind', 'failure']);
    // Runs every 300 s: each token but the last is replaced by the run that finds it inside its refresh buffer.
    assert.ok(report.tokens.length >= 3);
    assert.ok(report.tokens.slice(0, -1).every((t) => t.heldUntil <= t.expiresAt));
    assert.deepEqual(Object.keys(report).slice(cliKeys.length), [
      'documentKind',
      'tokenLifetimeSeconds',
      'runs',
      'tokens',
      'bands',
    ]);
  });

  it('takes a scenario object: contacts, failing endpoints and statuses reach the report', async () => {
    const uri = await openRuntimeFixture('strategy-b-cached-token.snippet');
    const report = await simulationOf({
      textDocument: { uri },
      durationSeconds: 1800,
      runs: 3,
      contacts: 2,
      scenario: {
        endpoints: [
          { match: '/oauth/token$', statuses: [429, 200] },
          { match: 'api\\.example-crm\\.com', responses: [{ status: 200 }, { failure: 'timeout' }] },
        ],
        variables: { ANI: '5551234' },
      },
    });
    assert.equal(report.contacts, 2);
    assert.deepEqual([...new Set(report.requests.map((r) => r.contact))], [1, 2]);
    const contact1 = report.requests.filter((r) => r.contact === 1);
    // Run 1: the identity provider answers 429, so nothing is called; run 2 gets a token and calls the API.
    assert.deepEqual(
      contact1.map((r) => [r.kind, r.status]),
      [
        ['token', 429],
        ['token', 200],
        ['api', 200],
        ['api', null],
      ],
    );
    const timedOut = contact1.at(-1)!;
    assert.match(timedOut.failure ?? '', /no answer within ProxyTimeoutSeconds \(2 s\)/);
    assert.ok(timedOut.url.endsWith('?phone=5551234'));
    // Each contact's last token is held until that contact ends, not until the next contact's first token.
    for (const contact of [1, 2]) {
      const tokens = report.tokens.filter((t) => t.contact === contact);
      const lastRequest = report.requests.filter((r) => r.contact === contact).at(-1)!;
      assert.equal(tokens.length, 1, `contact ${contact}`);
      assert.ok(tokens[0]!.heldUntil >= lastRequest.time, `contact ${contact}: ${JSON.stringify(tokens[0])}`);
    }
  });

  it('masks issued tokens and secret inputs in URLs, whatever the script does with them', async () => {
    const uri = fileUri('legacy-orders.snippet');
    const secret = 'cs-9f8e7d6c5b4a3210';
    const apiKey = 'ak-1234abcd5678efgh';
    await server().open(
      uri,
      'cxone-snippet',
      [
        '// SNIPPET "Legacy order lookup": the old order system wants its token and key in the query string.',
        'ASSIGN tokenProxy = GetRESTProxy()',
        'tokenProxy.ContentType = "application/x-www-form-urlencoded"',
        'ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://auth.example-oms.com/oauth/token", ' +
          '"grant_type=client_credentials&client_id=ivr&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
        'ASSIGN accessToken = tokenResult.access_token',
        'ASSIGN ordersProxy = GetRESTProxy()',
        'ASSIGN orders = ordersProxy.MakeRestRequest("https://legacy.example-oms.com/orders?access_token=' +
          '{accessToken}&key={SECURE_API_KEY}&tag={SECURE_CLIENT_SECRET}", "", 0, "GET")',
      ].join('\n'),
    );
    const result = await simulate({
      textDocument: { uri },
      runs: 1,
      scenario: { variables: { SECURE_CLIENT_SECRET: secret, SECURE_API_KEY: apiKey } },
    });
    assert.ok('simulation' in result, JSON.stringify(result));
    const text = JSON.stringify(result);
    assert.doesNotMatch(text, /eyJ[\w-]{10,}\.[\w-]{2,}\./, 'an issued token is shown whole');
    assert.ok(!text.includes(secret) && !text.includes(apiKey), 'a secret input is shown whole');
    const orders = result.simulation.requests.at(-1)!;
    assert.match(orders.url, /^https:\/\/legacy\.example-oms\.com\/orders\?access_token=eyJh… \(\d+ chars\)&key=/);
    assert.ok(orders.url.includes(`&tag=${maskSecret(secret)}`), orders.url);
    assert.ok(orders.url.includes(`key=${maskSecret(apiKey)}`), orders.url);
  });

  it('refuses a .studio file: the guide notation is not runnable in Studio', async () => {
    const uri = fileUri('pattern-a-token-once.studio');
    await server().open(uri, 'cxone-studio', fixture(path.join('guide', 'pattern-a-token-once.studio')));
    const refusal = await refusalOf({ textDocument: { uri } });
    assert.match(
      refusal.error,
      /^Cannot simulate pattern-a-token-once\.studio: a \.studio file is in the guide notation, which Studio cannot/,
    );
    assert.match(refusal.error, /simulate the real Snippet code \(\.snippet\) or a Desktop Studio export \(\.xml\)\.$/);
    assert.deepEqual(refusal.details, []);
  });

  it('refuses code with syntax errors, listing them by line and column; a pasted token is never whole', async () => {
    const uri = fileUri('half-written.snippet');
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from('{"sub":"svc-ivr"}').toString('base64url')}.c2lnbmF0dXJl`;
    // A token pasted on a line of its own (meant for a header), and an IF left open.
    await server().open(uri, 'cxone-snippet', `${jwt}\nIF pasted = "" {\n  ASSIGN x = (1 + \n`);
    const refusal = await refusalOf({ textDocument: { uri } });
    assert.match(
      refusal.error,
      /^Cannot simulate half-written\.snippet: the code has \d+ syntax errors?; Studio's Check Syntax/,
    );
    assert.ok(refusal.details.length >= 3, refusal.details.join('\n'));
    assert.ok(
      refusal.details.every((d) => /^\d+:\d+ /.test(d)),
      refusal.details.join('\n'),
    );
    assert.ok(refusal.details[0]!.startsWith(`1:1 Expected = after ${maskSecret(jwt)}`), refusal.details[0]);
    assert.ok(!JSON.stringify(refusal).includes(jwt));
  });

  it('refuses documents that are not open, and XML that is no Studio export', async () => {
    const closed = await refusalOf({ textDocument: { uri: fileUri('never-opened.snippet') } });
    assert.equal(closed.error, 'Cannot simulate never-opened.snippet: it is not open in the language server.');
    const uri = fileUri('pom.xml');
    await server().open(uri, 'xml', '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n');
    const notOurs = await refusalOf({ textDocument: { uri } });
    assert.match(
      notOurs.error,
      /^Cannot simulate pom\.xml: only Snippet code \(\.snippet\) and Desktop Studio exports/,
    );
  });

  it('answers params that are not as documented with InvalidParams, naming the field', async () => {
    const uri = await openRuntimeFixture('pattern-a-token-once.snippet');
    const { connection } = server();
    const invalid = async (params: unknown, message: RegExp): Promise<void> => {
      const error = await responseError(connection.sendRequest(SIMULATE_REQUEST, params));
      assert.equal(error.code, ErrorCodes.InvalidParams, error.message);
      assert.match(error.message, message);
    };
    const none = await responseError(connection.sendRequest(SIMULATE_REQUEST));
    assert.equal(none.code, ErrorCodes.InvalidParams);
    await invalid({ durationSeconds: 7200 }, /textDocument\.uri must be a string/);
    await invalid({ textDocument: { uri }, durationSeconds: -5 }, /durationSeconds must be a number above 0/);
    await invalid({ textDocument: { uri }, durationSeconds: '2h' }, /durationSeconds must be a number above 0/);
    await invalid({ textDocument: { uri }, tokenLifetimeSeconds: 0 }, /tokenLifetimeSeconds must be a number above 0/);
    await invalid({ textDocument: { uri }, runs: 2.5 }, /runs must be a whole number above 0 and at most 10000/);
    await invalid(
      { textDocument: { uri }, contacts: 5000 },
      /contacts must be a whole number above 0 and at most 1000/,
    );
    await invalid({ textDocument: { uri }, scenario: [] }, /scenario must be an object/);
    await invalid(
      { textDocument: { uri }, scenario: { endpoints: [{ match: '(' }] } },
      /scenario: endpoints\[0\]\.match: not a valid regular expression/,
    );
    await invalid(
      { textDocument: { uri }, scenario: { contacts: { count: 20_000 } } },
      /contacts\.count must be at most 1000/,
    );
    const byPosition = new RequestType<string, SimulateResult, void>(SIMULATE_REQUEST, ParameterStructures.byPosition);
    const positional = await responseError(connection.sendRequest(byPosition, uri));
    assert.equal(positional.code, ErrorCodes.InvalidParams);
    // null means "the default", as JSON clients without undefined send it.
    const defaults = await simulationOf({ textDocument: { uri }, durationSeconds: null, runs: null } as never);
    assert.deepEqual([defaults.durationSeconds, defaults.tokenLifetimeSeconds, defaults.runs], [7200, 3600, 25]);
  });
});
