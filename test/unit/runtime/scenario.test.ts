import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedDocument } from '../../../server/src/documents/parsed-document';
import { parseDocument } from '../../../server/src/documents/parsed-document';
import { parseScenario, type Scenario } from '../../../server/src/runtime/scenario';
import { type SimulationOptions, simulateDocument } from '../../../server/src/runtime/simulate';
import type { SimulationResult } from '../../../server/src/runtime/simulation-result';
import { documentAt } from './run-code';

const FIXTURES = join(__dirname, '../../fixtures/runtime');

function scenario(json: unknown): Scenario {
  const parsed = parseScenario(JSON.stringify(json));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.scenario;
}

function simulate(document: ParsedDocument, options: SimulationOptions): SimulationResult {
  const outcome = simulateDocument(document, options);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.problem);
  return outcome.result;
}

const snippet = (code: string): ParsedDocument => parseDocument('snippet', code)!;

describe('runtime: scenario files', () => {
  describe('validation names the field that is wrong', () => {
    const bad: [string, string, RegExp][] = [
      ['not JSON', '{ "endpoints": [ }', /^not valid JSON/],
      ['an unknown field', '{ "endpoint": [] }', /Unrecognized key.*endpoint/],
      [
        'a bad regular expression',
        '{ "endpoints": [ { "match": "(" } ] }',
        /^endpoints\[0\]\.match: not a valid regular expression/,
      ],
      [
        'a status that is no HTTP status',
        '{ "endpoints": [ { "match": "x", "statuses": [200, 1000] } ] }',
        /^endpoints\[0\]\.statuses\[1\]:/,
      ],
      [
        'both responses and statuses',
        '{ "endpoints": [ { "match": "x", "statuses": [200], "responses": [{}] } ] }',
        /^endpoints\[0\]: give responses or statuses, not both/,
      ],
      ['a negative duration', '{ "actionDurations": { "MENU": -5 } }', /^actionDurations\.MENU:/],
      [
        'an action id that is not a number',
        '{ "actions": { "menu": { "branch": "2" } } }',
        /^actions\.menu: the key must be an action id/,
      ],
      ['a bad start time', '{ "startTime": "yesterday" }', /^startTime:/],
      [
        'a failure kind it does not know',
        '{ "endpoints": [ { "match": "x", "responses": [ { "failure": "dns" } ] } ] }',
        /^endpoints\[0\]\.responses\[0\]\.failure:/,
      ],
    ];
    for (const [name, text, message] of bad) {
      it(name, () => {
        const parsed = parseScenario(text);
        assert.equal(parsed.ok, false);
        assert.match(parsed.ok ? '' : parsed.error, message);
      });
    }
  });

  it('the example scenario in the README is valid', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Simulating a long contact'));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(example, 'the studio-sim section shows a scenario');
    const parsed = parseScenario(example);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    assert.equal(parsed.scenario.contacts?.count, 1000);
  });

  it('status sequences: a 429 from the token endpoint, then 200 (the token error path runs, then recovers)', () => {
    const result = simulate(documentAt(join(FIXTURES, 'strategy-b-cached-token.snippet')), {
      durationSeconds: 600,
      runs: 3,
      scenario: scenario({ endpoints: [{ match: '/oauth/token$', statuses: [429, 200] }] }),
    });
    assert.deepEqual(
      result.requests.map((r) => [r.kind, r.status]),
      [
        ['token', 429],
        ['token', 200],
        ['api', 200],
        ['api', 200],
      ],
    );
  });

  it('a timeout leaves the SNIPPET by its Error branch and is reported; the rest of the action does not run', () => {
    const code = [
      'p = GetRESTProxy()',
      'p.ProxyTimeoutSeconds = 2',
      'r = p.MakeRestRequest("https://api.example-crm.com/v2/slow", "", 0, "GET")',
      'after = "ran"',
    ].join('\n');
    const result = simulate(snippet(code), {
      durationSeconds: 60,
      runs: 1,
      scenario: scenario({ endpoints: [{ match: 'slow', responses: [{ failure: 'timeout' }] }] }),
    });
    assert.equal(result.requests[0]!.status, null);
    assert.equal(result.requests[0]!.failure, 'no answer within ProxyTimeoutSeconds (2 s)');
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.kind, 'transport');
    assert.equal(result.errors[0]!.line, 3);
    assert.equal(result.actions[0]!.durationSeconds, 2);
  });

  it('REST calls in an endless loop stop at the time limit of one SNIPPET execution, with a clear message', () => {
    const code =
      'p = GetRESTProxy()\nREPEAT 1000000\n{\n  r = p.MakeRestRequest("https://api.example.com/poll", "", 0, "GET")\n}';
    const result = simulate(snippet(code), { runs: 1 });
    // 600 s at 0.2 s a request: about 3,000 (sums of 0.2 are not exact in floating point)
    assert.ok(Math.abs(result.requests.length - 3000) <= 1, `${result.requests.length} requests`);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]!.kind, 'limit');
    assert.match(result.errors[0]!.message, /has spent 600 s of simulated time on requests/);
    assert.equal(result.errors[0]!.line, 4);
  });

  it('a latency above ProxyTimeoutSeconds is a timeout too', () => {
    const code =
      'p = GetRESTProxy()\np.ProxyTimeoutSeconds = 1\nr = p.MakeRestRequest("https://x.example.com/a", "", 0, "GET")';
    const result = simulate(snippet(code), {
      runs: 1,
      scenario: scenario({ endpoints: [{ match: 'example', latencySeconds: 4 }] }),
    });
    assert.equal(result.requests[0]!.status, null);
  });

  it('clock skew: an API clock 90 s ahead rejects a token the script trusts (no buffer); a buffer covers it', () => {
    const noBuffer = [
      'IF tok = "" | (exp - utc) * 86400 <= 0',
      '{',
      '  p = GetRESTProxy()',
      '  r = p.MakeRestRequest("https://idp.example.com/oauth2/token", "grant_type=client_credentials", 0, "POST")',
      '  tok = r.access_token',
      '  exp = utc + (r.expires_in / 86400)',
      '}',
      'api = GetRESTProxy()',
      'api.AddHeader("Authorization", "Bearer {tok}")',
      'x = api.MakeRestRequest("https://api.example.com/v1/data", "", 0, "GET")',
    ].join('\n');
    const skew = scenario({ clockSkewSeconds: 90 });
    const options = { durationSeconds: 3600, tokenLifetimeSeconds: 600, runs: 241, scenario: skew };
    const unbuffered = simulate(snippet(noBuffer), options);
    assert.ok(unbuffered.summary.expiredTokenRequests > 0);
    const buffered = simulate(snippet(noBuffer.replace('<= 0', '<= 120')), options);
    assert.equal(buffered.summary.expiredTokenRequests, 0);
  });

  it('initial variables, action durations and branch choices steer an export walk', () => {
    const document = documentAt(join(FIXTURES, 'strategy-a-fresh-token-export.xml'));
    const result = simulate(document, {
      durationSeconds: 7200,
      scenario: scenario({
        variables: { ANI: '5551234', SECURE_CLIENT_SECRET: 'kX9#mQ2vL7pR4tW8' },
        actionDurations: { MENU: 45 },
        actions: { '9': { durationSeconds: 600 } },
      }),
    });
    const lookup = result.requests.find((r) => r.kind === 'api')!;
    assert.equal(lookup.url, 'https://api.example-crm.com/v2/accounts?phone=5551234');
    const menu = result.actions.find((a) => a.type === 'MENU')!;
    const agent = result.actions.find((a) => a.type === 'REQAGENT')!;
    assert.equal(menu.durationSeconds, 45);
    assert.equal(agent.durationSeconds, 600);
    assert.ok(result.secrets.includes('kX9#mQ2vL7pR4tW8'));
  });

  it('a branch choice the action does not have is reported and ends the contact', () => {
    const document = documentAt(join(FIXTURES, 'pattern-a-token-at-begin.xml'));
    const result = simulate(document, { scenario: scenario({ actions: { '7': { branch: '9' } } }) });
    assert.equal(result.errors.length, 1);
    assert.match(
      result.errors[0]!.message,
      /chooses branch "9", which action 7 does not have \(it has: OnTimeout, 1, 2\)/,
    );
    assert.equal(result.actions.at(-1)!.type, 'MENU');
  });

  it('contacts start at the given offsets with consecutive ContactIDs', () => {
    const result = simulate(
      snippet('p = GetRESTProxy()\nr = p.MakeRestRequest("https://api.example.com/{ContactID}", "", 0, "GET")'),
      {
        runs: 1,
        scenario: scenario({ contacts: { count: 3, startSeconds: [0, 30], firstContactId: 700 } }),
      },
    );
    assert.deepEqual(
      result.requests.map((r) => r.url),
      ['https://api.example.com/700', 'https://api.example.com/701', 'https://api.example.com/702'],
    );
  });

  it('a .studio document is refused: the guide notation is not runnable in Studio', () => {
    const outcome = simulateDocument(parseDocument('guide', 'ASSIGN strToken = GetOAuthToken();\n')!);
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.problem, /guide notation, which Studio cannot run/);
  });

  it("code with syntax errors is refused with each error's position", () => {
    const outcome = simulateDocument(snippet('x = "unterminated\nIF x {\n'));
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.problem, /syntax error/);
    assert.ok(!outcome.ok && outcome.details.every((d) => /^\d+:\d+ /.test(d)));
  });
});
