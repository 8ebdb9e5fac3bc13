import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clockText,
  pictureOf,
  STATUS_CLASSES,
  statusClassOf,
  settingsText,
  summaryText,
  tickStep,
  tickText,
  timelineOf,
} from '../../../client/simulation-view/picture';
import type { SimulationReport } from '../../../server/src/common/protocol-ids';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { Analysis, type SimulationOptions, simulationReport } from '../../../server/src/service';

/**
 * What the "Simulate Long Contact" view draws, from real simulations of the runtime fixtures (the same report the
 * language server answers with): lines, marks, bands, axes and the timeline table.
 */
const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'runtime');

function simulated(name: string, options: SimulationOptions = {}, text?: string): SimulationReport {
  const analysis = Analysis.of(
    { name, text: text ?? fs.readFileSync(path.join(FIXTURES, name), 'utf8') },
    DEFAULT_SETTINGS,
  );
  assert.ok(analysis, name);
  const outcome = analysis.simulate(options);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.problem);
  return simulationReport(`file:///workspace/${name}`, outcome.result);
}

describe('simulation view: the picture and the table', () => {
  it('Pattern A hold loop: one token line rising past the expiry, green marks below it, 401 marks above it', () => {
    const report = simulated('order-status-hold-loop-pattern-a.xml', {
      durationSeconds: 7200,
      tokenLifetimeSeconds: 3600,
    });
    const picture = pictureOf(report, 1);
    assert.equal(picture.tokenLines, 1);
    const [issued, held, gap] = picture.tokenLine;
    assert.deepEqual([issued!.y, gap!.y], [0, null]);
    assert.ok(held!.y! > picture.expiry, 'the line crosses the expiry line');
    assert.equal(picture.expiry, 3600);
    assert.equal(picture.marks.unauthorized.length, 11);
    assert.ok(picture.marks.unauthorized.every((m) => m.y > 3600 && m.shape === 'withToken'));
    assert.equal(picture.marks.ok.length, 13);
    assert.ok(picture.marks.ok.every((m) => m.y < 3600));
    assert.deepEqual(
      picture.marks.ok.filter((m) => m.shape === 'token').map((m) => [m.x, m.y]),
      [[0, 0]],
    );
    assert.match(
      picture.marks.unauthorized[0]!.text,
      /"Check order status", line 101: GET https:\/\/api\.example-oms\.com\S* → 401; token: 1:0\d:\d\d\.\d expired$/,
    );
    // Every PLAY and ONHOLD of the loop is a band, in time order, none overlapping the next.
    assert.ok(picture.bands.length > 40);
    assert.deepEqual(new Set(picture.bands.map((b) => b.label)), new Set(['PLAY', 'ONHOLD']));
    assert.ok(picture.bands.every((b, i) => b.start < b.end && (i === 0 || picture.bands[i - 1]!.end <= b.start)));
    assert.match(
      picture.bands.find((b) => b.label === 'ONHOLD')!.text,
      /^ONHOLD 11 "Hold music" 0:00:30\.4–0:05:30\.4: runs while the contact is on hold$/,
    );
    assert.deepEqual([picture.xMax, picture.xStep], [7200, 900]);
    assert.ok(picture.yMax >= held!.y! && picture.yMax % picture.yStep === 0);
  });

  it('Pattern A hold loop: the table lists requests and waits in time order, the expired ones marked', () => {
    const report = simulated('order-status-hold-loop-pattern-a.xml');
    const rows = timelineOf(report, 1);
    assert.equal(rows.length, report.requests.length + report.bands.length);
    assert.deepEqual(rows[0], {
      time: '0:00:00.0',
      action: 'SNIPPET 3 "Get OMS token"',
      place: { line: 37, column: 22 },
      request: 'POST https://auth.example-oms.com/oauth/token',
      status: '200',
      tokenAge: 'token request',
      tone: 'plain',
    });
    assert.deepEqual(rows[1], {
      time: '0:00:00.2',
      action: 'PLAY 5 "Welcome"',
      request: '(waits 0:00:15)',
      status: '',
      tokenAge: '',
      tone: 'wait',
    });
    const expired = rows.filter((r) => r.tone === 'expired');
    assert.equal(expired.length, 11);
    assert.ok(expired.every((r) => r.status === '401' && / expired$/.test(r.tokenAge) && r.place?.line === 101));
    const times = report.requests.map((r) => r.time);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.equal(
      settingsText(report),
      'order-status-hold-loop-pattern-a.xml: 1 contact of 2:00:00, tokens valid 1:00:00',
    );
    assert.equal(
      summaryText(report),
      '1 token request, 23 API requests; 11 sent an expired token; 11 answered 401; 0 runtime errors.',
    );
  });

  it('Strategy B (.snippet): a sawtooth of token lines that never reaches the expiry line, and no 401', () => {
    const report = simulated('strategy-b-cached-token.snippet', { durationSeconds: 7200, tokenLifetimeSeconds: 3600 });
    const picture = pictureOf(report, 1);
    assert.equal(picture.tokenLines, report.summary.tokenRequests);
    assert.ok(picture.tokenLines >= 3);
    assert.ok(picture.tokenLine.every((p) => p.y === null || p.y <= picture.expiry));
    assert.equal(picture.marks.unauthorized.length, 0);
    assert.equal(picture.marks.ok.length, report.requests.length);
    assert.deepEqual(picture.bands, [], 'a .snippet file has no long-running actions');
    assert.ok(timelineOf(report, 1).every((r) => r.tone === 'plain'));
    assert.match(
      settingsText(report),
      /strategy-b-cached-token\.snippet: 1 contact of 2:00:00, tokens valid 1:00:00, 25 runs of the SNIPPET$/,
    );
  });

  it('draws one contact at a time', () => {
    const report = simulated('pattern-a-token-once.snippet', {
      contacts: 3,
      runs: 4,
      scenario: { contacts: { startSeconds: [0, 600, 1200] } },
    });
    for (const contact of [1, 2, 3]) {
      const picture = pictureOf(report, contact);
      const marks = STATUS_CLASSES.reduce((sum, status) => sum + picture.marks[status].length, 0);
      assert.equal(marks, 5, `contact ${contact}: 1 token request and 4 API requests`);
      assert.equal(picture.tokenLines, 1);
      assert.equal(timelineOf(report, contact).length, 5);
    }
  });

  it('shows a timeout as a request without an answer, and the runtime error it raises at its line', () => {
    const text = [
      '// The token request times out: a transport failure ends the SNIPPET (its Error branch in an export).',
      'ASSIGN tokenProxy = GetRESTProxy()',
      'tokenProxy.ProxyTimeoutSeconds = 3',
      'ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://auth.example-crm.com/oauth/token", ' +
        '"grant_type=client_credentials", 0, "POST")',
    ].join('\n');
    const report = simulated(
      'token-timeout.snippet',
      { runs: 1, scenario: { endpoints: [{ match: '/oauth/token$', responses: [{ failure: 'timeout' }] }] } },
      text,
    );
    const [request, error] = timelineOf(report, 1);
    assert.deepEqual(
      [request!.status, request!.tone],
      ['no answer (no answer within ProxyTimeoutSeconds (3 s))', 'failed'],
    );
    assert.equal(pictureOf(report, 1).marks.noAnswer.length, 1);
    assert.deepEqual(
      [error!.time, error!.status, error!.tone, error!.place],
      ['0:00:03.0', 'runtime error', 'error', { line: 4, column: 22 }],
    );
    assert.match(error!.request, /^the REST request failed: no answer within ProxyTimeoutSeconds \(3 s\)/);
  });

  it('sorts statuses into the four mark classes', () => {
    assert.deepEqual([200, 204, 401, 403, 429, 500, -1, null].map(statusClassOf), [
      'ok',
      'ok',
      'unauthorized',
      'unauthorized',
      'otherStatus',
      'otherStatus',
      'otherStatus',
      'noAnswer',
    ]);
  });

  it('writes times as h:mm:ss and picks axis steps that give at most ten ticks', () => {
    assert.deepEqual(
      [clockText(0), clockText(7199.8), clockText(3600), clockText(3600, true), clockText(86_400 + 61.25)],
      ['0:00:00', '1:59:59.8', '1:00:00', '1:00:00.0', '24:01:01.3'],
    );
    assert.deepEqual([tickText(5400, 900), tickText(45, 10)], ['1:30', '0:00:45']);
    assert.deepEqual([tickStep(7200), tickStep(7920), tickStep(600), tickStep(864_000)], [900, 900, 60, 86_400]);
    for (const range of [1, 59, 600, 3600, 7200, 40_000, 864_000]) assert.ok(range / tickStep(range) <= 10, `${range}`);
  });
});
