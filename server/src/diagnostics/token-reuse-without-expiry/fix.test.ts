import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { fixAllText, lintText } from '../../service/lint';
import { readExport } from '../../syntax/export/read-export';
import { at, checkFix, lines, read } from '../../../../test/helpers/check-fix';

const CODE = 'token-reuse-without-expiry';
const STRATEGY_A = 'Fetch a fresh token before this call (Strategy A)';
// Strategy A's acquisition sits in the success branch of its status check (the failure branch clears the token and
// sets the error variable); the rule does not count that as a fresh token yet, so its finding stays (reported).

describe('fix: token-reuse-without-expiry', () => {
  describe('the guide notation', () => {
    it("turns the guide's Pattern A into its Strategy B block (full text)", () => {
      const before = read('guide/pattern-a-token-once.studio');
      const result = checkFix(at(before, 'strToken; //'), CODE, read('fixes/pattern-a-token-once.after.studio'), {
        name: 'pattern-a.studio',
      });
      assert.equal(result.fix.title, 'Convert to cached token with proactive refresh (Strategy B)');
      assert.deepEqual(
        result.fixes.map((f) => [f.title, f.preferred]),
        [
          ['Convert to cached token with proactive refresh (Strategy B)', true],
          [STRATEGY_A, false],
        ],
      );
      // The script-level acquisition stays; the use reads the refreshed token.
      assert.ok(result.after.includes('ASSIGN strToken = GetOAuthToken(); // Called at call start, never refreshed\n'));
      assert.ok(
        result.after.includes('req.headers["Authorization"] = "Bearer " + validToken; // strToken has expired\n'),
      );
    });

    it('writes Strategy A right before the request (full text)', () => {
      const before = read('guide/pattern-a-token-once.studio');
      const expected = [
        '// PATTERN A: Token acquired once at script start (common - and broken for long calls)',
        'ASSIGN strToken = GetOAuthToken(); // Called at call start, never refreshed',
        '...',
        '// Later in the script (60+ minutes into a long IVR hold):',
        'SNIPPET',
        "// TODO: the token's acquisition is not in this script: set tokenReq.url below to your identity provider's " +
          'token endpoint',
        '// Strategy A: a fresh token right before the call',
        'var tokenReq = new CXone.HttpRequest();',
        'tokenReq.method = "POST";',
        'tokenReq.url = "https://auth.your-idp.com/oauth/token";',
        'tokenReq.headers["Content-Type"] = "application/x-www-form-urlencoded";',
        'tokenReq.body = ' +
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";',
        'var tokenResp = tokenReq.send();',
        'var accessToken = "";',
        'if (tokenResp.statusCode == 200) {',
        '  var tokenData = JSON.parse(tokenResp.body);',
        '  accessToken = tokenData.access_token;',
        '} else {',
        '  SET strApiError = "TOKEN_HTTP_" + tokenResp.statusCode.toString();',
        '}',
        'req.headers["Authorization"] = "Bearer " + accessToken; // strToken has expired',
        'var resp = req.send(); // Returns 401',
        'END SNIPPET',
        '',
      ].join('\n');
      checkFix(at(before, 'strToken; //'), CODE, expected, { name: 'pattern-a.studio', title: STRATEGY_A });
    });

    it(
      'rewrites a {substitution} use inside a string, keeps tabs and CRLF, and reuses the endpoint of an earlier ' +
        'block',
      () => {
        const before = lines(
          '\r\n',
          'SNIPPET',
          '\tvar tokenReq = new CXone.HttpRequest();',
          '\ttokenReq.method = "POST";',
          '\ttokenReq.url = "https://login.example-clinic.org/connect/token";',
          '\ttokenReq.body = ' +
            '"grant_type=client_credentials&client_id={CLINIC_CLIENT_ID}&client_secret={SECURE_CLINIC_SECRET}";',
          '\tvar tokenResp = tokenReq.send();',
          '\tif (tokenResp.statusCode == 200) {',
          '\t\tSET strToken = JSON.parse(tokenResp.body).access_token;',
          '\t}',
          'END SNIPPET',
          'WAIT 900',
          'SNIPPET',
          '\tvar apptReq = new CXone.HttpRequest();',
          '\tapptReq.url = "https://api.example-clinic.org/v2/appointments";',
          '\tapptReq.setRequestHeader("Authorization", "Bearer {$0strToken}");',
          '\tvar apptResp = apptReq.send();',
          '\tif (apptResp.statusCode == 401 || apptResp.statusCode == 403) {',
          '\t\tSET strApiError = "AUTH_FAILURE";',
          '\t}',
          'END SNIPPET',
        );
        const result = checkFix(before, CODE, undefined, { name: 'clinic.studio' });
        assert.ok(result.after.includes('\tapptReq.setRequestHeader("Authorization", "Bearer " + validToken);\r\n'));
        assert.ok(result.after.includes('\t\ttokenReq.url = "https://login.example-clinic.org/connect/token";\r\n'));
        assert.ok(result.after.includes('client_id={CLINIC_CLIENT_ID}&client_secret={SECURE_CLINIC_SECRET}'));
        assert.ok(!result.after.includes('TODO'), 'the endpoint is known: no placeholder');
        // Inserted at the top of the second block, tab-indented like it.
        assert.ok(
          result.after.includes(
            'WAIT 900\r\nSNIPPET\r\n\t// Strategy B: token manager with expiry tracking\r\n\tvar currentTime = ',
          ),
        );
      },
    );
  });

  describe('real Snippet', () => {
    it('refreshes the token where it is used when the acquisition is in another action (full text)', () => {
      const before = read('fixes/pattern-a-lookup.snippet');
      checkFix(at(before, 'accessToken}'), CODE, read('fixes/pattern-a-lookup.after.snippet'), {
        name: 'lookup.snippet',
      });
    });

    it('writes Strategy A before the GetRESTProxy() of the request (full text)', () => {
      const before = read('fixes/pattern-a-lookup.snippet');
      const expected = before.replace(
        'ASSIGN crmProxy = GetRESTProxy()\n',
        [
          "// TODO: the token's acquisition is not in this script: set tokenUrl to your identity provider's token " +
            'endpoint',
          'IF tokenUrl = ""',
          '{',
          '  ASSIGN tokenUrl = "https://auth.your-idp.com/oauth/token"',
          '}',
          '// Strategy A: a fresh token right before the call',
          'ASSIGN tokenProxy = GetRESTProxy()',
          'tokenProxy.ContentType = "application/x-www-form-urlencoded"',
          'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
            '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, ' +
            '"POST")',
          'IF tokenProxy.StatusCode = 200',
          '{',
          '  ASSIGN accessToken = tokenResult.access_token',
          '}',
          'ELSE',
          '{',
          '  ASSIGN accessToken = ""',
          '  ASSIGN apiError = "TOKEN_HTTP_{tokenProxy.StatusCode}"',
          '}',
          'ASSIGN crmProxy = GetRESTProxy()',
          '',
        ].join('\n'),
      );
      checkFix(at(before, 'accessToken}'), CODE, expected, { name: 'lookup.snippet', title: STRATEGY_A });
    });

    it('keeps tabs and CRLF, refreshes inside the loop, reuses the endpoint and avoids names in use', () => {
      const before = lines(
        '\r\n',
        'ASSIGN tokenUrl = "https://idp.example-bank.com/oauth2/token"',
        'IF firstPass = ""',
        '{',
        '\tASSIGN firstPass = "done"',
        '\tASSIGN tokenProxy = GetRESTProxy()',
        '\tASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
          '"grant_type=client_credentials&client_id={BANK_CLIENT_ID}&client_secret={SECURE_BANK_SECRET}", 0, "POST")',
        '\tIF tokenProxy.StatusCode = 200',
        '\t{',
        '\t\tASSIGN bearer = tokenResult.access_token',
        '\t}',
        '}',
        'FOREACH acct IN accounts',
        '{',
        '\tASSIGN balanceProxy = GetRESTProxy()',
        '\tbalanceProxy.AddHeader("Authorization", "Bearer {$0bearer}")',
        '\tASSIGN balance = balanceProxy.MakeRestRequest("https://api.example-bank.com/v1/accounts/{acct}/balance", ' +
          '"", 0, "GET")',
        '\tIF balanceProxy.StatusCode != 200',
        '\t{',
        '\t\tASSIGN lookupError = "HTTP_{balanceProxy.StatusCode}"',
        '\t}',
        '}',
      );
      const inserted = lines(
        '\r\n',
        '\t// cached token with proactive refresh; times are day counts (seconds / 86400)',
        '\tIF bearer = "" | bearerExpiry = "" | utc >= bearerExpiry - (300 / 86400)',
        '\t{',
        '\t\tASSIGN tokenProxy2 = GetRESTProxy()',
        '\t\ttokenProxy2.ContentType = "application/x-www-form-urlencoded"',
        '\t\tASSIGN tokenResult2 = tokenProxy2.MakeRestRequest("https://idp.example-bank.com/oauth2/token", ' +
          '"grant_type=client_credentials&client_id={BANK_CLIENT_ID}&client_secret={SECURE_BANK_SECRET}", 0, "POST")',
        '\t\tIF tokenProxy2.StatusCode = 200',
        '\t\t{',
        '\t\t\tASSIGN bearer = tokenResult2.access_token',
        '\t\t\tASSIGN bearerExpiry = utc + (tokenResult2.expires_in / 86400)',
        '\t\t}',
        '\t\tELSE',
        '\t\t{',
        '\t\t\tASSIGN bearer = ""',
        '\t\t\tASSIGN bearerExpiry = ""',
        '\t\t\tASSIGN lookupError = "TOKEN_HTTP_{tokenProxy2.StatusCode}"',
        '\t\t}',
        '\t}',
      );
      const clean = before.replace('$0', '');
      const expected = clean.replace('{\r\n\tASSIGN balanceProxy', `{\r\n${inserted}\tASSIGN balanceProxy`);
      checkFix(before, CODE, expected, { name: 'balance.snippet' });
    });

    it(
      'replaces a variable sent as the whole header ("{token}") by a cached token written as Bearer ' + '{cachedToken}',
      () => {
        const before = lines(
          '\n',
          'ASSIGN token = "{global:crmToken}"',
          'ASSIGN proxy = GetRESTProxy()',
          'proxy.AddHeader("Authorization", "{$0token}")',
          'ASSIGN ticket = proxy.MakeRestRequest("https://api.example-crm.com/v2/tickets", "", 0, "GET")',
          'IF proxy.StatusCode = 401 | proxy.StatusCode = 403',
          '{',
          '  ASSIGN apiError = "AUTH_FAILURE"',
          '}',
        );
        const result = checkFix(before, CODE, undefined, { name: 'ticket.snippet' });
        assert.ok(result.after.includes('proxy.AddHeader("Authorization", "Bearer {cachedToken}")\n'));
        assert.ok(
          result.after.includes('IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (300 / 86400)\n'),
        );
        assert.ok(result.after.startsWith('ASSIGN token = "{global:crmToken}"\n'), 'the old assignment stays');
      },
    );

    it('never writes into a secure variable: {SECURE_ACCESS_TOKEN} is replaced by a cached token', () => {
      const before = lines(
        '\n',
        'ASSIGN proxy = GetRESTProxy()',
        'proxy.AddHeader("Authorization", "Bearer {$0SECURE_ACCESS_TOKEN}")',
        'ASSIGN me = proxy.MakeRestRequest("https://api.example-crm.com/v1/me", "", 0, "GET")',
        'IF proxy.StatusCode = 401 | proxy.StatusCode = 403',
        '{',
        '  ASSIGN apiError = "AUTH_FAILURE"',
        '}',
      );
      const result = checkFix(before, CODE, undefined, { name: 'me.snippet' });
      assert.ok(!/ASSIGN SECURE_ACCESS_TOKEN/i.test(result.after));
      assert.ok(result.after.includes('"Bearer {cachedToken}"'));
    });

    it('writes a jittered buffer when jitter is enabled', () => {
      const before = at(read('fixes/pattern-a-lookup.snippet'), 'accessToken}');
      const result = checkFix(before, CODE, undefined, {
        name: 'lookup.snippet',
        settings: { jitter: { enabled: true, minSeconds: 60, maxSeconds: 240 } },
      });
      assert.ok(
        result.after.includes('IF refreshBuffer = ""\n{\n  ASSIGN refreshBuffer = 60 + (ContactID % 181)\n}\n'),
      );
      assert.ok(result.after.includes('utc >= accessTokenExpiry - (refreshBuffer / 86400)'));
      const hints = lintText('lookup.snippet', undefined, result.after, result.settings)!.findings.filter(
        (f) => f.code === 'refresh-without-jitter',
      );
      assert.deepEqual(hints, []);
    });

    it('puts one refresh block before the first of several uses in a unit', () => {
      const text = lines(
        '\n',
        'ASSIGN orderProxy = GetRESTProxy()',
        'orderProxy.AddHeader("Authorization", "Bearer {accessToken}")',
        'ASSIGN order = orderProxy.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")',
        'ASSIGN lineProxy = GetRESTProxy()',
        'lineProxy.AddHeader("Authorization", "Bearer {accessToken}")',
        'ASSIGN orderLines = lineProxy.MakeRestRequest("https://api.example-oms.com/orders/{orderId}/lines", "", 0, ' +
          '"GET")',
      );
      const fixed = fixAllText('orders.snippet', undefined, text, DEFAULT_SETTINGS, CODE);
      assert.equal(fixed.text.match(/cached token with proactive refresh/g)?.length, 1);
      assert.ok(fixed.text.indexOf('proactive refresh') < fixed.text.indexOf('ASSIGN orderProxy'));
      assert.deepEqual(
        lintText('orders.snippet', undefined, fixed.text, DEFAULT_SETTINGS)!.findings.filter((f) => f.code === CODE),
        [],
      );
    });
  });

  describe('XML exports', () => {
    it(
      "refreshes in the action that uses the token, with the acquiring action's endpoint and credentials (full " +
        'text, CRLF)',
      () => {
        const before = read('fixes/pattern-a-across-actions.xml');
        const result = checkFix(at(before, 'accessToken}")'), CODE, read('fixes/pattern-a-across-actions.after.xml'), {
          name: 'billing.xml',
        });
        const exported = readExport(result.after)!;
        const lookup = exported.snippets.find((s) => s.caption === 'Lookup customer')!;
        assert.ok(
          lookup.code.includes(
            // Long line: one Snippet statement, written as authors write it.
            'tokenProxy.MakeRestRequest("https://login.example-crm.com/oauth2/token", ' +
              '"grant_type=client_credentials&client_id={CRM_CLIENT_ID}&client_secret={SECURE_CRM_SECRET}&scope=customers.read", 0, "POST")',
          ),
        );
        assert.ok(lookup.code.includes('utc >= accessTokenExpiry'), 'decoded code has a plain >=');
        assert.ok(result.after.includes('utc &gt;= accessTokenExpiry'), 'the file has it escaped');
        // The acquiring action is untouched.
        const get = (text: string) => readExport(text)!.snippets.find((s) => s.caption === 'Get OAuth token')!.code;
        assert.equal(get(result.after), get(result.before));
      },
    );

    it('writes raw code into a CDATA section', () => {
      const before = at(read('xml/cdata-snippet.xml'), 'accessToken}")');
      const result = checkFix(before, CODE, undefined, { name: 'orders.xml' });
      assert.ok(result.after.includes('<string><![CDATA[// TODO: the token'));
      assert.ok(
        result.after.includes(
          'IF accessToken = "" | accessTokenExpiry = "" | utc >= accessTokenExpiry - (300 / 86400)\r\n',
        ),
      );
    });
  });
});
