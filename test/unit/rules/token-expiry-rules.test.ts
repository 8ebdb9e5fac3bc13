import { strict as assert } from 'node:assert';
import type { ExpiryCheck } from '../../../server/src/analysis/model/flow-model';
import { ModelBuilder, run, summary } from './model-builder';
import { metaOf } from '../../../server/src/diagnostics/registry';

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

describe('token-expiry-no-buffer and refresh-without-jitter (hand-built models)', () => {
  function model(text: string, comparison: string, buffer: ExpiryCheck['buffer'], bufferText?: string): ModelBuilder {
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    u.condition(text, {
      expiry: {
        expiryVariable: 'tokenexpiry',
        buffer,
        refreshBranch: 'then',
        comparison,
        ...(bufferText ? { bufferText } : {}),
      },
    });
    return b;
  }

  it('reports a check with no buffer on the comparison, naming the configured buffer', () => {
    const text = 'IF cachedToken = "" | utc >= tokenExpiry';
    const findings = run(model(text, 'utc >= tokenExpiry', { kind: 'none' }), { bufferSeconds: 120 });
    assert.deepEqual(summary(text, findings), ['token-expiry-no-buffer@"utc >= tokenExpiry"']);
    assert.equal(
      findings[0]!.message,
      'This check compares the time with the expiry (tokenExpiry) directly; refresh 120 s before it to absorb clock drift ' +
        'between the Studio host and the identity provider.',
    );
  });

  it('hints at a constant buffer, with the jitter range from settings', () => {
    const text = 'IF utc >= tokenExpiry - (300 / 86400)';
    const findings = run(model(text, 'utc >= tokenExpiry - (300 / 86400)', { kind: 'constant', seconds: 300 }), {
      jitter: { enabled: false, minSeconds: 100, maxSeconds: 400 },
    });
    assert.deepEqual(summary(text, findings), ['refresh-without-jitter@"utc >= tokenExpiry - (300 / 86400)"']);
    assert.equal(metaOf(findings[0]!.code).defaultSeverity, 'hint');
    assert.match(findings[0]!.message, /a fixed 300 s before expiry.*between 100 and 400 s/);
  });

  it('sits on the buffer when the model knows its range', () => {
    const text = 'IF utc >= tokenExpiry - (300 / 86400)';
    const findings = run(
      model(text, 'utc >= tokenExpiry - (300 / 86400)', { kind: 'constant', seconds: 300 }, '(300 / 86400)'),
    );
    assert.deepEqual(summary(text, findings), ['refresh-without-jitter@"(300 / 86400)"']);
  });

  it('hints at a variable that holds a constant, not at an unknown or jittered buffer', () => {
    const text = 'now >= clientExpiry - bufferSeconds';
    assert.deepEqual(
      summary(text, run(model(text, text, { kind: 'variable', variable: 'bufferseconds', constantSeconds: 300 }))),
      ['refresh-without-jitter@"now >= clientExpiry - bufferSeconds"'],
    );
    assert.match(
      run(model(text, text, { kind: 'variable', variable: 'bufferseconds', constantSeconds: 300 }))[0]!.message,
      /refreshes its token a fixed 300 s \(bufferSeconds\) before expiry/,
    );
    assert.deepEqual(run(model(text, text, { kind: 'variable', variable: 'bufferseconds' })), []);
    assert.deepEqual(run(model(text, text, { kind: 'jittered' })), []);
  });
});
