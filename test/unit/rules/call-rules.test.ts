import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from './model-builder';
import { metaOf } from '../../../server/src/diagnostics/registry';

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

  it('accepts 401/403 handled through a status copy checked in a SELECT', () => {
    const text = `${CALL}\ncode = "{crmProxy.StatusCode}"\nCASE code = 401\nCASE code = 403`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.restCall(CALL, { client: 'crmproxy' });
    u.statusCopy('code = "{crmProxy.StatusCode}"', 'code', 'crmproxy');
    u.condition('CASE code = 401\nCASE code = 403', { reads: ['code'], status: { equals: [401, 403] } });
    assert.deepEqual(run(b), []);
  });

  it('reports a success-only check with no ELSE, and accepts one whose ELSE takes an error path', () => {
    const text = `${CALL}\nIF crmProxy.StatusCode = 200 { name = customer.name } ELSE { apiError = "HTTP" }`;
    const successOnly = new ModelBuilder(text);
    const u1 = successOnly.unit('snippet');
    const id1 = u1.restCall(CALL, { client: 'crmproxy' });
    u1.condition('IF crmProxy.StatusCode = 200', { reads: ['crmproxy'], status: { callId: id1, equals: [200] } });
    const findings = run(successOnly);
    assert.deepEqual(summary(text, findings, CODE), [`${CODE}@${JSON.stringify(CALL)}`]);
    assert.match(findings[0]!.message, /is checked, but a 401\/403 is not told apart from success/);

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

  it('accepts one status copy after calls of the same client in both branches of an IF (attributed to one of them)', () => {
    const text =
      'IF k = 1 { r = api.MakeRestRequest(a) } ELSE { r = api.MakeRestRequest(b) }\ncode = "{api.StatusCode}"\nIF code = 401 { e = 1 }';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const c = u.condition('IF k = 1', { reads: ['k'] });
    u.inside(c, 'then', () => u.restCall('api.MakeRestRequest(a)', { client: 'api' }));
    let second = 0;
    u.inside(c, 'else', () => {
      second = u.restCall('api.MakeRestRequest(b)', { client: 'api' });
    });
    u.statusCopy('code = "{api.StatusCode}"', 'code', 'api', second);
    u.condition('IF code = 401', { reads: ['code'], status: { callId: second, equals: [401] } });
    assert.deepEqual(run(b), []);
  });

  it('still reports an earlier call of the same client when only the later one is checked', () => {
    const text = 'r1 = api.MakeRestRequest(a)\nr2 = api.MakeRestRequest(b)\nIF api.StatusCode = 401 { e = 1 }';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.restCall('api.MakeRestRequest(a)', { client: 'api', result: 'r1' });
    const second = u.restCall('api.MakeRestRequest(b)', { client: 'api', result: 'r2' });
    u.condition('IF api.StatusCode = 401', { reads: ['api'], status: { callId: second, equals: [401] } });
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

describe('token-fetch-unchecked (hand-built models)', () => {
  const CODE = 'token-fetch-unchecked';
  const CALL = 'tokenProxy.MakeRestRequest(tokenUrl, body, 0, "POST")';

  it('reports a token read from an unchecked response, on the read', () => {
    const text = `${CALL}\nASSIGN accessToken = tokenResult.access_token`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const id = u.restCall(CALL, { client: 'tokenproxy', token: true, result: 'tokenresult' });
    u.acquire('accessToken = tokenResult.access_token', 'accesstoken', 'response', { fromCall: id, persistent: true });
    const findings = run(b);
    assert.deepEqual(summary(text, findings, CODE), [`${CODE}@"accessToken = tokenResult.access_token"`]);
    assert.match(
      findings[0]!.message,
      /^accessToken is read from the token response, but nothing checks that the token request succeeded/,
    );
  });

  it('accepts the read inside IF tokenProxy.StatusCode = 200', () => {
    const text = `${CALL}\nIF tokenProxy.StatusCode = 200 { accessToken = tokenResult.access_token }`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const id = u.restCall(CALL, { client: 'tokenproxy', token: true });
    const c = u.condition('IF tokenProxy.StatusCode = 200', {
      reads: ['tokenproxy'],
      status: { callId: id, equals: [200] },
    });
    u.inside(c, 'then', () =>
      u.acquire('accessToken = tokenResult.access_token', 'accesstoken', 'response', { fromCall: id }),
    );
    assert.deepEqual(run(b), []);
  });

  it('accepts a status check after the read but before the token is sent', () => {
    const text = `${CALL}\nt = tokenResult.access_token\nIF tokenProxy.StatusCode = 200 { api.AddHeader("Authorization", "Bearer {t}") }`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const id = u.restCall(CALL, { client: 'tokenproxy', token: true });
    u.acquire('t = tokenResult.access_token', 't', 'response', { fromCall: id });
    const c = u.condition('IF tokenProxy.StatusCode = 200', { reads: ['tokenproxy'], status: { equals: [200] } });
    u.inside(c, 'then', () => u.use('{t}', 't'));
    assert.deepEqual(summary(text, run(b), CODE), []);
  });

  it('accepts a presence test with an error path before the use', () => {
    const text = `${CALL}\nt = tokenResult.access_token\nIF t = "" { apiError = "TOKEN" }\nuse {t}`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const id = u.restCall(CALL, { client: 'tokenproxy', token: true });
    u.acquire('t = tokenResult.access_token', 't', 'response', { fromCall: id });
    const c = u.condition('IF t = ""', { reads: ['t'] });
    u.presenceCheck('t = ""', 't');
    u.inside(c, 'then', () => u.errorPath('apiError = "TOKEN"'));
    u.use('{t}', 't');
    assert.deepEqual(summary(text, run(b), CODE), []);
  });
});

describe('token-fetch-in-loop (hand-built models)', () => {
  const CODE = 'token-fetch-in-loop';

  it('reports a token request inside a loop, not one guarded by an expiry check', () => {
    const text =
      'FOREACH id IN ids { r = tp.MakeRestRequest(tokenUrl, b, 0, "POST") }\nFOREACH id IN ids { IF utc >= exp - (300 / 86400) { r = tp.MakeRestRequest(tokenUrl, b, 0, "POST") } }';
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

describe('resource-token-expiry-untracked (hand-built models)', () => {
  const CODE = 'resource-token-expiry-untracked';
  const EXCHANGE =
    'ex.MakeRestRequest(tokenUrl, "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={clientToken}", 0, "POST")';

  function exchange(withExpiry: 'none' | 'own' | 'named' | 'copied'): { text: string; b: ModelBuilder } {
    const text = [
      'IF utc >= clientTokenExpiry - (300 / 86400) {',
      '  clientToken = c.access_token',
      '  clientTokenExpiry = utc + (c.expires_in / 86400)',
      `  r = ${EXCHANGE}`,
      '  resourceToken = r.access_token',
      '  resourceTokenExpiry = X',
      '}',
    ].join('\n');
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const cond = u.condition('IF utc', {
      expiry: {
        expiryVariable: 'clienttokenexpiry',
        buffer: { kind: 'constant', seconds: 300 },
        refreshBranch: 'then',
        comparison: 'utc >= clientTokenExpiry - (300 / 86400)',
      },
    });
    u.inside(cond, 'then', () => {
      u.acquire('clientToken = c.access_token', 'clienttoken', 'response', { persistent: true });
      u.expirySet('clientTokenExpiry = utc', 'clienttokenexpiry', { fromExpiresIn: true });
      const id = u.restCall(EXCHANGE, {
        client: 'ex',
        token: true,
        body: 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={clientToken}',
      });
      u.acquire('resourceToken = r.access_token', 'resourcetoken', 'response', { fromCall: id, persistent: true });
      if (withExpiry === 'own')
        u.expirySet('resourceTokenExpiry = X', 'resourcetokenexpiry', { fromExpiresIn: true, fromCall: id });
      if (withExpiry === 'named')
        u.expirySet('resourceTokenExpiry = X', 'resourcetokenexpiry', { fromExpiresIn: true });
      if (withExpiry === 'copied') u.expirySet('resourceTokenExpiry = X', 'resourcetokenexpiry', {});
    });
    return { text, b };
  }

  it('reports the resource token of an exchange that carries the client token, with no expiry of its own', () => {
    const { text, b } = exchange('none');
    const findings = run(b).filter((f) => f.code === CODE);
    assert.deepEqual(summary(text, findings), [`${CODE}@"resourceToken = r.access_token"`]);
    assert.match(findings[0]!.message, /^resourceToken comes from a token exchange and has no expiry of its own/);
  });

  it('reports an expiry copied from elsewhere (not from expires_in)', () => {
    const { text, b } = exchange('copied');
    assert.deepEqual(summary(text, run(b), CODE), [`${CODE}@"resourceToken = r.access_token"`]);
  });

  it('accepts an expiry from the exchange, by call or by name', () => {
    assert.deepEqual(
      run(exchange('own').b).filter((f) => f.code === CODE),
      [],
    );
    assert.deepEqual(
      run(exchange('named').b).filter((f) => f.code === CODE),
      [],
    );
  });

  it('does not report a Strategy A exchange where nothing is cached or tracked', () => {
    const text = `r = ${EXCHANGE}\nresourceToken = r.access_token`;
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const id = u.restCall(EXCHANGE, { client: 'ex', token: true, auth: [], bodyVariables: ['clienttoken'] });
    u.acquire('resourceToken = r.access_token', 'resourcetoken', 'response', { fromCall: id });
    assert.deepEqual(summary(text, run(b), CODE), []);
  });
});

describe('hardcoded-secret and hardcoded-token (hand-built models)', () => {
  it('reports every literal on its value and never shows it whole', () => {
    const secret = 's3cr3t-Xq9vLm2Rt7Wz';
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpdnIifQ.c2lnbmF0dXJl';
    const text = `ASSIGN client_secret = "${secret}"\nproxy.AddHeader("Authorization", "Bearer ${jwt}")`;
    const b = new ModelBuilder(text);
    b.unit('snippet')
      .secret(`client_secret = "${secret}"`, 'client-secret', secret)
      .tokenLiteral(`"Bearer ${jwt}"`, jwt, true);
    const findings = run(b);
    assert.deepEqual(summary(text, findings), [
      `hardcoded-secret@${JSON.stringify(secret)}`,
      `hardcoded-token@${JSON.stringify(jwt)}`,
    ]);
    assert.equal(metaOf(findings[0]!.code).defaultSeverity, 'error');
    assert.match(findings[0]!.message, /^A client secret is written in the script \(s3cr… \(19 chars\)\)/);
    assert.match(findings[0]!.message, /\{SECURE_CLIENT_SECRET\}/);
    assert.match(findings[1]!.message, /^A JWT is written in the script \(eyJh… \(\d+ chars\)\)/);
    for (const finding of findings) {
      assert.ok(!finding.message.includes(secret) && !finding.message.includes(jwt));
    }
  });

  it('names the configured secret variable', () => {
    const text = 'password = "hunter2-but-longer"';
    const b = new ModelBuilder(text);
    b.unit('snippet').secret(text, 'password', 'hunter2-but-longer');
    assert.match(
      run(b, { secretVariableName: 'SECURE_CRM_PASSWORD' })[0]!.message,
      /^A password .*\{SECURE_CRM_PASSWORD\}/,
    );
  });
});

describe('runRules', () => {
  it('deduplicates same code + range, sorts by position, and skips rules turned off', () => {
    const text = 'a = GetOAuthToken()\nb = GetOAuthToken()\nc = GetOAuthToken()';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    // In a loop AND one of three: both findings land on the first fetch; only one survives.
    u.loop(() => u.acquire('a = GetOAuthToken()', 'a', 'function'));
    u.acquire('b = GetOAuthToken()', 'b', 'function').acquire('c = GetOAuthToken()', 'c', 'function');
    const findings = run(b);
    assert.deepEqual(summary(text, findings), ['token-fetch-in-loop@"a = GetOAuthToken()"']);
    assert.deepEqual(run(b, { rules: { 'token-fetch-in-loop': 'off' } }), []);
  });
});
