import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../../test/helpers/model-builder';

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
    const text =
      `${CALL}\nt = tokenResult.access_token\nIF tokenProxy.StatusCode = 200 { ` +
      `api.AddHeader("Authorization", "Bearer {t}") }`;
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
