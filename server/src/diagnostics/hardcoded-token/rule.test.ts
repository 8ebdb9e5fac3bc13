import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../../test/helpers/model-builder';
import { metaOf } from '../registry';

describe('hardcoded-token (hand-built models)', () => {
  it('reports an opaque bearer token and a JWT on their values, masked, as errors', () => {
    const opaque = '7f3c9a1be24d4c0f8e6a5b3d2c1f0e9a';
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjcm0taXZyIiwiZXhwIjoxNzAwMDAwMDAwfQ.Zm9vYmFyYmF6';
    const text = [`ASSIGN crmBearer = "Bearer ${opaque}"`, `billing.AddHeader("Authorization", "Bearer ${jwt}")`].join(
      '\n',
    );
    const b = new ModelBuilder(text);
    b.unit('snippet').tokenLiteral(`"Bearer ${opaque}"`, opaque, false).tokenLiteral(`"Bearer ${jwt}"`, jwt, true);
    const findings = run(b);
    assert.deepEqual(summary(text, findings), [
      `hardcoded-token@${JSON.stringify(opaque)}`,
      `hardcoded-token@${JSON.stringify(jwt)}`,
    ]);
    assert.equal(metaOf('hardcoded-token').defaultSeverity, 'error');
    assert.match(findings[0]!.message, /^A bearer token is written in the script \(7f3c… \(32 chars\)\)/);
    assert.match(findings[1]!.message, /^A JWT is written in the script \(eyJh… \(\d+ chars\)\)/);
    for (const finding of findings) assert.ok(!finding.message.includes(opaque) && !finding.message.includes(jwt));
  });

  it('is silent when the rule is turned off', () => {
    const text = 'ASSIGN t = "Bearer 7f3c9a1be24d4c0f8e6a5b3d2c1f0e9a"';
    const b = new ModelBuilder(text);
    b.unit('snippet').tokenLiteral(
      '"Bearer 7f3c9a1be24d4c0f8e6a5b3d2c1f0e9a"',
      '7f3c9a1be24d4c0f8e6a5b3d2c1f0e9a',
      false,
    );
    assert.deepEqual(run(b, { rules: { 'hardcoded-token': 'off' } }), []);
  });
});
