import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { conditionsOf, eventsOf, extract, extractFixture, guardsOf, only, slice } from './extract-guide-helpers';

describe('extract-studio: studio fixtures', () => {
  it('long IVR: every WAIT / MENU / PLAY / HOLD / REQAGENT / `...` between the acquisition and the use', () => {
    const { text, model } = extractFixture('guide-scripts/long-ivr-with-wait.studio');
    const acquire = only(eventsOf(model, 'token-acquire'));
    const use = only(eventsOf(model, 'token-use'));
    assert.equal(acquire.variable, 'strtoken');
    assert.equal(use.variable, 'strtoken');
    assert.notEqual(acquire.unit, use.unit);
    assert.deepEqual(
      model.flow.longRunningBetween(acquire.unit, use.unit).map((e) => e.label),
      [
        'PLAY "Welcome to Contoso Energy. Please listen carefully as our menu options have changed."',
        'MENU "For billing press 1, to report an outage press 2, to speak to an agent press 3"',
        'REQAGENT "Billing"',
        'HOLD',
        'the comment "During storm outages customers stay on hold for an hour or more"',
        'WAIT 300',
        'PLAY "Your call is important to us. Please stay on the line."',
        'WAIT 300',
        'WAIT',
        'the elided part of the script (…)',
      ],
    );
    // The header comment ("up to an hour on hold") describes the file; it is no time passing.
    assert.equal(
      eventsOf(model, 'long-running').some((e) => e.label.includes('up to an hour')),
      false,
    );
    const call = only(eventsOf(model, 'rest-call'));
    assert.equal(call.body, '{"customerId":"{strCustomerId}","outcome":"hold-abandoned","waitedSeconds":600}');
    const copy = only(eventsOf(model, 'status-copy'));
    assert.equal(copy.variable, 'strlogstatus');
    assert.equal(copy.callId, call.id);
    assert.equal(copy.client, 'req', 'the request variable, as for a proxy in real Snippet');
    assert.equal(slice(text, copy.range), 'SET strLogStatus = resp.statusCode.toString();');
    assert.equal(eventsOf(model, 'token-literal').length, 0, '"60+ minutes old" in a comment is no token');
  });

  it('Strategy C: a proxy call with a substituted service key: no token, no secret, a status check', () => {
    const { model } = extractFixture('guide-scripts/strategy-c-token-proxy.studio');
    assert.equal(eventsOf(model, 'token-acquire').length, 0);
    assert.equal(eventsOf(model, 'token-use').length, 0);
    assert.equal(eventsOf(model, 'secret-literal').length, 0);
    const call = only(eventsOf(model, 'rest-call'));
    assert.equal(call.isTokenRequest, false, '/token-proxy/ is not a token endpoint');
    const auth = only(conditionsOf(model), (c) => c.statusCheck?.equals.includes(401) ?? false);
    assert.equal(auth.statusCheck?.callId, call.id);
    assert.deepEqual(auth.statusCheck?.equals, [401, 403]);
  });

  it('two-step exchange: each token with its own expiry and buffered check; the client token travels in the exchange body', () => {
    const { text, model } = extractFixture('guide-scripts/two-step-token-exchange.studio');
    const [clientCall, exchangeCall, apiCall] = eventsOf(model, 'rest-call');
    assert.ok(clientCall && exchangeCall && apiCall);
    assert.equal(clientCall.isTokenRequest, true);
    assert.equal(exchangeCall.isTokenRequest, true);
    assert.equal(
      exchangeCall.body,
      'grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={clientToken}&resource=https://api.your-crm.com',
    );
    assert.equal(apiCall.isTokenRequest, false);
    assert.deepEqual(apiCall.authorizationVariables, ['resourcetoken']);

    const checks = conditionsOf(model).filter((c) => c.expiryCheck);
    assert.deepEqual(
      checks.map((c) => c.expiryCheck!.expiryVariable),
      ['clientexpiry', 'resourceexpiry'],
    );
    for (const check of checks) {
      assert.deepEqual(check.expiryCheck!.buffer, {
        kind: 'variable',
        variable: 'bufferseconds',
        secondsPerUnit: 1,
        constantSeconds: 300,
      });
      assert.equal(check.expiryCheck!.refreshBranch, 'then');
      assert.equal(slice(text, check.expiryCheck!.bufferRange!), 'bufferSeconds');
    }
    assert.equal(slice(text, checks[0]!.expiryCheck!.comparisonRange), 'now >= clientExpiry - bufferSeconds');

    const stored = eventsOf(model, 'expiry-set').filter((e) => !e.clears);
    assert.deepEqual(
      stored.map((e) => [e.variable, e.fromExpiresIn, e.fromCall]),
      [
        ['strclienttokenexpiry', true, clientCall.id],
        ['strresourcetokenexpiry', true, exchangeCall.id],
      ],
    );
    assert.deepEqual(guardsOf(stored[1]!), [`${checks[1]!.id}:then`]);
    // The script-level initialisation and the 401 handler clear the expiries.
    assert.deepEqual(
      eventsOf(model, 'expiry-set')
        .filter((e) => e.clears)
        .map((e) => e.variable),
      ['strclienttokenexpiry', 'strresourcetokenexpiry', 'strresourcetokenexpiry'],
    );

    const subject = only(eventsOf(model, 'token-use'), (e) => e.variable === 'clienttoken');
    assert.equal(subject.callId, exchangeCall.id);
    assert.equal(slice(text, subject.range), 'clientToken');
    assert.deepEqual(exchangeCall.authorizationVariables, [], 'the body is no Authorization header');
    assert.deepEqual(exchangeCall.bodyVariables, ['clienttoken']);
    assert.deepEqual(clientCall.bodyVariables, ['secure_client_id', 'secure_client_secret']);
    assert.equal(apiCall.bodyVariables, undefined, 'a GET without a body');

    const resource = eventsOf(model, 'token-acquire').filter(
      (e) => e.variable === 'resourcetoken' || e.variable === 'strresourcetoken',
    );
    assert.deepEqual(
      resource.map((e) => [e.variable, e.source, e.fromCall ?? e.fromVariable]),
      [
        ['resourcetoken', 'cache-read', 'strresourcetoken'],
        ['resourcetoken', 'response', exchangeCall.id],
        ['strresourcetoken', 'alias', 'resourcetoken'],
      ],
    );
    assert.deepEqual(
      eventsOf(model, 'token-presence-check').map((e) => slice(text, e.range)),
      ['clientToken.length == 0', 'resourceToken.length == 0'],
    );
  });

  it('broken bodies: the recovered trees still yield the calls, the token and the expiry', () => {
    const { model } = extractFixture('guide-scripts/broken-js-in-body.studio');
    const [tokenCall] = eventsOf(model, 'rest-call');
    assert.equal(
      tokenCall?.url,
      'https://auth.your-idp.com/oauth/token',
      "the unterminated string's `;` is not part of the URL",
    );
    assert.equal(tokenCall?.isTokenRequest, true);
    const cached = only(eventsOf(model, 'token-acquire'));
    assert.equal(cached.variable, 'strcachedtoken');
    assert.equal(cached.source, 'response');
    assert.equal(only(eventsOf(model, 'expiry-set')).fromExpiresIn, true);
  });

  it('unterminated SNIPPET: PLAY lies between the acquisition and the use; the ternary error path is guarded', () => {
    const { model } = extractFixture('guide-scripts/broken-unterminated-snippet.studio');
    const acquire = only(eventsOf(model, 'token-acquire'));
    const use = only(eventsOf(model, 'token-use'));
    assert.deepEqual(
      model.flow.longRunningBetween(acquire.unit, use.unit).map((e) => e.label),
      ['PLAY "Please hold while we look up your account."'],
    );
    const status = only(conditionsOf(model), (c) => c.statusCheck !== undefined);
    assert.deepEqual(status.statusCheck?.equals, [200]);
    assert.equal(status.statusCheck?.callId, only(eventsOf(model, 'rest-call')).id);
    const error = only(eventsOf(model, 'error-path'));
    assert.deepEqual(guardsOf(error), [`${status.id}:else`]);
  });
});

describe('extract-studio: analysis fixtures', () => {
  it('token fetched inside a for loop and a forEach callback', () => {
    const { text, model } = extractFixture('analysis/guide/token-fetch-in-loop.studio');
    const [tokenCall, orderCall, statusCall] = eventsOf(model, 'rest-call');
    assert.ok(tokenCall && orderCall && statusCall);
    assert.equal(tokenCall.isTokenRequest, true);
    assert.equal(tokenCall.inLoop, true);
    assert.equal(tokenCall.url, 'https://auth.your-idp.com/oauth2/token');
    const [orderToken, perOrderToken] = eventsOf(model, 'token-acquire');
    assert.deepEqual(
      [orderToken?.variable, orderToken?.source, orderToken?.fromCall, orderToken?.inLoop],
      ['ordertoken', 'response', tokenCall.id, true],
    );
    assert.deepEqual(
      [perOrderToken?.variable, perOrderToken?.source, perOrderToken?.inLoop],
      ['perordertoken', 'function', true],
    );
    assert.equal(orderCall.url, 'https://api.your-oms.com/orders/{orderIds[i]}');
    assert.deepEqual(orderCall.authorizationVariables, ['ordertoken'], 'template literal `Bearer ${orderToken}`');
    assert.deepEqual(statusCall.authorizationVariables, ['perordertoken'], 'headers.Authorization member form');
    assert.equal(statusCall.url, 'https://api.your-oms.com/orders/{id}/status');

    const [notOk, failed] = conditionsOf(model);
    assert.deepEqual(notOk?.statusCheck, {
      callId: orderCall.id,
      equals: [],
      notEquals: [200],
      rangeComparison: false,
    });
    assert.deepEqual(failed?.statusCheck, { callId: statusCall.id, equals: [], notEquals: [], rangeComparison: true });
    const errors = eventsOf(model, 'error-path');
    assert.deepEqual(
      errors.map((e) => slice(text, e.range)),
      ['SET strApiError = "HTTP_" + orderResp.statusCode;', 'throw new Error("Order status lookup failed");'],
    );
    assert.ok(errors.every((e) => e.inLoop));
    // The script-level ASSIGN before the blocks is not in a loop.
    assert.equal(
      eventsOf(model, 'rest-call').every((e) => e.inLoop),
      true,
    );
  });

  it('literal client secret, API key, Basic credentials and password', () => {
    const { text, model } = extractFixture('analysis/guide/literal-client-secret.studio');
    const secrets = eventsOf(model, 'secret-literal');
    assert.deepEqual(
      secrets.map((e) => [e.what, slice(text, e.valueRange)]),
      [
        ['client-secret', 's3cr3t-Xq9vLm2Rt7Wz'],
        ['client-secret', 'Zx8-live-7f3a9c2e41b6'],
        ['client-secret', 's3cr3t-Xq9vLm2Rt7Wz'],
        ['api-key', 'ak_live_51HqTz2eZvKYlo2C'],
        ['basic-credentials', 'Winter2024!'],
        ['password', 'hunter2-prod'],
      ],
    );
    assert.equal(slice(text, secrets[0]!.range), '"s3cr3t-Xq9vLm2Rt7Wz"');
    assert.equal(secrets[0]!.unit, 0, 'the script-level ASSIGN');
    const crmCall = only(eventsOf(model, 'rest-call'), (e) => e.client === 'crmreq');
    assert.deepEqual(crmCall.authorizationVariables, [], 'Basic credentials are no token');
    assert.equal(eventsOf(model, 'token-use').length, 0);
  });

  it('JWT and bearer tokens pasted into headers, a variable and a comment', () => {
    const { text, model } = extractFixture('analysis/guide/jwt-literal-in-header.studio');
    const tokens = eventsOf(model, 'token-literal');
    assert.deepEqual(
      tokens.map((e) => [e.jwt, slice(text, e.valueRange).slice(0, 12)]),
      [
        [false, 'adc3f19be77d'],
        [true, 'eyJhbGciOiJS'],
        [true, 'eyJhbGciOiJS'],
      ],
    );
    const header = tokens[2]!;
    assert.equal(
      slice(text, header.valueRange),
      'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpdnIiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0.c2lnbmF0dXJl',
    );
    assert.ok(slice(text, tokens[1]!.range).startsWith('// curl'), 'the comment is the event range');
    assert.equal(eventsOf(model, 'long-running').length, 0, "the header's 'an hour' says nothing about this flow");
    const use = only(eventsOf(model, 'token-use'));
    assert.equal(use.variable, 'strtoken');
    assert.equal(slice(text, use.range), '{strToken}');
    const backup = only(eventsOf(model, 'rest-call'), (e) => e.client === 'backupreq');
    assert.equal(use.callId, backup.id);
    assert.deepEqual(
      backup.authorizationVariables,
      ['strtoken'],
      'setRequestHeader("Authorization", "Bearer {strToken}")',
    );
  });

  it('cached token with no expiry: presence check, persistent alias, MENU and WAIT before a substituted use, switch on a status copy', () => {
    const { text, model } = extractFixture('analysis/guide/cached-token-no-expiry.studio');
    assert.equal(eventsOf(model, 'expiry-set').length, 0);
    const presence = only(eventsOf(model, 'token-presence-check'));
    assert.equal(presence.variable, 'tokenvalue');
    assert.equal(slice(text, presence.range), 'tokenValue');
    const missing = only(conditionsOf(model), (c) => slice(text, c.range) === '!tokenValue');
    const stored = only(eventsOf(model, 'token-acquire'), (e) => e.variable === 'strcachedtoken');
    assert.equal(stored.persistent, true);
    assert.deepEqual(guardsOf(stored), [`${missing.id}:then`]);

    const use = only(eventsOf(model, 'token-use'));
    assert.equal(slice(text, use.range), '{strCachedToken}');
    assert.deepEqual(
      model.flow.longRunningBetween(stored.unit, use.unit).map((e) => e.label),
      ['MENU "For your balance press 1, for payments press 2"', 'WAIT 600'],
    );

    const apiCall = only(eventsOf(model, 'rest-call'), (e) => !e.isTokenRequest);
    const copy = only(eventsOf(model, 'status-copy'));
    assert.deepEqual([copy.variable, copy.callId], ['code', apiCall.id]);
    const [auth, ok] = conditionsOf(model).filter((c) => c.statusCheck);
    assert.deepEqual(auth?.statusCheck, {
      callId: apiCall.id,
      equals: [401, 403],
      notEquals: [],
      rangeComparison: false,
    });
    assert.equal(slice(text, auth!.range), 'case 401:\n  case 403');
    assert.deepEqual(ok?.statusCheck?.equals, [200]);
    const errors = eventsOf(model, 'error-path');
    assert.deepEqual(errors.map(guardsOf), [[`${auth!.id}:then`], [`${auth!.id}:else`, `${ok!.id}:else`]]);
  });

  it('expiry from a constant 3600 (and 1800 s held in a variable, in milliseconds)', () => {
    const { text, model } = extractFixture('analysis/guide/expiry-constant-3600.studio');
    const [constant, local, copied] = eventsOf(model, 'expiry-set');
    assert.ok(constant && local && copied);
    assert.equal(constant.variable, 'strtokenexpiry');
    assert.equal(constant.fromExpiresIn, false);
    assert.equal(constant.constantSeconds, 3600);
    assert.equal(slice(text, constant.constantRange!), '3600');
    assert.equal(slice(text, constant.range), 'SET strTokenExpiry = (currentTime + 3600).toString();');
    const ok = only(conditionsOf(model));
    assert.deepEqual(guardsOf(constant), [`${ok.id}:then`]);
    assert.deepEqual(ok.statusCheck?.equals, [200]);
    assert.equal(only(eventsOf(model, 'error-path')).guards[0]?.branch, 'else');

    assert.equal(local.variable, 'expiresat');
    assert.equal(local.constantSeconds, 1800);
    assert.equal(copied.variable, 'strothertokenexpiry');
    assert.equal(copied.constantSeconds, 1800);
    assert.equal(slice(text, copied.constantRange!), '1800');
  });

  it('expiry checks: no buffer, inlined now, jittered, time-left under a negation', () => {
    const { text, model } = extractFixture('analysis/guide/expiry-check-variants.studio');
    const checks = conditionsOf(model)
      .filter((c) => c.expiryCheck)
      .map((c) => ({ id: c.id, ...c.expiryCheck! }));
    assert.deepEqual(
      checks.map((c) => [c.expiryVariable, c.buffer, c.refreshBranch, slice(text, c.comparisonRange)]),
      [
        ['tokenexpiry', { kind: 'none' }, 'else', 'currentTime < tokenExpiry'],
        ['expiry', { kind: 'none' }, 'then', 'Math.floor(Date.now() / 1000) >= expiry'],
        ['cachedexpiry', { kind: 'jittered' }, 'then', 'now >= cachedExpiry - jitter'],
        ['tokenexpiresat', { kind: 'constant', seconds: 300 }, 'else', 'tokenExpiresAt - nowSeconds < 300'],
      ],
    );
    const acquires = eventsOf(model, 'token-acquire');
    const refreshed = only(acquires, (e) => e.variable === 'validtoken' && e.source === 'function');
    assert.deepEqual(guardsOf(refreshed), [`${checks[0]!.id}:else`]);
    // The ternary `due ? GetOAuthToken() : "{strCachedToken}"` acquires once per branch.
    const ternary = acquires.filter((e) => e.variable === 'token');
    assert.deepEqual(
      ternary.map((e) => [e.source, guardsOf(e)]),
      [
        ['function', [`${checks[2]!.id}:then`]],
        ['cache-read', [`${checks[2]!.id}:else`]],
      ],
    );
    const renewed = only(acquires, (e) => e.variable === 'renewed');
    assert.deepEqual(guardsOf(renewed), [`${checks[3]!.id}:else`]);
  });

  it('settings: extra token endpoint patterns make a call a token request', () => {
    const text = [
      'SNIPPET',
      'var r = new CXone.HttpRequest();',
      'r.url = "https://sso.example.com/issue-credential";',
      'var resp = r.send();',
      'END SNIPPET',
    ].join('\n');
    assert.equal(only(eventsOf(extract(text).model, 'rest-call')).isTokenRequest, false);
    const settings = { ...DEFAULT_SETTINGS, tokenEndpointPatterns: ['/issue-credential$'] };
    assert.equal(only(eventsOf(extract(text, settings).model, 'rest-call')).isTokenRequest, true);
  });
});
