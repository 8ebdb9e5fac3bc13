import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../../test/helpers/model-builder';
import { metaOf } from '../registry';

describe('token-fetch-in-loop (hand-built models)', () => {
  const CODE = 'token-fetch-in-loop';

  it('reports a token request inside a loop, not one guarded by an expiry check', () => {
    const text =
      'FOREACH id IN ids { r = tp.MakeRestRequest(tokenUrl, b, 0, "POST") }\nFOREACH id IN ids { IF utc >= exp - ' +
      '(300 / 86400) { r = tp.MakeRestRequest(tokenUrl, b, 0, "POST") } }';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.loop(() => u.restCall('tp.MakeRestRequest(tokenUrl, b, 0, "POST")', { client: 'tp', token: true }));
    const c = u.condition('IF utc >= exp', {
      expiry: {
        expiryVariable: 'exp',
        buffer: { kind: 'constant', seconds: 300 },
        refreshBranch: 'then',
        comparison: 'utc >= exp - (300 / 86400)',
      },
    });
    u.loop(() =>
      u.inside(c, 'then', () =>
        u.restCall('tp.MakeRestRequest(tokenUrl, b, 0, "POST")', { client: 'tp', token: true }),
      ),
    );
    const findings = run(b).filter((f) => f.code === CODE);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.range.start, text.indexOf('tp.MakeRestRequest'));
    assert.equal(metaOf(findings[0]!.code).defaultSeverity, 'information');
  });

  it('reports a token function in a JS loop', () => {
    const text = 'for (;;) { var t = GetOAuthToken(); }';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.loop(() => u.acquire('t = GetOAuthToken()', 't', 'function'));
    assert.deepEqual(summary(text, run(b), CODE), [`${CODE}@"t = GetOAuthToken()"`]);
  });

  it('reports three fresh fetches in one unit once, on the first, with the others related', () => {
    const text = 'a = GetOAuthToken()\nb = GetOAuthToken()\nc = GetOAuthToken()';
    const b = new ModelBuilder(text);
    b.unit('snippet')
      .acquire('a = GetOAuthToken()', 'a', 'function')
      .acquire('b = GetOAuthToken()', 'b', 'function')
      .acquire('c = GetOAuthToken()', 'c', 'function');
    const findings = run(b).filter((f) => f.code === CODE);
    assert.deepEqual(summary(text, findings), [`${CODE}@"a = GetOAuthToken()"`]);
    assert.match(findings[0]!.message, /fetches a new token 3 times in one run/);
    assert.equal(findings[0]!.related?.length, 2);
  });

  it('does not report two fetches', () => {
    const text = 'a = GetOAuthToken()\nb = GetOAuthToken()';
    const b = new ModelBuilder(text);
    b.unit('snippet').acquire('a = GetOAuthToken()', 'a', 'function').acquire('b = GetOAuthToken()', 'b', 'function');
    assert.deepEqual(summary(text, run(b), CODE), []);
  });
});
