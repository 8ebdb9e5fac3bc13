import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { fixAllText, type Scenario } from '../../../server/src/service';
import { readAnnotated } from '../../helpers/annotated';
import { beforeAfter, LONG_CONTACT, type Outcome, type RunFigures, simulateText } from '../../helpers/fix-simulation';
import {
  IDP_500,
  IDP_TIMEOUT,
  NO_EXPIRES_IN,
  ONE_401,
  PLACEHOLDER_FAILS_CLOSED,
  viaBranch,
} from '../../helpers/simulation-scenarios';
import { runCode, START_UNIX } from '../runtime/run-code';

/**
 * Issue 12: the fixes proven by behaviour. Every Pattern A fixture (both notations Studio runs: .snippet files and
 * exports) is simulated over a two-hour contact with one-hour tokens before and after fix-all, then the fixed script
 * is run against an identity provider that fails (500, timeout, a `.invalid` placeholder, no expires_in) and an API
 * that rejects a token once.
 */
const ROOT = join(__dirname, '..', '..', '..');
/** Refreshes a two-hour contact with one-hour tokens and a 300 s buffer can need, plus the first fetch. */
const TOKEN_REQUEST_BOUND = Math.ceil(7200 / (3600 - 300)) + 1;

interface Case {
  readonly file: string;
  /** Export walks: the menu action and the branch that leads to the token's use. */
  readonly branch?: readonly [number, string];
  /** Variables an earlier action of the real script sets (a token endpoint kept in a variable). */
  readonly variables?: Readonly<Record<string, string>>;
}

const PATTERN_A: readonly Case[] = [
  { file: 'test/fixtures/runtime/pattern-a-token-once.snippet' },
  { file: 'examples/customer-lookup-pattern-a.snippet' },
  { file: 'test/fixtures/fixes/pattern-a-lookup.snippet' },
  { file: 'test/fixtures/fixes/six-calls-hardcoded-bearer.snippet' },
  {
    file: 'test/fixtures/rules/token-reuse-without-expiry/token-fetched-in-one-branch.snippet',
    variables: { tokenUrl: 'https://login.example-shop.com/oauth/token' },
  },
  { file: 'test/fixtures/rules/token-reuse-without-expiry/token-from-earlier-action.snippet' },
  { file: 'test/fixtures/runtime/pattern-a-token-at-begin.xml' },
  { file: 'examples/ivr-token-at-begin-used-after-hold.xml', branch: [5, '1'] },
  { file: 'test/fixtures/fixes/pattern-a-across-actions.xml', branch: [5, '1'] },
  { file: 'test/fixtures/export/token-at-begin-used-after-menu.xml', branch: [5, '1'] },
  { file: 'test/fixtures/rules/token-reuse-without-expiry/token-at-begin-used-after-menu.xml', branch: [5, '2'] },
];

function scenarioFor(c: Case, base: Scenario): Scenario {
  const withVariables = c.variables ? { ...base, variables: { ...base.variables, ...c.variables } } : base;
  return c.branch ? viaBranch(c.branch[0], c.branch[1], withVariables) : withVariables;
}

function ran(outcome: Outcome, what: string): RunFigures {
  assert.ok(outcome.ok, `${what}: ${outcome.ok ? '' : outcome.problem}`);
  return outcome.figures;
}

function fixedText(file: string): string {
  const text = readAnnotated(readFileSync(join(ROOT, file), 'utf8')).text;
  return fixAllText(file, undefined, text, DEFAULT_SETTINGS).text;
}

/** Runs a .snippet file's code many times in a contact (every minute): what the buffer and fallbacks are made for. */
const DENSE_RUNS = 120;

describe('issue 12: the fixes in the simulator', () => {
  describe('a two-hour contact with one-hour tokens, before and after fix-all', () => {
    for (const c of PATTERN_A) {
      it(`${c.file}: expired tokens or 401s before; none after, at most ${TOKEN_REQUEST_BOUND} token requests`, () => {
        const { before, after } = beforeAfter(ROOT, join(ROOT, c.file), scenarioFor(c, LONG_CONTACT));
        const b = ran(before, 'before');
        assert.ok(b.expiredTokenRequests > 0 || b.status401 > 0, `before: ${JSON.stringify(b)}`);
        const a = ran(after, 'after');
        assert.deepEqual(
          [a.expiredTokenRequests, a.status401, a.runtimeErrors, a.apiRequestsWithoutIssuedToken],
          [0, 0, 0, 0],
          `after: ${JSON.stringify(a)}`,
        );
        assert.ok(a.apiRequests >= b.apiRequests, 'every call the script made is still made');
        assert.ok(a.tokenRequests >= 1 && a.tokenRequests <= TOKEN_REQUEST_BOUND, `after: ${JSON.stringify(a)}`);
      });
    }

    it('an export whose contact is shorter than the token fetches one token, not two (point 10)', () => {
      const c = PATTERN_A.find((p) => p.file === 'examples/ivr-token-at-begin-used-after-hold.xml')!;
      const short = scenarioFor(c, { ...LONG_CONTACT, durationSeconds: 1800 });
      const a = ran(simulateText(c.file, fixedText(c.file), short), 'after');
      assert.equal(a.tokenRequests, 1, JSON.stringify(a));
      assert.equal(a.apiRequests, 1);
    });
  });

  describe('the identity provider fails: the error path, and never a call without a token (point 11)', () => {
    for (const c of PATTERN_A) {
      it(`${c.file}: 500, timeout, and a .invalid placeholder send no call without a token`, () => {
        const text = fixedText(c.file);
        for (const [name, base] of [
          ['500', IDP_500],
          ['timeout', IDP_TIMEOUT],
          ['placeholder', PLACEHOLDER_FAILS_CLOSED],
        ] as const) {
          const a = ran(simulateText(c.file, text, scenarioFor(c, base)), name);
          assert.equal(a.apiRequestsWithoutIssuedToken, 0, `${name}: ${JSON.stringify(a)}`);
          assert.equal(a.status401, 0, `${name}: ${JSON.stringify(a)}`);
          // A transport failure leaves the SNIPPET by its Error branch (an export with no Error branch connected ends
          // the contact there): those are the only errors allowed.
          assert.ok(
            a.errors.every((e) => e.startsWith('transport:') || /^flow: .*has no Error branch/.test(e)),
            `${name}: ${a.errors.join('; ')}`,
          );
        }
      });
    }

    it('a fixed script whose endpoint is a placeholder sends nothing at all until it is filled in', () => {
      const text = fixedText('test/fixtures/fixes/six-calls-hardcoded-bearer.snippet');
      assert.match(text, /token-endpoint\.invalid/);
      const a = ran(simulateText('six.snippet', text, PLACEHOLDER_FAILS_CLOSED), 'placeholder');
      assert.equal(a.apiRequests, 0, JSON.stringify(a));
    });
  });

  describe('token responses without expires_in refresh a bounded number of times (point 11)', () => {
    for (const c of PATTERN_A.filter((p) => p.file.endsWith('.snippet'))) {
      it(`${c.file}: at most one token request per 300 s over ${DENSE_RUNS} runs`, () => {
        const a = ran(
          simulateText(c.file, fixedText(c.file), scenarioFor(c, NO_EXPIRES_IN), DENSE_RUNS),
          'no expires_in',
        );
        assert.equal(a.runtimeErrors, 0, a.errors.join('; '));
        assert.ok(a.tokenRequests <= Math.ceil(7200 / 300) + 1, JSON.stringify(a));
        assert.equal(a.apiRequests % DENSE_RUNS, 0, 'every run makes its calls');
        assert.ok(a.apiRequests >= DENSE_RUNS, 'every run makes its calls');
      });
    }
  });

  describe('a 401 from the API (point 11)', () => {
    for (const c of PATTERN_A.filter((p) => p.file.endsWith('.snippet'))) {
      it(`${c.file}: one 401 stays one 401, with no expired token and a bounded number of token requests`, () => {
        const a = ran(simulateText(c.file, fixedText(c.file), scenarioFor(c, ONE_401)), '401');
        assert.equal(a.status401, 1, JSON.stringify(a));
        assert.equal(a.expiredTokenRequests, 0);
        assert.ok(a.tokenRequests <= TOKEN_REQUEST_BOUND + 1, JSON.stringify(a));
      });
    }
  });

  it('the Strategy B example sets the buffer its refresh reads, and runs as documented (point 12)', () => {
    const text = readFileSync(join(ROOT, 'examples/cached-token-strategy-b.snippet'), 'utf8');
    assert.match(text, /ASSIGN refreshBufferSeconds = 120 \+ \(ContactID % 361\)/);
    assert.match(text, /tokenExpiry - utc <= refreshBufferSeconds \/ 86400/);
    const a = ran(simulateText('example.snippet', text, LONG_CONTACT), 'example');
    assert.deepEqual([a.expiredTokenRequests, a.status401, a.runtimeErrors], [0, 0, 0], JSON.stringify(a));
    assert.ok(a.tokenRequests >= 2 && a.tokenRequests <= TOKEN_REQUEST_BOUND, JSON.stringify(a));
  });

  describe("the rules' fixtures where behaviour applies", () => {
    it('unchecked-auth-status: a token never refreshed gets 401 on every call before, none after', () => {
      const { before, after } = beforeAfter(
        ROOT,
        join(ROOT, 'test/fixtures/rules/unchecked-auth-status/response-read-without-check.snippet'),
      );
      assert.ok(ran(before, 'before').status401 > 0);
      const a = ran(after, 'after');
      assert.deepEqual([a.status401, a.expiredTokenRequests, a.runtimeErrors], [0, 0, 0], JSON.stringify(a));
    });

    it('hardcoded-token: a pasted JWT is rejected before; the fetched token is accepted after', () => {
      const { before, after } = beforeAfter(
        ROOT,
        join(ROOT, 'test/fixtures/rules/hardcoded-token/pasted-jwt-export.xml'),
      );
      assert.ok(ran(before, 'before').status401 > 0);
      const a = ran(after, 'after');
      assert.deepEqual([a.status401, a.expiredTokenRequests, a.runtimeErrors], [0, 0, 0], JSON.stringify(a));
    });

    for (const file of [
      'test/fixtures/rules/token-expiry-no-buffer/refresh-at-expiry.snippet',
      'test/fixtures/rules/token-expiry-no-buffer/still-valid-branch.snippet',
      'test/fixtures/rules/token-expiry-no-buffer/unbuffered-check-export.xml',
    ]) {
      it(`${file}: the bare time comparison cannot run as documented before (point 1); after, it runs`, () => {
        const { before, after } = beforeAfter(ROOT, join(ROOT, file));
        const b = ran(before, 'before');
        assert.ok(
          b.errors.some((e) => /unsupported/.test(e) && /date/.test(e)),
          `before: ${b.errors.join('; ')}`,
        );
        const a = ran(after, 'after');
        assert.deepEqual([a.runtimeErrors, a.expiredTokenRequests], [0, 0], a.errors.join('; '));
      });
    }
  });
});

describe('issue 12: one run of the fixed code, variable by variable', () => {
  const tokenAnswer =
    (
      tokenStatus: number,
      apiStatus: number,
      body: Record<string, unknown> = { access_token: 'tok-1', expires_in: 3599 },
    ) =>
    (request: { url: string }) =>
      /token/.test(request.url)
        ? {
            kind: 'response' as const,
            status: tokenStatus,
            statusDescription: '',
            body: tokenStatus === 200 ? body : {},
          }
        : {
            kind: 'response' as const,
            status: apiStatus,
            statusDescription: '',
            body: { name: 'Jordan', tier: 'Gold', data: { tier: 'Gold' } },
          };
  const bearerOf = (request: { headers: readonly (readonly [string, string])[] }): string | undefined =>
    request.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1];

  it('before: Pattern A code sends an empty Bearer when the token request fails', () => {
    const code = readFileSync(join(ROOT, 'test/fixtures/runtime/pattern-a-token-once.snippet'), 'utf8');
    const run = runCode(code, { answer: tokenAnswer(500, 401) });
    assert.ok(run.requests.some((r) => bearerOf(r) !== undefined && /^Bearer\s*$/.test(bearerOf(r)!)));
  });

  for (const file of [
    'examples/customer-lookup-pattern-a.snippet',
    'test/fixtures/runtime/pattern-a-token-once.snippet',
  ]) {
    it(`${file}: a failed token request sets the token's error and sends no call`, () => {
      const run = runCode(fixedText(file), { answer: tokenAnswer(500, 200) });
      assert.equal(run.fault, null);
      assert.deepEqual(
        run.requests.map((r) => bearerOf(r) ?? 'no Authorization'),
        ['no Authorization'],
        'only the token request',
      );
      assert.equal(run.get('accessToken') ?? '', '');
      assert.match(String(run.get('accessTokenError')), /^(?:TOKEN_HTTP_500|NO_TOKEN)$/);
    });

    it(`${file}: a response without expires_in keeps the token for 600 s, not 0`, () => {
      const run = runCode(fixedText(file), { answer: tokenAnswer(200, 200, { access_token: 'tok-1' }) });
      assert.equal(run.fault, null);
      const expiry = Number(run.get('accessTokenExpiry'));
      const nowDays = START_UNIX / 86400 + 25569; // Unix seconds → OLE Automation date
      assert.ok(Math.abs((expiry - nowDays) * 86400 - 600) < 1, `expiry is ${(expiry - nowDays) * 86400} s away`);
    });
  }

  it('customer-lookup-pattern-a.snippet: a 401 clears the cache and takes the error path, with no retry', () => {
    const run = runCode(fixedText('examples/customer-lookup-pattern-a.snippet'), { answer: tokenAnswer(200, 401) });
    assert.equal(run.fault, null);
    assert.equal(run.requests.filter((r) => bearerOf(r) !== undefined).length, 1, 'one call, no retry');
    assert.equal(bearerOf(run.requests[1]!), 'Bearer tok-1');
    assert.equal(run.get('accessToken'), '');
    assert.equal(run.get('accessTokenExpiry'), '');
    assert.equal(run.get('accessTokenError'), 'AUTH_FAILURE');
  });
});
