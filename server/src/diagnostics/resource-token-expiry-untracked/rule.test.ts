import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../../test/helpers/model-builder';

describe('resource-token-expiry-untracked (hand-built models)', () => {
  const CODE = 'resource-token-expiry-untracked';
  const EXCHANGE =
    'ex.MakeRestRequest(tokenUrl, ' +
    '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={clientToken}", 0, "POST")';

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
