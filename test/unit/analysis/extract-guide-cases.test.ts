import { strict as assert } from 'node:assert';
import { commentSaysTimePasses } from '../../../server/src/analysis/vocabulary';
import { conditionsOf, eventsOf, extract, guardsOf, only, slice } from './extract-guide-helpers';

function studio(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

describe('extract-studio: units and script order', () => {
  it('splits script lines so that long-running lines open a unit, and answers the flow in script order', () => {
    const { text, model } = extract(
      studio(
        'ASSIGN strToken = GetOAuthToken();',
        'ASSIGN strCustomerId = "{ANI}";',
        'WAIT 30',
        'WAIT 60',
        'ASSIGN strLang = "en";',
        'SNIPPET',
        'var t = "{strToken}";',
        'END SNIPPET',
        'QUEUE "Billing"',
        'SNIPPET',
        'req.headers["Authorization"] = "Bearer " + strToken;',
        'req.send();',
        'END SNIPPET',
      ),
    );
    assert.deepEqual(
      model.units.map((u) => [u.label, slice(text, u.range).split('\n')[0]]),
      [
        ['script line 1', 'ASSIGN strToken = GetOAuthToken();'],
        ['script line 3', 'WAIT 30'],
        ['SNIPPET block at line 6', 'SNIPPET'],
        ['script line 9', 'QUEUE "Billing"'],
        ['SNIPPET block at line 10', 'SNIPPET'],
      ],
    );
    assert.deepEqual(
      model.flow.longRunningBetween(0, 4).map((e) => e.label),
      ['WAIT 30', 'WAIT 60', 'QUEUE "Billing"'],
    );
    assert.deepEqual(
      model.flow.longRunningBetween(1, 4).map((e) => e.label),
      ['QUEUE "Billing"'],
      'unit 1 itself: its waits come before its code',
    );
    assert.deepEqual(
      model.flow.longRunningBetween(2, 4).map((e) => e.label),
      ['QUEUE "Billing"'],
    );
    assert.deepEqual(
      model.flow.longRunningBetween(3, 4).map((e) => e.label),
      [],
    );
    assert.deepEqual(model.flow.longRunningBetween(4, 0), []);
    assert.deepEqual(model.flow.predecessors(4), [0, 1, 2, 3]);
    assert.deepEqual(model.flow.predecessors(99), []);
    // A token read through a substitution in a later block is a cache read of the script variable.
    const read = only(eventsOf(model, 'token-acquire'), (e) => e.unit === 2);
    assert.deepEqual([read.variable, read.source, read.fromVariable], ['t', 'cache-read', 'strtoken']);
  });

  it('reads comments that say time passes, but not file headers or short buffers', () => {
    assert.equal(commentSaysTimePasses('// Later in the script (60+ minutes into a long IVR hold):'), true);
    assert.equal(commentSaysTimePasses('// the caller waits 20 minutes in the queue'), true);
    assert.equal(commentSaysTimePasses('// customers stay on hold for an hour or more'), true);
    assert.equal(commentSaysTimePasses('// 2 hours later'), true);
    assert.equal(commentSaysTimePasses('// refreshed 5 minutes early'), false);
    assert.equal(commentSaysTimePasses('// broken for long calls'), false);
    assert.equal(commentSaysTimePasses('// a long-lived service API key'), false);

    const { model } = extract(
      studio(
        '// This header mentions an hour on hold but describes the file.',
        'ASSIGN strToken = GetOAuthToken(); // a trailing note about an hour on hold',
        '// 45 minutes later, after the survey',
        'SNIPPET',
        'req.headers["Authorization"] = "Bearer " + strToken;',
        'END SNIPPET',
      ),
    );
    assert.deepEqual(
      eventsOf(model, 'long-running').map((e) => e.label),
      ['the comment "45 minutes later, after the survey"'],
    );
  });
});

describe('extract-studio: tokens and requests', () => {
  it('global: prefixes, SET inside a body and assignments to undeclared names are persistent', () => {
    const { model } = extract(
      studio(
        'SET global:strToken = GetOAuthToken();',
        'SNIPPET',
        'SET global:strOther = GetOAuthToken();',
        'strThird = GetOAuthToken();',
        'var local = GetOAuthToken();',
        'END SNIPPET',
      ),
    );
    assert.deepEqual(
      eventsOf(model, 'token-acquire').map((e) => [e.variable, e.persistent]),
      [
        ['strtoken', true],
        ['strother', true],
        ['strthird', true],
        ['local', false],
      ],
    );
  });

  it('Authorization from an object literal, a prebuilt Bearer variable, and headers that stay set across sends', () => {
    const { text, model } = extract(
      studio(
        'SNIPPET',
        'var tok = GetOAuthToken();',
        'var a = new CXone.HttpRequest();',
        'a.headers = { "Content-Type": "application/json", Authorization: "Bearer " + tok };',
        'var first = a.send();',
        'var second = a.send();',
        'var authHeader = `Bearer ${tok}`;',
        'var b = new CXone.HttpRequest();',
        'b.headers["authorization"] = authHeader;',
        'var third = b.send();',
        'END SNIPPET',
      ),
    );
    const [first, second, third] = eventsOf(model, 'rest-call');
    assert.deepEqual(first?.authorizationVariables, ['tok']);
    assert.deepEqual(second?.authorizationVariables, ['tok'], 'headers stay set on the request object');
    assert.deepEqual(third?.authorizationVariables, ['tok']);
    const uses = eventsOf(model, 'token-use');
    assert.deepEqual(
      uses.map((u) => [slice(text, u.range), u.callId]),
      [
        ['tok', first!.id],
        ['tok', third!.id],
      ],
    );
  });

  it('works out URLs and bodies: known variables, open(), send(body), JSON.stringify, a later access_token read', () => {
    const { model } = extract(
      studio(
        'SNIPPET',
        'var tokenUrl = "https://login.example.com/oauth2/v2/token";',
        'var r1 = new CXone.HttpRequest();',
        'r1.open("post", tokenUrl);',
        'var t1 = JSON.parse(r1.send("client_id={SECURE_CLIENT_ID}").body).access_token;',
        'var r2 = new CXone.HttpRequest();',
        'r2.url = "https://idp.example.com/v1/issue";',
        'r2.body = JSON.stringify({ grant_type: "client_credentials", client_id: clientId });',
        'var resp2 = r2.send();',
        'var r3 = new CXone.HttpRequest();',
        'r3.url = "https://idp.example.com/v1/login";',
        'var resp3 = r3.send();',
        'var data3 = JSON.parse(resp3.body);',
        'var t3 = data3.access_token;',
        'END SNIPPET',
      ),
    );
    const [c1, c2, c3] = eventsOf(model, 'rest-call');
    assert.deepEqual(
      [c1?.method, c1?.url, c1?.body, c1?.isTokenRequest],
      ['POST', 'https://login.example.com/oauth2/v2/token', 'client_id={SECURE_CLIENT_ID}', true],
    );
    assert.equal(c2?.body, '{"grant_type":"client_credentials","client_id":"{clientId}"}');
    assert.equal(c2?.isTokenRequest, true);
    assert.equal(c3?.isTokenRequest, true, 'its response holds an access_token');
    const acquires = eventsOf(model, 'token-acquire');
    assert.deepEqual(
      acquires.map((e) => [e.variable, e.fromCall]),
      [
        ['t1', c1!.id],
        ['t3', c3!.id],
      ],
    );
  });

  it('a token in a request body is a use only when the variable holds a token', () => {
    const { model } = extract(
      studio(
        'SNIPPET',
        'var subject = GetOAuthToken();',
        'var x = new CXone.HttpRequest();',
        'x.url = "https://auth.example.com/oauth/token";',
        'x.body = "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + subject + "&audience=" + audience;',
        'x.send();',
        'END SNIPPET',
      ),
    );
    const use = only(eventsOf(model, 'token-use'));
    assert.equal(use.variable, 'subject');
    assert.equal(use.callId, only(eventsOf(model, 'rest-call')).id);
  });
});

describe('extract-studio: conditions', () => {
  it('status checks: negated equality, copies, DECISION on a copied status', () => {
    const { model } = extract(
      studio(
        'SNIPPET',
        'var r = new CXone.HttpRequest();',
        'var resp = r.send();',
        'if (!(resp.statusCode === 200)) { return; }',
        'SET strStatus = resp.statusCode;',
        'END SNIPPET',
        'DECISION {strStatus} = 401',
      ),
    );
    const call = only(eventsOf(model, 'rest-call'));
    const [negated, decision] = conditionsOf(model);
    assert.deepEqual(negated?.statusCheck, { callId: call.id, equals: [], notEquals: [200], rangeComparison: false });
    assert.deepEqual(decision?.statusCheck, { callId: call.id, equals: [401], notEquals: [], rangeComparison: false });
    const returned = only(eventsOf(model, 'error-path'));
    assert.deepEqual(guardsOf(returned), [`${negated!.id}:then`]);
  });

  it('expiry checks: now + buffer, a day-count buffer variable, reversed operands', () => {
    const { text, model } = extract(
      studio(
        'SNIPPET',
        'var now = Date.now() / 1000;',
        'var tokenExpiry = parseInt("{strTokenExpiry}");',
        'var refreshBuffer = 240;',
        'if (now + 300 >= tokenExpiry) { var a = GetOAuthToken(); }',
        'if (tokenExpiry - (refreshBuffer / 86400) > now) { var b = "{strCachedToken}"; }',
        'if (tokenExpiry > now) { var c = "{strCachedToken}"; }',
        'END SNIPPET',
      ),
    );
    const checks = conditionsOf(model).map((c) => c.expiryCheck);
    assert.deepEqual(
      checks.map((c) => [c?.buffer, c?.refreshBranch, slice(text, c!.comparisonRange)]),
      [
        [{ kind: 'constant', seconds: 300 }, 'then', 'now + 300 >= tokenExpiry'],
        [
          { kind: 'variable', variable: 'refreshbuffer', constantSeconds: 240, secondsPerUnit: 1 },
          'else',
          'tokenExpiry - (refreshBuffer / 86400) > now',
        ],
        [{ kind: 'none' }, 'else', 'tokenExpiry > now'],
      ],
    );
    assert.deepEqual(
      checks.map((c) => (c?.bufferRange ? slice(text, c.bufferRange) : undefined)),
      ['300', '(refreshBuffer / 86400)', undefined],
    );
  });

  it('a buffer variable assigned different values is not a fixed constant', () => {
    const { model } = extract(
      studio(
        'SNIPPET',
        'var margin = 300;',
        'if (isPeak) { margin = 600; }',
        'if (Date.now() >= parseInt("{strTokenExpiry}") - margin) { SET strCachedToken = GetOAuthToken(); }',
        'END SNIPPET',
      ),
    );
    const check = only(conditionsOf(model), (c) => c.expiryCheck !== undefined).expiryCheck!;
    // Date.now() counts milliseconds: so does a buffer subtracted from what it is compared with.
    assert.deepEqual(check.buffer, { kind: 'variable', variable: 'margin', secondsPerUnit: 0.001 });
    assert.equal(check.expiryVariable, 'strtokenexpiry');
  });

  it('token presence in DECISION lines and JS tests; errors only from non-empty error values', () => {
    const { text, model } = extract(
      studio(
        'DECISION "{strCachedToken}" = ""',
        'SNIPPET',
        'var tok = "{strCachedToken}";',
        'if (tok == "" || tok === undefined) { SET strApiError = "NO_TOKEN"; } else { SET strApiError = ""; }',
        'function helper() { return 1; }',
        'END SNIPPET',
      ),
    );
    assert.deepEqual(
      eventsOf(model, 'token-presence-check').map((e) => [e.variable, slice(text, e.range)]),
      [
        ['strcachedtoken', '"{strCachedToken}" = ""'],
        ['tok', 'tok == ""'],
        ['tok', 'tok === undefined'],
      ],
    );
    const error = only(eventsOf(model, 'error-path'), undefined, 'error path');
    assert.equal(slice(text, error.range), 'SET strApiError = "NO_TOKEN";');
  });
});

describe('extract-studio: literals and errors', () => {
  it('secret-named members, script-level dotted targets, credentials in comments, action arguments and DECISION lines', () => {
    const { text, model } = extract(
      studio(
        'ASSIGN cfg.client_secret = "p4ss-Ivr-2024-prod";',
        '// old token: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXh5eg',
        'RESTAPI "https://api.example.com/v1/lookup?apiKey=f00dfeedcafe1234"',
        'SNIPPET',
        'var body = {};',
        'body.client_secret = "Zx8-live-7f3a9c2e41b6";',
        'body.client_id = "ivr-prod";',
        'SET errorCount = 0;',
        'SET strLookupError = null;',
        'END SNIPPET',
      ),
    );
    assert.deepEqual(
      eventsOf(model, 'secret-literal').map((e) => [e.what, slice(text, e.valueRange)]),
      [
        ['client-secret', 'p4ss-Ivr-2024-prod'],
        ['api-key', 'f00dfeedcafe1234'],
        ['client-secret', 'Zx8-live-7f3a9c2e41b6'],
      ],
    );
    const jwt = only(eventsOf(model, 'token-literal'));
    assert.equal(jwt.jwt, true);
    assert.equal(slice(text, jwt.valueRange), 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXh5eg');
    assert.equal(eventsOf(model, 'error-path').length, 0, 'resetting error variables is no error path');
  });
});
