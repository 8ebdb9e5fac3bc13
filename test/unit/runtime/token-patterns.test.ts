import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ParsedDocument } from '../../../server/src/documents/parsed-document';
import { type SimulationOptions, simulateDocument } from '../../../server/src/runtime/simulate';
import type { SimulationResult } from '../../../server/src/runtime/simulation-result';
import { documentAt } from './run-code';

const FIXTURES = join(__dirname, '../../fixtures/runtime');
const fixture = (name: string): ParsedDocument => documentAt(join(FIXTURES, name));

function simulate(document: ParsedDocument, options: SimulationOptions = {}): SimulationResult {
  const outcome = simulateDocument(document, options);
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.problem} ${outcome.details.join('; ')}`);
  return outcome.result;
}

const TWO_HOURS = { durationSeconds: 7200, tokenLifetimeSeconds: 3600 };

describe('runtime: the guide’s token patterns over a 2-hour contact with 1-hour tokens', () => {
  describe('Pattern A (token fetched once, reused)', () => {
    it('as a .snippet run every 5 minutes: sends an expired token after an hour and gets 401', () => {
      const result = simulate(fixture('pattern-a-token-once.snippet'), TWO_HOURS);
      const { summary } = result;
      assert.equal(summary.tokenRequests, 1);
      assert.equal(summary.runtimeErrors, 0);
      assert.ok(summary.expiredTokenRequests > 0);
      assert.equal(summary.status401, summary.expiredTokenRequests);
      const firstExpired = result.requests.find((r) => r.token?.expired)!;
      assert.ok(firstExpired.token!.ageSeconds >= 3600);
      assert.equal(firstExpired.status, 401);
      // every request before the first expired one carried a valid token and succeeded
      for (const r of result.requests.filter((q) => q.kind === 'api' && q.time < firstExpired.time))
        assert.deepEqual([r.status, r.token?.expired], [200, false]);
    });

    it('as an export (token at BEGIN, used after the menu and the agent leg): the update gets 401', () => {
      const result = simulate(fixture('pattern-a-token-at-begin.xml'), TWO_HOURS);
      assert.equal(result.summary.expiredTokenRequests, 1);
      assert.equal(result.summary.status401, 1);
      const update = result.requests.find((r) => r.kind === 'api')!;
      assert.match(update.action, /^SNIPPET 11 "Update CRM after the call"$/);
      assert.ok(update.time > 3600);
      assert.deepEqual(
        result.actions.map((a) => a.type),
        ['BEGIN', 'SNIPPET', 'PLAY', 'MENU', 'REQAGENT', 'SNIPPET', 'HANGUP'],
      );
    });

    it('a contact shorter than the token lifetime never sees the problem (why QA misses it)', () => {
      const result = simulate(fixture('pattern-a-token-once.snippet'), { durationSeconds: 1800 });
      assert.equal(result.summary.expiredTokenRequests, 0);
    });
  });

  for (const [name, file] of [
    ['Strategy A (fresh token per call) as a .snippet', 'strategy-a-fresh-token.snippet'],
    ['Strategy A as an export', 'strategy-a-fresh-token-export.xml'],
    ['Strategy B (cached, refreshed before expiry) as a .snippet', 'strategy-b-cached-token.snippet'],
    ['Strategy B as an export', 'strategy-b-cached-token-export.xml'],
    ['jittered Strategy B as a .snippet', 'strategy-b-jittered-buffer.snippet'],
  ] as const) {
    it(`${name}: no expired token, no 401, no runtime error`, () => {
      const { summary } = simulate(fixture(file), TWO_HOURS);
      assert.ok(summary.apiRequests >= 2);
      assert.deepEqual([summary.expiredTokenRequests, summary.status401, summary.runtimeErrors], [0, 0, 0]);
    });
  }

  it('Strategy B in a self-service menu loop (an export walked for 2 hours): ~200 calls, no expired token', () => {
    const result = simulate(fixture('self-service-menu-loop-strategy-b.xml'), {
      ...TWO_HOURS,
      scenario: { variables: { ANI: '5551234' }, actions: { '4': { branch: ['1', '2', '3'], cycle: true } } },
    });
    const { summary } = result;
    assert.ok(summary.apiRequests > 150, `${summary.apiRequests} API requests`);
    assert.deepEqual([summary.expiredTokenRequests, summary.status401, summary.runtimeErrors], [0, 0, 0]);
    assert.ok(summary.tokenRequests <= Math.ceil(7200 / (3600 - 300)) + 1);
    const visited = new Set(result.actions.map((a) => a.action));
    for (const caption of ['Balance lookup', 'Recent orders', 'Payment promise'])
      assert.ok(
        [...visited].some((a) => a.includes(caption)),
        caption,
      );
  });

  it('Strategy A asks for one token per call; Strategy B far fewer', () => {
    const a = simulate(fixture('strategy-a-fresh-token.snippet'), TWO_HOURS).summary;
    const b = simulate(fixture('strategy-b-cached-token.snippet'), TWO_HOURS).summary;
    assert.equal(a.tokenRequests, a.apiRequests);
    assert.ok(b.tokenRequests < a.tokenRequests / 5);
  });

  describe('Strategy B makes at most ⌈duration / (lifetime − buffer)⌉ + 1 token requests', () => {
    const BUFFER = 300;
    const cases = [
      { durationSeconds: 7200, tokenLifetimeSeconds: 3600, runs: 25 },
      { durationSeconds: 7200, tokenLifetimeSeconds: 3600, runs: 721 },
      { durationSeconds: 14_400, tokenLifetimeSeconds: 1800, runs: 97 },
      { durationSeconds: 10_817, tokenLifetimeSeconds: 900, runs: 400 },
      { durationSeconds: 3600, tokenLifetimeSeconds: 600, runs: 61 },
    ];
    for (const c of cases) {
      const bound = Math.ceil(c.durationSeconds / (c.tokenLifetimeSeconds - BUFFER)) + 1;
      it(`${c.durationSeconds} s, tokens of ${c.tokenLifetimeSeconds} s, ${c.runs} runs: at most ${bound}`, () => {
        const { summary } = simulate(fixture('strategy-b-cached-token.snippet'), c);
        assert.ok(summary.tokenRequests <= bound, `${summary.tokenRequests} token requests > ${bound}`);
        assert.ok(summary.tokenRequests >= Math.floor(c.durationSeconds / c.tokenLifetimeSeconds));
        assert.equal(summary.expiredTokenRequests, 0);
      });
    }
  });

  it('1,000 contacts starting in one second with jittered Strategy B spread refreshes over the window', function () {
    this.timeout(120_000);
    const contacts = 1000;
    const result = simulate(fixture('strategy-b-jittered-buffer.snippet'), {
      ...TWO_HOURS,
      contacts,
      runs: 121, // every 60 s
    });
    assert.equal(result.summary.expiredTokenRequests, 0);
    // The refresh of each contact's first token: lifetime − buffer, buffer = 120 + ContactID % 361 (120–480 s).
    const tokenTimes = new Map<number, number[]>();
    for (const r of result.requests) {
      if (r.kind !== 'token') continue;
      const times = tokenTimes.get(r.contact) ?? [];
      times.push(r.time);
      tokenTimes.set(r.contact, times);
    }
    const refreshes: number[] = [];
    for (let contact = 1; contact <= contacts; contact++) {
      const second = tokenTimes.get(contact)?.[1];
      assert.ok(second !== undefined, `contact ${contact} refreshed its token`);
      refreshes.push(second);
    }
    const windowStart = 3600 - 480;
    const windowEnd = 3600 - 120;
    const bin = 60;
    const bins = new Map<number, number>();
    for (const t of refreshes) {
      assert.ok(t >= windowStart - 60 && t <= windowEnd + 60, `refresh at ${t} s is outside the jitter window`);
      const start = Math.floor(t / bin) * bin;
      bins.set(start, (bins.get(start) ?? 0) + 1);
    }
    const rows = [...bins.entries()].sort((a, b) => a[0] - b[0]);
    const largest = Math.max(...rows.map(([, n]) => n));
    console.log(
      `\n      refreshes of 1,000 contacts started together (jittered Strategy B, runs every 60 s, 60 s bins):\n${rows
        .map(
          ([start, n]) =>
            `      ${String(start).padStart(5)}–${start + bin} s ` +
            `${String(n).padStart(4)} ${'#'.repeat(Math.round(n / 5))}`,
        )
        .join('\n')}`,
    );
    assert.ok(rows.length >= 6, `refreshes fall in ${rows.length} minute bins only`);
    assert.ok(largest <= contacts / 4, `${largest} contacts refresh in the same minute`);
  });

  it('without jitter the same contacts all refresh in the same minute (what the jitter is for)', () => {
    const contacts = 100;
    const result = simulate(fixture('strategy-b-cached-token.snippet'), { ...TWO_HOURS, contacts, runs: 121 });
    const refreshMinutes = new Set<number>();
    const seen = new Map<number, number>();
    for (const r of result.requests) {
      if (r.kind !== 'token') continue;
      const n = (seen.get(r.contact) ?? 0) + 1;
      seen.set(r.contact, n);
      if (n === 2) refreshMinutes.add(Math.floor(r.time / 60));
    }
    assert.equal(seen.size, contacts);
    assert.equal(refreshMinutes.size, 1);
  });
});
