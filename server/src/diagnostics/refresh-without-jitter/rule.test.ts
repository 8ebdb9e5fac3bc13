import { strict as assert } from 'node:assert';
import { expiryCheckModel as model, run, summary } from '../../../../test/helpers/model-builder';
import { metaOf } from '../registry';

describe('refresh-without-jitter (hand-built models)', () => {
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
