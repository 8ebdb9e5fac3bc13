import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../../test/helpers/model-builder';
import { metaOf } from '../registry';

describe('hardcoded-secret (hand-built models, with a token beside the secret)', () => {
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

  it('names the variable the quick fix moves it to: the configured one for a client secret', () => {
    const text = 'client_secret = "hunter2-but-longer"\npassword = "hunter3-but-longer"';
    const b = new ModelBuilder(text);
    b.unit('snippet')
      .secret('client_secret = "hunter2-but-longer"', 'client-secret', 'hunter2-but-longer')
      .secret('password = "hunter3-but-longer"', 'password', 'hunter3-but-longer');
    const [secret, password] = run(b, { secretVariableName: 'SECURE_CRM_SECRET' });
    assert.match(secret!.message, /^A client secret .*\{SECURE_CRM_SECRET\}/);
    assert.match(password!.message, /^A password .*\{SECURE_PASSWORD\}/);
  });
});
