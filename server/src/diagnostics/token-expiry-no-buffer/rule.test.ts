import { strict as assert } from 'node:assert';
import { expiryCheckModel as model, run, summary } from '../../../../test/helpers/model-builder';

describe('token-expiry-no-buffer (hand-built models)', () => {
  it('reports a check with no buffer on the comparison, naming the configured buffer', () => {
    const text = 'IF cachedToken = "" | utc >= tokenExpiry';
    const findings = run(model(text, 'utc >= tokenExpiry', { kind: 'none' }), { bufferSeconds: 120 });
    assert.deepEqual(summary(text, findings), ['token-expiry-no-buffer@"utc >= tokenExpiry"']);
    assert.equal(
      findings[0]!.message,
      'This check compares the time with the expiry (tokenExpiry) directly; refresh 120 s before it to absorb clock ' +
        'drift ' +
        'between the Studio host and the identity provider.',
    );
  });
});
