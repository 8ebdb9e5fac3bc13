import { strict as assert } from 'node:assert';
import { FlowState } from '../../../server/src/analysis/snippet/flow-state';
import { eventsOf, only, snippetModel } from './extract-snippet-helpers';

describe('Snippet extractor: what a FUNCTION body learns stays in the body', () => {
  /** Every table of a state (each field that is a Map or a Set), by name. */
  function tablesOf(state: FlowState): [string, Map<string, unknown> | Set<string>][] {
    return Object.entries(state).filter(
      (entry): entry is [string, Map<string, unknown> | Set<string>] =>
        entry[1] instanceof Map || entry[1] instanceof Set,
    );
  }

  /** The contents of every table, to compare before and after. */
  function contentsOf(state: FlowState): Record<string, unknown[]> {
    return Object.fromEntries(tablesOf(state).map(([name, table]) => [name, [...table.entries()]]));
  }

  it('a scope undoes every change made in it, in every table: new keys, overwritten and deleted ones', () => {
    const state = new FlowState();
    for (const [, table] of tablesOf(state)) {
      if (table instanceof Map) table.set('before', 1).set('kept', 2);
      else table.add('before').add('kept');
    }
    const before = contentsOf(state);
    assert.ok(tablesOf(state).length >= 13, `only ${tablesOf(state).length} tables`);
    const scope = state.enterScope();
    for (const [, table] of tablesOf(state)) {
      if (table instanceof Map) table.set('written-in-the-body', 1).set('before', 'overwritten');
      else table.add('written-in-the-body');
      table.delete('kept');
    }
    assert.notDeepEqual(contentsOf(state), before);
    state.leaveScope(scope);
    assert.deepEqual(contentsOf(state), before);
  });

  it('nested scopes undo in order, and a change made after the scopes end stays', () => {
    const state = new FlowState();
    state.constants.set('bufferseconds', 300);
    const outer = state.enterScope();
    state.constants.set('bufferseconds', 120);
    const inner = state.enterScope();
    state.constants.set('bufferseconds', 60);
    state.acquired.add('accesstoken');
    state.leaveScope(inner);
    assert.equal(state.constants.get('bufferseconds'), 120);
    assert.equal(state.acquired.has('accesstoken'), false);
    state.leaveScope(outer);
    assert.equal(state.constants.get('bufferseconds'), 300);
    state.acquired.add('accesstoken');
    assert.ok(state.acquired.has('accesstoken'));
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
