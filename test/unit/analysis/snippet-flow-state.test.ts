import { strict as assert } from 'node:assert';
import { FlowState } from '../../../server/src/analysis/snippet/flow-state';
import { eventsOf, only, snippetModel } from './extract-snippet-helpers';

describe('Snippet extractor: what a FUNCTION body learns stays in the body', () => {
  it('a copy of the state has tables of its own: writing to the copy leaves the original as it was', () => {
    const state = new FlowState();
    state.constants.set('bufferseconds', 300);
    state.acquired.add('accesstoken');
    const copy = state.copy();
    const tables = Object.keys(copy) as (keyof FlowState)[];
    assert.ok(tables.length >= 13, `only ${tables.length} tables`);
    for (const name of tables) {
      const table = copy[name] as Map<string, unknown> | Set<string>;
      if (table instanceof Map) table.set('written-in-the-body', 1);
      else table.add('written-in-the-body');
    }
    for (const name of tables) {
      const original = state[name] as Map<string, unknown> | Set<string>;
      assert.equal(original.has('written-in-the-body'), false, `${name} is shared with the copy`);
    }
    assert.equal(copy.constants.get('bufferseconds'), 300);
    assert.ok(copy.acquired.has('accesstoken'));
  });

  it('a header a FUNCTION adds to a proxy is not on that proxy for a call after the declaration', () => {
    const { model } = snippetModel(`ASSIGN crmProxy = GetRESTProxy()
FUNCTION AuthorizeCrm()
{
  crmProxy.AddHeader("Authorization", "Bearer {accessToken}")
}
ASSIGN ping = crmProxy.MakeRestRequest("https://api.example-crm.com/ping", "", 0, "GET")
`);
    const call = only(eventsOf(model.units[0]!, 'rest-call'));
    assert.deepEqual(call.authorizationVariables, []);
  });
});
