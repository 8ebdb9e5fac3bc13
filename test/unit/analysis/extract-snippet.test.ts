import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { conditionWithText, eventsOf, fixture, only, slice, snippetModel, summary } from './extract-snippet-helpers';

describe('extractSnippetModel', () => {
  describe('strategy-b-buffer-never-assigned.snippet (Strategy B as the example wrote it before issue 12)', () => {
    const { text, model } = snippetModel(
      fixture('test', 'fixtures', 'analysis', 'snippet', 'strategy-b-buffer-never-assigned.snippet'),
    );
    const unit = model.units[0]!;

    it('is one unit labelled "snippet" covering the file, with no flow', () => {
      assert.equal(model.units.length, 1);
      assert.equal(unit.label, 'snippet');
      assert.deepEqual(unit.range, { start: 0, end: text.length });
      assert.deepEqual(model.flow.predecessors(unit.id), []);
      assert.deepEqual(model.flow.longRunningBetween(unit.id, unit.id), []);
    });

    it('lists the events in source order', () => {
      assert.deepEqual(summary(unit), [
        'token-presence-check cachedtoken',
        'rest-call tokenproxy',
        'token-acquire cachedtoken',
        'expiry-set tokenexpiry',
        'token-clear cachedtoken',
        'expiry-set tokenexpiry',
        'error-path',
        'token-use cachedtoken',
        'rest-call orderproxy',
        'status-copy orderstatus',
        'token-clear cachedtoken',
        'expiry-set tokenexpiry',
        'error-path',
        'error-path',
      ]);
      unit.events.forEach((e, i) => {
        assert.equal(e.order, i);
        assert.equal(e.unit, unit.id);
      });
    });

    it('reads the OR-ed refresh condition as an expiry check with a variable buffer nothing assigns', () => {
      const refresh = conditionWithText(
        unit,
        text,
        'cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (refreshBuffer / 86400)',
      );
      assert.deepEqual(refresh.expiryCheck?.buffer, {
        kind: 'variable',
        variable: 'refreshbuffer',
        neverAssigned: true,
        secondsPerUnit: 1,
      });
      assert.equal(refresh.expiryCheck?.expiryVariable, 'tokenexpiry');
      assert.equal(refresh.expiryCheck?.refreshBranch, 'then');
      assert.equal(slice(text, refresh.expiryCheck?.comparisonRange), 'utc >= tokenExpiry - (refreshBuffer / 86400)');
      assert.equal(slice(text, refresh.expiryCheck?.bufferRange), '(refreshBuffer / 86400)');
      assert.deepEqual(refresh.reads, ['cachedtoken', 'tokenexpiry', 'utc', 'refreshbuffer']);
      const presence = only(eventsOf(unit, 'token-presence-check'));
      assert.equal(slice(text, presence.range), 'cachedToken = ""');
      assert.deepEqual(presence.guards, []);
    });

    it('models the token request, the guarded acquisition and the expiry from expires_in', () => {
      const [tokenCall, orderCall] = eventsOf(unit, 'rest-call');
      assert.ok(tokenCall && orderCall);
      assert.equal(tokenCall.isTokenRequest, true);
      assert.equal(tokenCall.url, 'https://auth.example-idp.com/oauth/token');
      assert.equal(tokenCall.method, 'POST');
      assert.equal(tokenCall.resultVariable, 'tokenresult');
      assert.equal(
        tokenCall.body,
        'grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}',
      );
      assert.match(slice(text, tokenCall.range), /^tokenProxy\.MakeRestRequest\(tokenUrl, .*"POST"\)$/);
      assert.match(slice(text, tokenCall.statementRange), /^ASSIGN tokenResult = tokenProxy\.MakeRestRequest/);
      assert.equal(tokenCall.inLoop, false);

      const refresh = conditionWithText(
        unit,
        text,
        'cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (refreshBuffer / 86400)',
      );
      const success = conditionWithText(unit, text, 'tokenProxy.StatusCode = 200');
      assert.deepEqual(success.statusCheck, {
        callId: tokenCall.id,
        equals: [200],
        notEquals: [],
        rangeComparison: false,
      });
      assert.deepEqual(tokenCall.guards, [{ conditionId: refresh.id, branch: 'then' }]);

      const acquire = only(eventsOf(unit, 'token-acquire'));
      assert.deepEqual(
        {
          variable: acquire.variable,
          source: acquire.source,
          fromCall: acquire.fromCall,
          persistent: acquire.persistent,
        },
        { variable: 'cachedtoken', source: 'response', fromCall: tokenCall.id, persistent: true },
      );
      assert.equal(slice(text, acquire.range), 'ASSIGN cachedToken = tokenResult.access_token');
      assert.deepEqual(acquire.guards, [
        { conditionId: refresh.id, branch: 'then' },
        { conditionId: success.id, branch: 'then' },
      ]);

      const [set, cleared] = eventsOf(unit, 'expiry-set');
      assert.ok(set && cleared);
      assert.deepEqual(
        {
          fromExpiresIn: set.fromExpiresIn,
          fromCall: set.fromCall,
          clears: set.clears,
          constantSeconds: set.constantSeconds,
        },
        { fromExpiresIn: true, fromCall: tokenCall.id, clears: false, constantSeconds: undefined },
      );
      assert.equal(cleared.clears, true);
      assert.deepEqual(cleared.guards, [
        { conditionId: refresh.id, branch: 'then' },
        { conditionId: success.id, branch: 'else' },
      ]);
    });

    it('ties the header to the API call and the SELECT on the status copy to that call', () => {
      const orderCall = eventsOf(unit, 'rest-call')[1]!;
      const use = only(eventsOf(unit, 'token-use'));
      assert.equal(slice(text, use.range), 'cachedToken');
      assert.equal(use.callId, orderCall.id);
      assert.deepEqual(orderCall.authorizationVariables, ['cachedtoken']);
      assert.equal(orderCall.isTokenRequest, false);

      const copy = only(eventsOf(unit, 'status-copy'));
      assert.deepEqual(
        { variable: copy.variable, client: copy.client, callId: copy.callId },
        { variable: 'orderstatus', client: 'orderproxy', callId: orderCall.id },
      );

      const auth = conditionWithText(unit, text, 'orderStatus = 401\n  CASE orderStatus = 403');
      assert.deepEqual(auth.statusCheck, {
        callId: orderCall.id,
        equals: [401, 403],
        notEquals: [],
        rangeComparison: false,
      });
      const ok = conditionWithText(unit, text, 'orderStatus = 200');
      assert.deepEqual(ok.statusCheck?.equals, [200]);
      const [, handler, fallback] = eventsOf(unit, 'error-path');
      assert.deepEqual(handler!.guards, [{ conditionId: auth.id, branch: 'then' }]);
      // DEFAULT runs when every CASE group was false.
      assert.deepEqual(fallback!.guards, [
        { conditionId: auth.id, branch: 'else' },
        { conditionId: ok.id, branch: 'else' },
      ]);
      assert.equal(slice(text, fallback!.range), 'ASSIGN apiError = "HTTP_{orderStatus}"');
    });
  });

  it('examples/customer-lookup-pattern-a.snippet: a token used but never acquired in the file', () => {
    const { text, model } = snippetModel(fixture('examples', 'customer-lookup-pattern-a.snippet'));
    const unit = model.units[0]!;
    assert.deepEqual(summary(unit), ['token-use accesstoken', 'rest-call crmproxy']);
    const use = only(eventsOf(unit, 'token-use'));
    const call = only(eventsOf(unit, 'rest-call'));
    assert.equal(slice(text, use.range), 'accessToken');
    assert.equal(use.callId, call.id);
    assert.equal(call.url, '{crmBase}/customers/{ANI}', 'a variable argument gives the text of its latest string');
    assert.equal(call.method, 'GET');
    assert.equal(call.isTokenRequest, false);
  });

  it('examples/get-token-with-literal-secret.snippet: the secret literal and the token request', () => {
    const { text, model } = snippetModel(fixture('examples', 'get-token-with-literal-secret.snippet'));
    const unit = model.units[0]!;
    const secret = only(eventsOf(unit, 'secret-literal'));
    assert.equal(secret.what, 'client-secret');
    assert.equal(slice(text, secret.valueRange), 's3cr3t-Xq9vLm2Rt7Wz');
    assert.deepEqual(secret.range, secret.valueRange);
    const call = only(eventsOf(unit, 'rest-call'));
    assert.equal(call.isTokenRequest, true);
    assert.equal(call.body, 'grant_type=client_credentials&client_id={clientId}&client_secret={client_secret}');
    const acquire = only(eventsOf(unit, 'token-acquire'));
    assert.equal(acquire.fromCall, call.id);
    assert.deepEqual(acquire.guards, []);
  });

  it('test/fixtures/snippet/rest-call-with-token.snippet: alias of a global token, status copy, stacked CASEs with comments', () => {
    const { text, model } = snippetModel(fixture('test', 'fixtures', 'snippet', 'rest-call-with-token.snippet'));
    const unit = model.units[0]!;
    const alias = only(eventsOf(unit, 'token-acquire'));
    assert.deepEqual(
      { source: alias.source, variable: alias.variable, fromVariable: alias.fromVariable },
      { source: 'alias', variable: 'token', fromVariable: 'crmtoken' },
    );
    const call = only(eventsOf(unit, 'rest-call'));
    assert.equal(call.body, '{ticket.asjson()}');
    assert.deepEqual(call.authorizationVariables, ['token']);
    const copy = only(eventsOf(unit, 'status-copy'));
    assert.equal(copy.variable, 'httpstatus', 'HTTPStatus and httpstatus are one variable');
    const denied = unit.conditions.find((c) => c.statusCheck?.equals.includes(401));
    assert.ok(denied);
    assert.deepEqual(denied.statusCheck, {
      callId: call.id,
      equals: [401, 403],
      notEquals: [],
      rangeComparison: false,
    });
    const [authError, otherError] = eventsOf(unit, 'error-path');
    assert.equal(slice(text, authError!.range), 'ASSIGN errMsg = "AUTH_{HTTPStatus}"');
    assert.equal(authError!.guards.at(-1)?.conditionId, denied.id);
    assert.equal(otherError!.guards.length, 2);
  });

  it('test/fixtures/snippet/functions.snippet: a token passed to a function in the header value', () => {
    const { text, model } = snippetModel(fixture('test', 'fixtures', 'snippet', 'functions.snippet'));
    const use = only(eventsOf(model.units[0]!, 'token-use'));
    assert.equal(use.variable, 'accesstoken');
    assert.equal(slice(text, use.range), 'accessToken', 'the name without its global: prefix');
  });

  describe('expiry checks (test/fixtures/analysis/snippet/expiry-check-shapes.snippet)', () => {
    const { text, model } = snippetModel(
      fixture('test', 'fixtures', 'analysis', 'snippet', 'expiry-check-shapes.snippet'),
    );
    const unit = model.units[0]!;
    const check = (source: string) => conditionWithText(unit, text, source).expiryCheck;

    it('no buffer', () => {
      assert.deepEqual(check('utc >= tokenExpiry'), {
        expiryVariable: 'tokenexpiry',
        buffer: { kind: 'none' },
        refreshBranch: 'then',
        comparisonRange: conditionWithText(unit, text, 'utc >= tokenExpiry').range,
      });
    });

    it('expiry on the left of now, buffer in seconds / 86400', () => {
      const c = check('tokenExpiry - (300 / 86400) <= now');
      assert.deepEqual(c?.buffer, { kind: 'constant', seconds: 300 });
      assert.equal(c?.refreshBranch, 'then');
      assert.equal(slice(text, c?.bufferRange), '(300 / 86400)');
    });

    it('a "still valid" test with a literal day fraction refreshes in the ELSE', () => {
      const c = check('nowUtc < tokenExpiry - 0.00347');
      assert.deepEqual(
        c?.buffer,
        { kind: 'constant', seconds: 300 },
        'nowUtc was assigned from utc; 0.00347 days is 5 minutes',
      );
      assert.equal(c?.refreshBranch, 'else');
      const refresh = conditionWithText(unit, text, 'nowUtc < tokenExpiry - 0.00347');
      const alias = only(eventsOf(unit, 'token-acquire'));
      assert.deepEqual(alias.guards, [{ conditionId: refresh.id, branch: 'then' }]);
    });

    it('remaining lifetime compared with minutes, and a buffer added to now()', () => {
      assert.deepEqual(check('tokenExpiry - utc < (2 / 1440)')?.buffer, { kind: 'constant', seconds: 120 });
      assert.equal(check('tokenExpiry - utc < (2 / 1440)')?.refreshBranch, 'then');
      const validUntil = check('now() + (5 / 1440) > accessTokenValidUntil');
      assert.equal(validUntil?.expiryVariable, 'accesstokenvaliduntil');
      assert.deepEqual(validUntil?.buffer, { kind: 'constant', seconds: 300 });
      assert.equal(validUntil?.refreshBranch, 'then');
    });

    it('a buffer variable that only ever holds a constant', () => {
      const c = check('cachedToken = "" | utc >= tokenExpiry - (refreshBuffer / 86400)');
      assert.deepEqual(c?.buffer, {
        kind: 'variable',
        variable: 'refreshbuffer',
        constantSeconds: 300,
        secondsPerUnit: 1,
      });
    });

    it('a business-hours test is not an expiry check', () => {
      assert.equal(check('now > closingTime'), undefined);
    });
  });

  it('a jittered buffer (ContactID spread, as the quick fix writes it)', () => {
    const { text, model } = snippetModel(
      fixture('test', 'fixtures', 'analysis', 'snippet', 'jittered-buffer-contact-spread.snippet'),
    );
    const unit = model.units[0]!;
    const refresh = conditionWithText(
      unit,
      text,
      'cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (refreshBuffer / 86400)',
    );
    assert.deepEqual(refresh.expiryCheck?.buffer, { kind: 'jittered' });
    const call = only(eventsOf(unit, 'rest-call'));
    assert.equal(call.url, 'https://login.example-crm.com/oauth2/v1/token');
    assert.equal(call.isTokenRequest, true);
  });

  it('random- and jitter-named buffers are jittered', () => {
    const { model } = snippetModel(
      [
        'ASSIGN jitterSeconds = 120 + random(360)',
        'ASSIGN spread = jitterSeconds',
        'IF utc >= tokenExpiry - (spread / 86400) { ASSIGN a = 1 }',
        'IF utc >= tokenExpiry - (rand(480) / 86400) { ASSIGN a = 2 }',
      ].join('\n'),
    );
    for (const c of model.units[0]!.conditions) assert.deepEqual(c.expiryCheck?.buffer, { kind: 'jittered' });
  });

  describe('constant lifetime, no buffer, refresh in the ELSE (constant-lifetime-refresh-in-else.snippet)', () => {
    const { text, model } = snippetModel(
      fixture('test', 'fixtures', 'analysis', 'snippet', 'constant-lifetime-refresh-in-else.snippet'),
    );
    const unit = model.units[0]!;

    it('global: names fold to the plain name', () => {
      const check = conditionWithText(unit, text, 'global:cachedToken != "" & utc < global:tokenExpiry');
      assert.deepEqual(check.expiryCheck?.buffer, { kind: 'none' });
      assert.equal(check.expiryCheck?.refreshBranch, 'else');
      assert.equal(check.expiryCheck?.expiryVariable, 'tokenexpiry');
      assert.equal(slice(text, only(eventsOf(unit, 'token-presence-check')).range), 'global:cachedToken != ""');
    });

    it('a constant lifetime is kept with the range of its seconds', () => {
      const [constant, cleared] = eventsOf(unit, 'expiry-set');
      assert.equal(constant!.constantSeconds, 3600);
      assert.equal(slice(text, constant!.constantRange), '3600');
      assert.equal(constant!.fromExpiresIn, false);
      assert.equal(constant!.clears, false);
      assert.equal(cleared!.clears, true, 'ASSIGN global:tokenExpiry = 0');
    });

    it('"{r.access_token}" is a response acquisition; a Bearer header variable is the use', () => {
      const acquisitions = eventsOf(unit, 'token-acquire');
      const response = acquisitions.find((a) => a.source === 'response');
      assert.equal(response?.variable, 'cachedtoken');
      assert.equal(response?.fromCall, eventsOf(unit, 'rest-call')[0]!.id);
      const header = acquisitions.find((a) => a.variable === 'authheader');
      assert.deepEqual(
        { source: header?.source, fromVariable: header?.fromVariable },
        { source: 'alias', fromVariable: 'bearervalue' },
      );
      const use = only(eventsOf(unit, 'token-use'));
      assert.equal(use.variable, 'authheader');
      assert.equal(slice(text, use.range), 'authHeader');
      assert.equal(use.callId, eventsOf(unit, 'rest-call')[1]!.id);
    });

    it('a plain copy of StatusCode is followed, with != 200', () => {
      const copy = only(eventsOf(unit, 'status-copy'));
      assert.equal(copy.variable, 'balancestatus');
      const check = conditionWithText(unit, text, 'balanceStatus != 200');
      assert.deepEqual(check.statusCheck, {
        callId: copy.callId,
        equals: [],
        notEquals: [200],
        rangeComparison: false,
      });
      const error = eventsOf(unit, 'error-path').at(-1)!;
      assert.deepEqual(error.guards, [{ conditionId: check.id, branch: 'then' }]);
    });
  });

  describe('loops and functions (token-fetch-per-order-in-foreach.snippet)', () => {
    const { text, model } = snippetModel(
      fixture('test', 'fixtures', 'analysis', 'snippet', 'token-fetch-per-order-in-foreach.snippet'),
    );
    const unit = model.units[0]!;
    const calls = eventsOf(unit, 'rest-call');

    it('marks everything in the FOREACH, and the body of a FUNCTION called there, as in a loop', () => {
      assert.deepEqual(
        calls.map((c) => [c.client, c.inLoop, c.isTokenRequest]),
        [
          ['noteproxy', true, false],
          ['tokenproxy', true, true],
          ['orderproxy', true, false],
          ['pingproxy', true, false],
        ],
      );
    });

    it('an inline {tokenResult.access_token} header is an acquisition right before its use', () => {
      const acquire = only(eventsOf(unit, 'token-acquire'));
      assert.deepEqual(
        {
          variable: acquire.variable,
          source: acquire.source,
          fromCall: acquire.fromCall,
          persistent: acquire.persistent,
        },
        { variable: 'tokenresult.access_token', source: 'response', fromCall: calls[1]!.id, persistent: false },
      );
      const use = eventsOf(unit, 'token-use').find((u) => u.variable === 'tokenresult.access_token');
      assert.equal(slice(text, use?.range), 'tokenResult.access_token');
      assert.equal(use?.callId, calls[2]!.id);
      assert.equal(use!.order, acquire.order + 1);
    });

    it('BREAK out of a retry loop is an error path; RETURN inside a FUNCTION is not', () => {
      const error = only(eventsOf(unit, 'error-path'));
      assert.equal(slice(text, error.range), 'BREAK');
      assert.equal(error.inLoop, true);
      assert.equal(error.guards.length, 1);
    });
  });

  describe('status checks (status-check-shapes.snippet)', () => {
    const { text, model } = snippetModel(
      fixture('test', 'fixtures', 'analysis', 'snippet', 'status-check-shapes.snippet'),
    );
    const unit = model.units[0]!;
    const [crm, notes] = eventsOf(unit, 'rest-call');

    it('StatusCode in any case, != 200', () => {
      const c = conditionWithText(unit, text, 'crmProxy.statuscode != 200');
      assert.deepEqual(c.statusCheck, { callId: crm!.id, equals: [], notEquals: [200], rangeComparison: false });
      assert.deepEqual(c.reads, ['crmproxy']);
    });

    it('SWITCH on a status copy, with a quoted number; .throw() is an error path', () => {
      const denied = conditionWithText(unit, text, '401\n  CASE "403"');
      assert.deepEqual(denied.statusCheck, {
        callId: crm!.id,
        equals: [401, 403],
        notEquals: [],
        rangeComparison: false,
      });
      assert.deepEqual(denied.reads, ['code']);
      const thrown = eventsOf(unit, 'error-path').find((e) => slice(text, e.range) === 'ERROR_MESSAGE.throw()');
      assert.deepEqual(thrown?.guards, [{ conditionId: denied.id, branch: 'then' }]);
      const ok = conditionWithText(unit, text, '200');
      assert.deepEqual(ok.statusCheck?.equals, [200]);
    });

    it('__httpstatuscode (REST API action) is the status of an unknown call', () => {
      const c = conditionWithText(unit, text, '__httpstatuscode >= 400');
      assert.deepEqual(c.statusCheck, { equals: [], notEquals: [], rangeComparison: true });
    });

    it('a string copy compared with a quoted number, OR-ed with something else', () => {
      const c = conditionWithText(unit, text, 'notesStatus > "299" | notes.items = ""');
      assert.deepEqual(c.statusCheck, { callId: notes!.id, equals: [], notEquals: [], rangeComparison: true });
      const ret = eventsOf(unit, 'error-path').at(-1)!;
      assert.equal(slice(text, ret.range), 'RETURN');
      assert.deepEqual(ret.guards, [{ conditionId: c.id, branch: 'then' }]);
    });
  });

  it('two-step exchange: the exchange carries the client token, the resource expiry is a copy', () => {
    const { model } = snippetModel(
      fixture('test', 'fixtures', 'analysis', 'snippet', 'two-step-token-exchange.snippet'),
    );
    const unit = model.units[0]!;
    const [client, exchange] = eventsOf(unit, 'rest-call');
    assert.ok(client && exchange);
    assert.equal(exchange.isTokenRequest, true);
    assert.deepEqual(exchange.authorizationVariables, ['clienttoken']);
    assert.match(exchange.body ?? '', /subject_token=\{clientToken\}/);
    const resource = eventsOf(unit, 'token-acquire').find((a) => a.variable === 'resourcetoken');
    assert.equal(resource?.fromCall, exchange.id);
    const copied = eventsOf(unit, 'expiry-set').find((e) => e.variable === 'resourcetokenexpiry');
    assert.deepEqual(
      { fromExpiresIn: copied?.fromExpiresIn, fromCall: copied?.fromCall },
      { fromExpiresIn: true, fromCall: client.id },
    );
    assert.deepEqual(
      eventsOf(unit, 'token-presence-check').map((p) => p.variable),
      ['clienttoken', 'exchangeresult.access_token'],
    );
  });

  describe('literal credentials (hardcoded-credentials.snippet)', () => {
    const { text, model } = snippetModel(
      fixture('test', 'fixtures', 'analysis', 'snippet', 'hardcoded-credentials.snippet'),
    );
    const unit = model.units[0]!;
    const literals = unit.events.filter((e) => e.kind === 'secret-literal' || e.kind === 'token-literal');

    it('finds each literal once, by its value range only', () => {
      assert.deepEqual(
        literals.map((e) => [e.kind, e.kind === 'secret-literal' ? e.what : e.jwt, slice(text, e.valueRange)]),
        [
          [
            'token-literal',
            true,
            'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJpdnItdGVzdCIsImV4cCI6MTcwMDAwMzYwMH0.c2lnbmF0dXJlLWJ5dGVz',
          ],
          ['secret-literal', 'password', 'Spr1ng-Tide-2024'],
          ['secret-literal', 'basic-credentials', 'Spr1ng-Tide-2024'],
          ['secret-literal', 'api-key', '9f8e7d6c5b4a3f2e1d0c'],
          ['secret-literal', 'api-key', 'k-77a9c1e04b5d'],
          ['token-literal', false, 'adc3f19be77d4c2aa0e6c1f8d9b24e71'],
          ['secret-literal', 'client-secret', 's3cr3t-Xq9vLm2Rt7Wz'],
        ],
      );
    });

    it('never stores a secret value in the model', () => {
      const serialized = JSON.stringify(model.units);
      for (const secret of [
        'Spr1ng-Tide-2024',
        '9f8e7d6c5b4a3f2e1d0c',
        'k-77a9c1e04b5d',
        'adc3f19be77d4c2aa0e6c1f8d9b24e71',
        's3cr3t-Xq9vLm2Rt7Wz',
      ]) {
        assert.ok(!serialized.includes(secret), secret);
      }
    });

    it('a password-grant body built with DYNAMIC and asjson() is a token request', () => {
      const call = eventsOf(unit, 'rest-call')[0]!;
      assert.equal(call.body, '{TokenInput.asjson()}');
      assert.equal(call.isTokenRequest, true);
      assert.equal(call.client, 'proxy');
    });
  });

  describe('small cases', () => {
    it('GetOAuthToken() and user functions are function acquisitions; "{r.access_token}" and later reads mark the call', () => {
      const { model } = snippetModel(
        [
          'ASSIGN t1 = GetOAuthToken()',
          'ASSIGN p = GetRESTProxy()',
          'ASSIGN r = p.MakeRestRequest("https://idp.example.com/api/session", "{creds}", 0, "POST")',
          'ASSIGN t2 = "{r.access_token}"',
          'ASSIGN t3 = "{t2}"',
        ].join('\r\n'),
      );
      const unit = model.units[0]!;
      const [t1, t2, t3] = eventsOf(unit, 'token-acquire');
      assert.deepEqual([t1!.source, t2!.source, t3!.source], ['function', 'response', 'alias']);
      assert.equal(t3!.fromVariable, 't2');
      assert.equal(only(eventsOf(unit, 'rest-call')).isTokenRequest, true, 'its response has an access_token');
    });

    it('settings.tokenEndpointPatterns adds token endpoints', () => {
      const code =
        'ASSIGN p = GetRESTProxy()\nASSIGN r = p.MakeRestRequest("https://sso.example.com/issue-jwt", "", 0, "POST")';
      assert.equal(only(eventsOf(snippetModel(code).model.units[0]!, 'rest-call')).isTokenRequest, false);
      const settings = { ...DEFAULT_SETTINGS, tokenEndpointPatterns: ['/issue-jwt$'] };
      assert.equal(only(eventsOf(snippetModel(code, settings).model.units[0]!, 'rest-call')).isTokenRequest, true);
    });

    it('MakeRestRequest on any receiver, any case; the header stays on its proxy for later calls', () => {
      const { model } = snippetModel(
        [
          'ASSIGN api = GETRESTProxy()',
          'api.addheader("authorization", "Bearer {accessToken}")',
          'ASSIGN a = api.makerestrequest("https://api.example.com/a", "", 0, "get")',
          'ASSIGN b = api.MakeRestRequest("https://api.example.com/b", "", 0, "GET")',
          'ASSIGN api = GetRESTProxy()',
          'ASSIGN c = api.MakeRestRequest("https://api.example.com/c", "", 0, "GET")',
        ].join('\n'),
      );
      const unit = model.units[0]!;
      const [a, b, c] = eventsOf(unit, 'rest-call');
      assert.equal(a!.method, 'GET');
      assert.deepEqual(
        [a!.authorizationVariables, b!.authorizationVariables, c!.authorizationVariables],
        [['accesstoken'], ['accesstoken'], []],
      );
      assert.equal(only(eventsOf(unit, 'token-use')).callId, a!.id);
    });

    it('presence checks: bare variable, .length(), != ""', () => {
      const { text, model } = snippetModel(
        [
          'IF accessToken { ASSIGN x = 1 }',
          'IF strToken.length() > 0 { ASSIGN x = 2 }',
          'IF cachedToken != "" & customerId != "" { ASSIGN x = 3 }',
        ].join('\n'),
      );
      const checks = eventsOf(model.units[0]!, 'token-presence-check');
      assert.deepEqual(
        checks.map((c) => [c.variable, slice(text, c.range)]),
        [
          ['accesstoken', 'accessToken'],
          ['strtoken', 'strToken.length() > 0'],
          ['cachedtoken', 'cachedToken != ""'],
        ],
      );
    });

    it('expiry sets: utc + 0.0416 is an hour; "" and "0" clear; a copied expires_in counts', () => {
      const { text, model } = snippetModel(
        [
          'ASSIGN tokenExpiry = utc + 0.0416',
          'ASSIGN tokenExpiry = "0"',
          'ASSIGN tokenExpiry = ""',
          'ASSIGN expiresIn = tokenResult.expires_in',
          'ASSIGN tokenExpiry = now + (expiresIn - 60) / 86400',
          'ASSIGN tokenTtlEnd = dateadd("s", 1800, utc)',
        ].join('\n'),
      );
      const sets = eventsOf(model.units[0]!, 'expiry-set');
      assert.deepEqual(
        sets.map((s) => [s.variable, s.constantSeconds, s.clears, s.fromExpiresIn]),
        [
          ['tokenexpiry', 3600, false, false],
          ['tokenexpiry', undefined, true, false],
          ['tokenexpiry', undefined, true, false],
          ['tokenexpiry', undefined, false, true],
          ['tokenttlend', 1800, false, false],
        ],
      );
      assert.equal(slice(text, sets[0]!.constantRange), '0.0416');
      assert.equal(slice(text, sets[4]!.constantRange), '1800');
    });

    it('error variables: only non-empty values', () => {
      const { model } = snippetModel(
        'ASSIGN apiError = ""\nASSIGN apiError = "AUTH"\nASSIGN referrer = "ivr"\nASSIGN hasFailed = false\nASSIGN dfoerror = true',
      );
      assert.equal(eventsOf(model.units[0]!, 'error-path').length, 2);
    });

    it('a Basic Authorization header is not a token use, and its literal is a credential', () => {
      const { text, model } = snippetModel(
        'ASSIGN p = GetRESTProxy()\np.AddHeader("Authorization", "Basic aXZyOnMzY3IzdA==")\np.AddHeader("Authorization", "Basic {creds}")',
      );
      const unit = model.units[0]!;
      assert.equal(eventsOf(unit, 'token-use').length, 0);
      const secret = only(eventsOf(unit, 'secret-literal'));
      assert.equal(secret.what, 'basic-credentials');
      assert.equal(slice(text, secret.valueRange), 'aXZyOnMzY3IzdA==');
    });

    it('a JWT-shaped literal anywhere in a string is a token literal', () => {
      const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
      const { text, model } = snippetModel(`TRACE "debug {x} ${jwt}"`);
      const literal = only(eventsOf(model.units[0]!, 'token-literal'));
      assert.equal(slice(text, literal.valueRange), jwt);
      assert.equal(literal.jwt, true);
    });

    it('ELSE IF without braces nests in the ELSE branch', () => {
      const { model } = snippetModel(
        'IF proxy.StatusCode = 200 { ASSIGN ok = 1 }\nELSE\nIF proxy.StatusCode = 401 { ASSIGN apiError = "AUTH" }',
      );
      const unit = model.units[0]!;
      const [outer, inner] = unit.conditions;
      assert.deepEqual(only(eventsOf(unit, 'error-path')).guards, [
        { conditionId: outer!.id, branch: 'else' },
        { conditionId: inner!.id, branch: 'then' },
      ]);
    });

    it('an empty file is an empty unit', () => {
      const { model } = snippetModel('');
      assert.deepEqual(model.units[0]!.events, []);
      assert.deepEqual(model.units[0]!.range, { start: 0, end: 0 });
    });
  });
});
