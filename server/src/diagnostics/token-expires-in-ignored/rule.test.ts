import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../../test/helpers/model-builder';

describe('token-expires-in-ignored (hand-built models)', () => {
  const CODE = 'token-expires-in-ignored';

  it('reports a constant lifetime on the constant', () => {
    const text = 'ASSIGN cachedToken = tokenResult.access_token\nASSIGN tokenExpiry = utc + (3600 / 86400)';
    const b = new ModelBuilder(text);
    b.unit('snippet')
      .acquire('cachedToken = tokenResult.access_token', 'cachedtoken', 'response', { persistent: true })
      .expirySet('tokenExpiry = utc + (3600 / 86400)', 'tokenexpiry', { constant: { seconds: 3600, needle: '3600' } });
    const findings = run(b).filter((f) => f.code === CODE);
    assert.deepEqual(summary(text, findings), [`${CODE}@"3600"`]);
    assert.match(
      findings[0]!.message,
      /^tokenExpiry assumes every token lives 3600 s; use the token response's expires_in/,
    );
  });

  it('does not report expires_in, nor a cleared expiry', () => {
    const text = 'tokenExpiry = utc + (tokenResult.expires_in / 86400)\ntokenExpiry = ""';
    const b = new ModelBuilder(text);
    b.unit('snippet')
      .expirySet('tokenExpiry = utc + (tokenResult.expires_in / 86400)', 'tokenexpiry', { fromExpiresIn: true })
      .expirySet('tokenExpiry = ""', 'tokenexpiry', { clears: true });
    assert.deepEqual(run(b), []);
  });

  it('reports a token cached behind a presence check with no expiry anywhere', () => {
    const text = 'IF cachedToken = "" { ASSIGN cachedToken = tokenResult.access_token }';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const c = u.condition('IF cachedToken = ""', { reads: ['cachedtoken'] });
    u.presenceCheck('cachedToken = ""', 'cachedtoken');
    u.inside(c, 'then', () =>
      u.acquire('cachedToken = tokenResult.access_token', 'cachedtoken', 'response', { persistent: true }),
    );
    const findings = run(b).filter((f) => f.code === CODE);
    assert.deepEqual(summary(text, findings), [`${CODE}@"cachedToken = tokenResult.access_token"`]);
    assert.match(findings[0]!.message, /^cachedToken is kept for later use, but no expiry is stored with it/);
  });

  it('reports a stored token that is read back, but not once an expiry is stored, and not a clear alone', () => {
    const text = 'SET strCachedToken = validToken;\nvar v = "{strCachedToken}";\nSET strTokenExpiry = "0";';
    const b = new ModelBuilder(text);
    b.unit('snippet')
      .acquire('strCachedToken = validToken', 'strcachedtoken', 'alias', { from: 'validtoken', persistent: true })
      .acquire('v = "{strCachedToken}"', 'v', 'cache-read', { from: 'strcachedtoken' })
      .expirySet('strTokenExpiry = "0"', 'strtokenexpiry', { clears: true });
    assert.deepEqual(summary(text, run(b), CODE), [`${CODE}@"strCachedToken = validToken"`]);

    const withExpiry = new ModelBuilder(text);
    withExpiry
      .unit('snippet')
      .acquire('strCachedToken = validToken', 'strcachedtoken', 'alias', { from: 'validtoken', persistent: true })
      .acquire('v = "{strCachedToken}"', 'v', 'cache-read', { from: 'strcachedtoken' })
      .expirySet('strTokenExpiry = "0"', 'strtokenexpiry', { fromExpiresIn: true });
    assert.deepEqual(summary(text, run(withExpiry), CODE), []);
  });

  it('does not report a Strategy A token that is persistent but neither presence-checked nor read back', () => {
    const text = 'ASSIGN accessToken = tokenResult.access_token';
    const b = new ModelBuilder(text);
    b.unit('snippet').acquire('accessToken = tokenResult.access_token', 'accesstoken', 'response', {
      persistent: true,
    });
    assert.deepEqual(summary(text, run(b), CODE), []);
  });
});
