import { strict as assert } from 'node:assert';
import { conditionsOf, eventsOf, extractFixture, guardsOf, only, slice } from './extract-guide-helpers';

/** The guide's own code blocks: the canonical expectations the rules are written against. */
describe('extract-studio: the guide code blocks', () => {
  it('Pattern A: script-level acquisition, a use in a later SNIPPET, long-running lines between', () => {
    const { text, model } = extractFixture('guide/pattern-a-token-once.studio');
    assert.deepEqual(
      model.units.map((u) => u.label),
      ['script line 2', 'script line 3', 'SNIPPET block at line 5'],
    );

    const acquire = only(eventsOf(model, 'token-acquire'));
    assert.equal(acquire.unit, 0);
    assert.equal(acquire.variable, 'strtoken');
    assert.equal(acquire.source, 'function');
    assert.equal(acquire.persistent, true);
    assert.equal(slice(text, acquire.range), 'ASSIGN strToken = GetOAuthToken();');

    const snippet = model.units[2]!;
    const use = only(eventsOf(model, 'token-use'));
    assert.equal(use.unit, snippet.id);
    assert.equal(use.variable, 'strtoken');
    assert.equal(slice(text, use.range), 'strToken');
    assert.equal(eventsOf(model, 'token-acquire', snippet.id).length, 0, 'the SNIPPET never acquires strtoken itself');

    const call = only(eventsOf(model, 'rest-call'));
    assert.equal(call.client, 'req');
    assert.equal(call.resultVariable, 'resp');
    assert.deepEqual(call.authorizationVariables, ['strtoken']);
    assert.equal(call.isTokenRequest, false);
    assert.equal(use.callId, call.id);
    assert.equal(slice(text, call.range), 'req.send()');
    assert.equal(slice(text, call.statementRange), 'var resp = req.send();');

    const between = model.flow.longRunningBetween(acquire.unit, use.unit);
    assert.deepEqual(
      between.map((e) => e.label),
      ['the elided part of the script (…)', 'the comment "Later in the script (60+ minutes into a long IVR hold)"'],
    );
    assert.deepEqual(
      between.map((e) => slice(text, e.range)),
      ['...', '// Later in the script (60+ minutes into a long IVR hold):'],
    );
    assert.deepEqual(model.flow.predecessors(snippet.id), [0, 1]);
    assert.deepEqual(model.flow.predecessors(0), []);
    assert.deepEqual(model.flow.longRunningBetween(snippet.id, acquire.unit), []);
  });

  it('Pattern B: a fresh token acquired and used in the same block', () => {
    const { text, model } = extractFixture('guide/pattern-b-fresh-token.studio');
    assert.equal(model.units.length, 1);
    const acquire = only(eventsOf(model, 'token-acquire'));
    assert.equal(acquire.variable, 'freshtoken');
    assert.equal(acquire.source, 'function');
    assert.equal(acquire.persistent, false);
    assert.equal(slice(text, acquire.range), 'var freshToken = GetOAuthToken();');
    const use = only(eventsOf(model, 'token-use'));
    assert.equal(use.variable, 'freshtoken');
    assert.ok(use.order > acquire.order);
    assert.equal(use.callId, only(eventsOf(model, 'rest-call')).id);
  });

  it('Strategy A: token request, token from its response, used at once; the API call has no status check', () => {
    const { text, model } = extractFixture('guide/strategy-a-fresh-token.studio');
    const [tokenCall, apiCall] = eventsOf(model, 'rest-call');
    assert.ok(tokenCall && apiCall);
    assert.equal(tokenCall.isTokenRequest, true);
    assert.equal(tokenCall.client, 'tokenreq');
    assert.equal(tokenCall.method, 'POST');
    assert.equal(tokenCall.url, 'https://auth.your-idp.com/oauth/token');
    assert.equal(
      tokenCall.body,
      'grant_type=client_credentials&client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}&scope=api.read',
    );
    assert.equal(tokenCall.resultVariable, 'tokenresp');

    const acquire = only(eventsOf(model, 'token-acquire'));
    assert.equal(acquire.variable, 'accesstoken');
    assert.equal(acquire.source, 'response');
    assert.equal(acquire.fromCall, tokenCall.id);
    assert.equal(slice(text, acquire.range), 'var accessToken = tokenData.access_token;');

    const use = only(eventsOf(model, 'token-use'));
    assert.equal(use.variable, 'accesstoken');
    assert.equal(use.unit, acquire.unit);
    assert.equal(use.callId, apiCall.id);

    assert.equal(apiCall.client, 'apireq');
    assert.equal(apiCall.isTokenRequest, false);
    assert.equal(apiCall.url, 'https://api.your-crm.com/customers/{strCustomerId}');
    assert.deepEqual(apiCall.authorizationVariables, ['accesstoken']);
    assert.equal(slice(text, apiCall.statementRange), 'var apiResp = apiReq.send();');
    assert.equal(conditionsOf(model).filter((c) => c.statusCheck).length, 0);
    assert.equal(eventsOf(model, 'secret-literal').length, 0, '{CLIENT_SECRET} is a substitution, not a literal');
  });

  it('Strategy B: expiry check guards the refresh (else) and the cached alias (then)', () => {
    const { text, model } = extractFixture('guide/strategy-b-cached-token.studio');
    const condition = only(conditionsOf(model), (c) => c.expiryCheck !== undefined);
    const check = condition.expiryCheck!;
    assert.equal(
      slice(text, condition.range),
      'tokenExpiry > 0 && currentTime < (tokenExpiry - 300) && tokenValue.length > 0',
    );
    assert.equal(check.expiryVariable, 'tokenexpiry');
    assert.deepEqual(check.buffer, { kind: 'constant', seconds: 300 });
    assert.equal(check.refreshBranch, 'else');
    assert.equal(slice(text, check.comparisonRange), 'currentTime < (tokenExpiry - 300)');
    assert.equal(slice(text, check.bufferRange!), '300');
    assert.deepEqual(condition.reads, ['tokenexpiry', 'currenttime', 'tokenvalue']);

    const acquires = eventsOf(model, 'token-acquire');
    const cacheRead = only(acquires, (e) => e.source === 'cache-read');
    assert.equal(cacheRead.variable, 'tokenvalue');
    assert.equal(cacheRead.fromVariable, 'strcachedtoken');
    assert.equal(slice(text, cacheRead.range), 'var tokenValue = "{strCachedToken}";');

    const alias = only(acquires, (e) => e.variable === 'validtoken' && e.source === 'alias');
    assert.equal(alias.fromVariable, 'tokenvalue');
    assert.deepEqual(guardsOf(alias), [`${condition.id}:then`]);

    const tokenCall = only(eventsOf(model, 'rest-call'), (e) => e.isTokenRequest);
    const refreshed = only(acquires, (e) => e.variable === 'validtoken' && e.source === 'response');
    assert.equal(refreshed.fromCall, tokenCall.id);
    assert.deepEqual(guardsOf(refreshed), [`${condition.id}:else`]);
    assert.deepEqual(guardsOf(tokenCall), [`${condition.id}:else`]);

    const cached = only(acquires, (e) => e.variable === 'strcachedtoken');
    assert.equal(cached.source, 'alias');
    assert.equal(cached.fromVariable, 'validtoken');
    assert.equal(cached.persistent, true);
    assert.equal(slice(text, cached.range), 'SET strCachedToken = validToken;');

    const expiry = only(eventsOf(model, 'expiry-set'));
    assert.equal(expiry.variable, 'strtokenexpiry');
    assert.equal(expiry.fromExpiresIn, true);
    assert.equal(expiry.fromCall, tokenCall.id);
    assert.equal(expiry.clears, false);
    assert.equal(expiry.constantSeconds, undefined);
    assert.equal(slice(text, expiry.range), 'SET strTokenExpiry = (currentTime + tokenData.expires_in).toString();');
    assert.deepEqual(guardsOf(expiry), [`${condition.id}:else`]);

    const presence = only(eventsOf(model, 'token-presence-check'));
    assert.equal(presence.variable, 'tokenvalue');
    assert.equal(slice(text, presence.range), 'tokenValue.length > 0');

    const use = only(eventsOf(model, 'token-use'));
    assert.equal(use.variable, 'validtoken');
    assert.deepEqual(use.guards, []);
    assert.ok(use.order > refreshed.order && use.order > alias.order);
    const apiCall = only(eventsOf(model, 'rest-call'), (e) => !e.isTokenRequest);
    assert.equal(use.callId, apiCall.id);
    assert.deepEqual(apiCall.authorizationVariables, ['validtoken']);
  });

  it('401 handler: status check [401, 403], cleared expiry, error paths, DECISION on the error variable', () => {
    const { text, model } = extractFixture('guide/error-handling-401.studio');
    const [auth, success, decision] = conditionsOf(model);
    assert.ok(auth && success && decision);
    assert.equal(slice(text, auth.range), 'apiResp.statusCode == 401 || apiResp.statusCode == 403');
    assert.equal(auth.statusCheck?.callId, undefined, 'the call is outside this block');
    assert.deepEqual(auth.statusCheck, { equals: [401, 403], notEquals: [], rangeComparison: false });
    assert.deepEqual(success.statusCheck?.equals, [200]);

    const cleared = only(eventsOf(model, 'expiry-set'));
    assert.equal(cleared.variable, 'strtokenexpiry');
    assert.equal(cleared.clears, true);
    assert.equal(cleared.fromExpiresIn, false);
    assert.deepEqual(guardsOf(cleared), [`${auth.id}:then`]);

    const errors = eventsOf(model, 'error-path');
    assert.deepEqual(
      errors.map((e) => slice(text, e.range)),
      [
        'SET strApiError = "AUTH_FAILURE";',
        'SET strApiError = "HTTP_" + apiResp.statusCode.toString();',
        'DECISION "{strApiError}" = ""',
      ],
    );
    assert.deepEqual(errors.map(guardsOf), [[`${auth.id}:then`], [`${auth.id}:else`, `${success.id}:else`], []]);

    assert.equal(slice(text, decision.range), '"{strApiError}" = ""');
    assert.deepEqual(decision.reads, ['strapierror']);
    assert.equal(eventsOf(model, 'token-acquire').length, 0, 'clearing the cached token acquires nothing');
  });
});
