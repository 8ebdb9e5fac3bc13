import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { Analysis } from '../../../server/src/service';
import { MAX_RELATED } from '../../../server/src/service/analysis';
import { type BuiltAction, buildExport } from '../../helpers/export-builder';

/** A token fetched after BEGIN, then `waits` WAIT actions in a row, then a SNIPPET that sends the token. */
function longHoldExport(waits: number): string {
  const actions: BuiltAction[] = [
    { id: 1, type: 'BEGIN', caption: 'Begin', parameters: ['', '', ''], next: 2 },
    {
      id: 2,
      type: 'SNIPPET',
      caption: 'Get CRM token',
      code: [
        'ASSIGN crmProxy = GetRESTProxy()',
        'ASSIGN crmAuth = crmProxy.MakeRestRequest("https://login.example-crm.com/oauth2/token", ' +
          '"grant_type=client_credentials&client_id={CRM_ID}&client_secret={CRM_SECRET}", 0, "POST")',
        'IF crmProxy.StatusCode = 200 { ASSIGN crmToken = crmAuth.access_token } ELSE { ASSIGN crmErr = "TOKEN" }',
      ].join('\r\n'),
      next: 100,
    },
  ];
  for (let w = 0; w < waits; w++) {
    actions.push({ id: 100 + w, type: 'WAIT', caption: `Hold music ${w + 1}`, parameters: ['60'], next: 101 + w });
  }
  actions.push({
    id: 100 + waits,
    type: 'SNIPPET',
    caption: 'Look up the account',
    code: [
      'ASSIGN api = GetRESTProxy()',
      'api.AddHeader("Authorization", "Bearer {crmToken}")',
      'ASSIGN account = api.MakeRestRequest("https://api.example-crm.com/v2/accounts/{ANI}", "", 0, "GET")',
      'IF api.StatusCode != 200 { ASSIGN crmErr = "HTTP_{api.StatusCode}" }',
    ].join('\r\n'),
  });
  return buildExport(actions);
}

describe('related places are capped', () => {
  it(`keeps ${MAX_RELATED} related places and says how many more there are`, () => {
    const analysis = Analysis.of({ name: 'hold.xml', text: longHoldExport(40) }, DEFAULT_SETTINGS)!;
    const reuse = analysis.findings.find((f) => f.code === 'token-reuse-without-expiry');
    assert.ok(reuse, 'the reused token is reported');
    const related = reuse.related ?? [];
    assert.equal(related.length, MAX_RELATED + 1);
    // The acquisition and 40 WAITs: 41 places, 10 kept.
    assert.equal(related[MAX_RELATED]!.message, `and ${41 - MAX_RELATED} more places`);
  });

  it('leaves a short list alone', () => {
    const analysis = Analysis.of({ name: 'hold.xml', text: longHoldExport(3) }, DEFAULT_SETTINGS)!;
    const reuse = analysis.findings.find((f) => f.code === 'token-reuse-without-expiry');
    assert.equal(reuse?.related?.length, 4);
    assert.ok(reuse?.related?.every((r) => !r.message.startsWith('and ')));
  });
});
