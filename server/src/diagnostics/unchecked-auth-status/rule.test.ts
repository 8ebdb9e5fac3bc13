import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../../test/helpers/model-builder';

describe('unchecked-auth-status (hand-built models)', () => {
  const CODE = 'unchecked-auth-status';
  const CALL = 'crmProxy.MakeRestRequest(url, "", 0, "GET")';

  it('reports an API call whose status is never examined, on the call', () => {
    const text = `ASSIGN customer = ${CALL}`;
    const b = new ModelBuilder(text);
    b.unit('snippet').restCall(CALL, { client: 'crmproxy', auth: ['accesstoken'] });
    const findings = run(b);
    assert.deepEqual(summary(text, findings, CODE), [`${CODE}@${JSON.stringify(CALL)}`]);
    assert.match(findings[0]!.message, /never checked/);
  });

  it('does not report token requests (token-fetch-unchecked covers them)', () => {
    const text = 'tokenProxy.MakeRestRequest(tokenUrl, body, 0, "POST")';
    const b = new ModelBuilder(text);
    b.unit('snippet').restCall(text, { client: 'tokenproxy', token: true });
    assert.deepEqual(run(b), []);
  });

  it('accepts 401/403 handled through a status copy checked in a SELECT whose branch takes an error path', () => {
    const text = `${CALL}\ncode = "{crmProxy.StatusCode}"\nCASE code = 401\nCASE code = 403\napiError = "AUTH"`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.restCall(CALL, { client: 'crmproxy' });
    u.statusCopy('code = "{crmProxy.StatusCode}"', 'code', 'crmproxy');
    const c = u.condition('CASE code = 401\nCASE code = 403', { reads: ['code'], status: { equals: [401, 403] } });
    u.inside(c, 'then', () => u.errorPath('apiError = "AUTH"'));
    assert.deepEqual(run(b), []);
  });

  it('reports a 401/403 CASE whose branch does nothing (issue 13)', () => {
    const text = `${CALL}\nCASE crmProxy.StatusCode = 401\n// TODO handle`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const id = u.restCall(CALL, { client: 'crmproxy' });
    u.condition('CASE crmProxy.StatusCode = 401', { reads: ['crmproxy'], status: { callId: id, equals: [401] } });
    const findings = run(b);
    assert.deepEqual(summary(text, findings, CODE), [`${CODE}@${JSON.stringify(CALL)}`]);
    assert.match(findings[0]!.message, /the branch for 401\/403 does nothing about it \(empty, or comments only\)/);
  });

  it('reports a success-only check with no ELSE, and accepts one whose ELSE takes an error path', () => {
    const text = `${CALL}\nIF crmProxy.StatusCode = 200 { name = customer.name } ELSE { apiError = "HTTP" }`;
    const successOnly = new ModelBuilder(text);
    const u1 = successOnly.unit('snippet');
    const id1 = u1.restCall(CALL, { client: 'crmproxy' });
    u1.condition('IF crmProxy.StatusCode = 200', { reads: ['crmproxy'], status: { callId: id1, equals: [200] } });
    const findings = run(successOnly);
    assert.deepEqual(summary(text, findings, CODE), [`${CODE}@${JSON.stringify(CALL)}`]);
    assert.match(findings[0]!.message, /is checked, but the branch a failure takes does nothing about it/);

    const withElse = new ModelBuilder(text);
    const u2 = withElse.unit('snippet');
    const id2 = u2.restCall(CALL, { client: 'crmproxy' });
    const c = u2.condition('IF crmProxy.StatusCode = 200', {
      reads: ['crmproxy'],
      status: { callId: id2, equals: [200] },
    });
    u2.inside(c, 'else', () => u2.errorPath('apiError = "HTTP"'));
    assert.deepEqual(run(withElse), []);
  });

  it('accepts != 200 with an error path in THEN, and a range test with an error path in either branch', () => {
    const text = `${CALL}\nIF crmProxy.StatusCode != 200 { apiError = "HTTP" }`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.restCall(CALL, { client: 'crmproxy' });
    const c = u.condition('IF crmProxy.StatusCode != 200', { reads: ['crmproxy'], status: { notEquals: [200] } });
    u.inside(c, 'then', () => u.errorPath('apiError = "HTTP"'));
    assert.deepEqual(run(b), []);

    const rangeText = `${CALL}\nIF crmProxy.StatusCode >= 200 & crmProxy.StatusCode < 300 { x = 1 }`;
    const r = new ModelBuilder(rangeText);
    const ru = r.unit('snippet');
    ru.restCall(CALL, { client: 'crmproxy' });
    ru.condition('IF crmProxy.StatusCode >= 200', { reads: ['crmproxy'], status: { rangeComparison: true } });
    assert.deepEqual(summary(rangeText, run(r), CODE), [`${CODE}@${JSON.stringify(CALL)}`]);
  });

  describe('a cached or reused token: the 401/403 must clear it (issue 13)', () => {
    const text =
      `crmProxy.AddHeader("Authorization", "Bearer {cachedToken}")\n${CALL}\n` +
      'IF crmProxy.StatusCode != 200 { apiError = "HTTP" }\ncachedToken = ""\n';

    /** A call sending `cachedToken`, acquired nowhere in the unit (an earlier action), checked by `!= 200`. */
    function cachedCall(body: (u: ReturnType<ModelBuilder['unit']>, branch: number) => void): ModelBuilder {
      const b = new ModelBuilder(text);
      const u = b.unit('snippet');
      u.use('{cachedToken}', 'cachedtoken', 1);
      u.restCall(CALL, { client: 'crmproxy', auth: ['cachedtoken'] });
      const c = u.condition('IF crmProxy.StatusCode != 200', { reads: ['crmproxy'], status: { notEquals: [200] } });
      body(u, c);
      return b;
    }

    it('reports a generic error path that only sets an error flag, and says so', () => {
      const findings = run(cachedCall((u, c) => u.inside(c, 'then', () => u.errorPath('apiError = "HTTP"'))));
      const found = findings.filter((f) => f.code === CODE);
      assert.equal(found.length, 1);
      assert.match(
        found[0]!.message,
        /^A 401\/403 here only takes the generic error path \(an error flag\): cachedToken is kept for later calls, and nothing clears it, so the next call sends the same rejected token/,
      );
      assert.doesNotMatch(found[0]!.message, /not told apart from success/);
    });

    it('accepts the same branch when it also clears the token (or refreshes it)', () => {
      const clears = cachedCall((u, c) =>
        u.inside(c, 'then', () => {
          u.errorPath('apiError = "HTTP"');
          u.clear('cachedToken = ""', 'cachedtoken');
        }),
      );
      assert.deepEqual(
        run(clears).filter((f) => f.code === CODE),
        [],
      );
      const refreshes = cachedCall((u, c) =>
        u.inside(c, 'then', () => u.acquire('cachedToken = ""', 'cachedtoken', 'function', { persistent: true })),
      );
      assert.deepEqual(
        run(refreshes).filter((f) => f.code === CODE),
        [],
      );
    });

    it('names commented-out 401/403 cases next to the generic branch', () => {
      const b = new ModelBuilder(text);
      const u = b.unit('snippet');
      u.use('{cachedToken}', 'cachedtoken', 1);
      u.restCall(CALL, { client: 'crmproxy', auth: ['cachedtoken'] });
      const c = u.condition('IF crmProxy.StatusCode != 200', {
        reads: ['crmproxy'],
        status: { notEquals: [200], commentedOutCodes: [401, 403] },
      });
      u.inside(c, 'then', () => u.errorPath('apiError = "HTTP"'));
      const found = run(b).find((f) => f.code === CODE);
      const note = 'The 401 and 403 CASEs here are commented out, so they fall into the generic branch: restore them';
      assert.ok(found!.message.includes(`${note} and clear the token there.`), found!.message);
    });

    it('a token fetched fresh in the unit right before the call needs only the error path (Strategy A)', () => {
      const fresh = new ModelBuilder(`freshToken = GetOAuthToken()\n${text}`);
      const u = fresh.unit('snippet');
      u.acquire('freshToken = GetOAuthToken()', 'cachedtoken', 'function');
      u.use('{cachedToken}', 'cachedtoken', 1);
      u.restCall(CALL, { client: 'crmproxy', auth: ['cachedtoken'] });
      const c = u.condition('IF crmProxy.StatusCode != 200', { reads: ['crmproxy'], status: { notEquals: [200] } });
      u.inside(c, 'then', () => u.errorPath('apiError = "HTTP"'));
      assert.deepEqual(
        run(fresh).filter((f) => f.code === CODE),
        [],
      );
    });
  });

  it(
    'accepts one status copy after calls of the same client in both branches of an IF (attributed to one of ' + 'them)',
    () => {
      const text =
        'IF k = 1 { r = api.MakeRestRequest(a) } ELSE { r = api.MakeRestRequest(b) }\ncode = "{api.StatusCode}"\nIF ' +
        'code = 401 { e = 1 }';
      const b = new ModelBuilder(text);
      const u = b.unit('snippet');
      const c = u.condition('IF k = 1', { reads: ['k'] });
      u.inside(c, 'then', () => u.restCall('api.MakeRestRequest(a)', { client: 'api' }));
      let second = 0;
      u.inside(c, 'else', () => {
        second = u.restCall('api.MakeRestRequest(b)', { client: 'api' });
      });
      u.statusCopy('code = "{api.StatusCode}"', 'code', 'api', second);
      const check = u.condition('IF code = 401', { reads: ['code'], status: { callId: second, equals: [401] } });
      u.inside(check, 'then', () => u.errorPath('e = 1'));
      assert.deepEqual(run(b), []);
    },
  );

  it('still reports an earlier call of the same client when only the later one is checked', () => {
    const text = 'r1 = api.MakeRestRequest(a)\nr2 = api.MakeRestRequest(b)\nIF api.StatusCode = 401 { e = 1 }';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.restCall('api.MakeRestRequest(a)', { client: 'api', result: 'r1' });
    const second = u.restCall('api.MakeRestRequest(b)', { client: 'api', result: 'r2' });
    const check = u.condition('IF api.StatusCode = 401', { reads: ['api'], status: { callId: second, equals: [401] } });
    u.inside(check, 'then', () => u.errorPath('e = 1'));
    assert.deepEqual(summary(text, run(b), CODE), [`${CODE}@"api.MakeRestRequest(a)"`]);
  });

  it('accepts a JS condition that tests several responses when the model attributes it to one call', () => {
    const text =
      'var r1 = q1.send();\nvar r2 = q2.send();\nif (r1.statusCode != 200 || r2.statusCode != 200) { SET e = "X"; }';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const first = u.restCall('q1.send()', { client: 'q1', result: 'r1' });
    u.restCall('q2.send()', { client: 'q2', result: 'r2' });
    const c = u.condition('if (r1.statusCode', { reads: ['r1', 'r2'], status: { callId: first, notEquals: [200] } });
    u.inside(c, 'then', () => u.errorPath('SET e = "X";'));
    assert.deepEqual(run(b), []);
  });

  it('does not count a check of another client, or a check that comes before the call', () => {
    const text = `IF other.StatusCode = 401 { apiError = "A" }\n${CALL}`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.condition('IF other.StatusCode = 401', { reads: ['other'], status: { equals: [401] } });
    u.restCall(CALL, { client: 'crmproxy' });
    assert.deepEqual(summary(text, run(b), CODE), [`${CODE}@${JSON.stringify(CALL)}`]);
  });
});
