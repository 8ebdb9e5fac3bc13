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
      // The comment on the rewritten line spoke of strToken: it goes with it (issue 12, point 13).
      assert.ok(result.after.includes('req.headers["Authorization"] = "Bearer " + validToken;\n'));
      assert.ok(!result.after.includes('strToken has expired'));
    });

    it('writes Strategy A right before the request (full text)', () => {
      const before = read('guide/pattern-a-token-once.studio');
      const expected = [
        '// PATTERN A: Token acquired once at script start (common - and broken for long calls)',
        'ASSIGN strToken = GetOAuthToken(); // Called at call start, never refreshed',
        '...',
        '// Later in the script (60+ minutes into a long IVR hold):',
        'SNIPPET',
        "// TODO fill in: the token's acquisition is not in this script: write your identity provider's token " +
          'endpoint in tokenReq.url (the .invalid host never resolves) and set SECURE_CLIENT_ID and ' +
          'SECURE_CLIENT_SECRET outside the script',
        '// Strategy A: a fresh token right before the call',
        'var tokenReq = new CXone.HttpRequest();',
        'tokenReq.method = "POST";',
        'tokenReq.url = "https://token-endpoint.invalid/oauth/token";',
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
        'req.headers["Authorization"] = "Bearer " + accessToken;',
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

    it('writes Strategy A before the request, and sends the call only with a token (full text)', () => {
      const before = read('fixes/pattern-a-lookup.snippet');
      const expected = lines(
        '\n',
        '// SNIPPET "Lookup customer": runs after the main menu and the hold queue.',
        '// accessToken was fetched by the "Get OAuth token" action when the contact started (Pattern A).',
        "// TODO fill in: accessToken's token request is not in this script. Write your token endpoint below",
        '// (its .invalid host never resolves, so nothing is sent until then) and set SECURE_CLIENT_ID and ' +
          'SECURE_CLIENT_SECRET outside the script text.',
        '// Strategy A: a fresh token right before the call',
        'ASSIGN accessTokenProxy = GetRESTProxy()',
        'accessTokenProxy.ContentType = "application/x-www-form-urlencoded"',
        'accessTokenProxy.ProxyTimeoutSeconds = 2',
        '// the credentials go into the form body as they are: store them URL-encoded if they hold & = + % or spaces',
        'ASSIGN accessTokenResult = accessTokenProxy.MakeRestRequest("https://token-endpoint.invalid/oauth/token", ' +
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, ' +
          '"POST")',
        'IF accessTokenProxy.StatusCode = 200',
        '{',
        '  ASSIGN accessToken = "{accessTokenResult.access_token}"',
        '  ASSIGN accessTokenError = ""',
        '}',
        'ELSE',
        '{',
        '  ASSIGN accessToken = ""',
        '  ASSIGN accessTokenError = "TOKEN_HTTP_{accessTokenProxy.StatusCode}"',
        '}',
        'ASSIGN accessTokenResult = "" // keep the token only',
        '// without a token (accessTokenError says why) the call is not sent',
        'IF accessToken != ""',
        '{',
        '  ASSIGN crmProxy = GetRESTProxy()',
        '  crmProxy.ContentType = "application/json"',
        '  crmProxy.ProxyTimeoutSeconds = 2',
        '  crmProxy.AddHeader("Authorization", "Bearer {accessToken}")',
        '  ASSIGN customer = crmProxy.MakeRestRequest("{crmBase}/customers/{ANI}", "", 0, "GET")',
        '  ASSIGN crmStatus = "{crmProxy.StatusCode}"',
        '  IF crmStatus = 401 | crmStatus = 403',
        '  {',
        '    ASSIGN apiError = "AUTH_{crmStatus}"',
        '  }',
        '  ELSE',
        '  {',
        '    ASSIGN customerName = customer.name',
        '  }',
        '}',
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
      // The endpoint and credentials come from the acquisition, so nothing is left to fill in; the names come from
      // the token (bearerProxy, bearerError), never from what the script already uses (tokenProxy).
      const inserted = lines(
        '\r\n',
        '\t// seconds before expiry at which tokens are refreshed; an earlier action may set it',
        '\tIF refreshBufferSeconds = ""',
        '\t{',
        '\t\tASSIGN refreshBufferSeconds = 300',
        '\t}',
        '\t// bearer is kept for the contact and fetched again refreshBufferSeconds seconds before it expires (dates ' +
          'count days)',
        '\t// list bearer in the Variables tab so traces redact it; in a RUNSUB subscript use global:bearer, ' +
          'global:bearerExpiry',
        '\tIF bearer = "" | bearerExpiry = "" | bearerExpiry - utc <= refreshBufferSeconds / 86400',
        '\t{',
        '\t\tASSIGN bearerProxy = GetRESTProxy()',
        '\t\tbearerProxy.ContentType = "application/x-www-form-urlencoded"',
        '\t\tbearerProxy.ProxyTimeoutSeconds = 2',
        '\t\t// the credentials go into the form body as they are: store them URL-encoded if they hold & = + % or ' +
          'spaces',
        '\t\tASSIGN bearerResult = bearerProxy.MakeRestRequest("https://idp.example-bank.com/oauth2/token", ' +
          '"grant_type=client_credentials&client_id={BANK_CLIENT_ID}&client_secret={SECURE_BANK_SECRET}", 0, "POST")',
        '\t\tIF bearerProxy.StatusCode = 200',
        '\t\t{',
        '\t\t\tASSIGN bearer = "{bearerResult.access_token}"',
        '\t\t\tASSIGN bearerLifetime = 600 // when the response has no expires_in',
        '\t\t\tIF bearerResult.expires_in != ""',
        '\t\t\t{',
        '\t\t\t\tASSIGN bearerLifetime = bearerResult.expires_in',
        '\t\t\t}',
        '\t\t\tASSIGN bearerExpiry = utc + (bearerLifetime / 86400)',
        '\t\t\tASSIGN bearerError = ""',
        '\t\t}',
        '\t\tELSE',
        '\t\t{',
        '\t\t\tASSIGN bearer = ""',
        '\t\t\tASSIGN bearerExpiry = ""',
        '\t\t\tASSIGN bearerError = "TOKEN_HTTP_{bearerProxy.StatusCode}"',
        '\t\t}',
        '\t\tASSIGN bearerResult = "" // keep the token only, not the whole response',
        '\t}',
        '\t// without a token (bearerError says why) the call is not sent',
        '\tIF bearer != ""',
        '\t{',
      );
      const clean = before.replace('$0', '');
      const guarded = clean
        .slice(clean.indexOf('\tASSIGN balanceProxy'), clean.lastIndexOf('}'))
        .replace(/^\t/gm, '\t\t');
      const expected = `${clean.slice(0, clean.indexOf('\tASSIGN balanceProxy'))}${inserted}${guarded}\t}\r\n}\r\n`;
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
        assert.ok(result.after.includes('  proxy.AddHeader("Authorization", "Bearer {cachedToken}")\n'));
        assert.ok(
          result.after.includes(
            'IF cachedToken = "" | tokenExpiry = "" | tokenExpiry - utc <= refreshBufferSeconds / 86400\n',
          ),
        );
        assert.ok(result.after.startsWith('ASSIGN token = "{global:crmToken}"\n'), 'the old assignment stays');
      },
    );

    it('never writes into a variable set outside: {SECURE_ACCESS_TOKEN} is replaced by a cached token', () => {
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
      // The cache is named after the variable it stands for, so the 401 fix picks the same name.
      assert.ok(result.after.includes('"Bearer {cachedAccessToken}"'), result.after);
    });

    it('writes a jittered buffer when jitter is enabled', () => {
      const before = at(read('fixes/pattern-a-lookup.snippet'), 'accessToken}');
      const result = checkFix(before, CODE, undefined, {
        name: 'lookup.snippet',
        settings: { jitter: { enabled: true, minSeconds: 60, maxSeconds: 240 } },
      });
      assert.ok(
        result.after.includes(
          'IF refreshBufferSeconds = ""\n{\n  ASSIGN refreshBufferSeconds = 60 + (ContactID % 181)\n}\n',
        ),
      );
      assert.ok(result.after.includes('accessTokenExpiry - utc <= refreshBufferSeconds / 86400'));
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
      assert.equal(fixed.text.match(/IF accessToken = "" \| accessTokenExpiry = ""/g)?.length, 1);
      assert.ok(fixed.text.indexOf('accessTokenExpiry - utc') < fixed.text.indexOf('ASSIGN orderProxy'));
      // Each call is sent only with a token, in a guard of its own (a 401 on the first clears it for the second).
      assert.equal(fixed.text.match(/IF accessToken != ""/g)?.length, 2);
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
            'accessTokenProxy.MakeRestRequest("https://login.example-crm.com/oauth2/token", ' +
              '"grant_type=client_credentials&client_id={CRM_CLIENT_ID}&client_secret={SECURE_CRM_SECRET}&scope=customers.read", 0, "POST")',
          ),
        );
        assert.ok(lookup.code.includes('accessTokenExpiry - utc <= refreshBufferSeconds'), 'decoded code has <=');
        assert.ok(
          result.after.includes('accessTokenExpiry - utc &lt;= refreshBufferSeconds'),
          'the file has it escaped',
        );
        // The acquiring action records the expiry the refresh checks (issue 12, point 10): otherwise every contact
        // would fetch a second token at the first check.
        const get = (text: string) => readExport(text)!.snippets.find((s) => s.caption === 'Get OAuth token')!.code;
        assert.ok(get(result.after).includes('ASSIGN accessTokenExpiry = utc + (accessTokenLifetime / 86400)'));
        assert.ok(!get(result.before).includes('accessTokenExpiry'));
        // Both actions now read token responses: MaxStringSize is raised from Limit2K (issue 12, point 10).
        assert.equal(result.before.match(/<string>Limit2K<\/string>/g)?.length, 2);
        assert.equal(result.after.match(/<string>Limit32K<\/string>/g)?.length, 2);
      },
    );

    it('writes raw code into a CDATA section', () => {
      const before = at(read('export/cdata-snippet.xml'), 'accessToken}")');
      const result = checkFix(before, CODE, undefined, { name: 'orders.xml' });
      assert.ok(result.after.includes('<string><![CDATA[// TODO fill in: accessToken'), result.after);
      assert.ok(
        result.after.includes(
          'IF accessToken = "" | accessTokenExpiry = "" | accessTokenExpiry - utc <= refreshBufferSeconds / 86400\r\n',
        ),
      );
    });
  });

  describe('issue 12: what the fix writes is right in Studio', () => {
    it('point 4/5: an unknown endpoint is a .invalid placeholder, six calls wait for a token, CI stays red', () => {
      const text = read('fixes/six-calls-hardcoded-bearer.snippet');
      const fixed = fixAllText('six.snippet', undefined, text, DEFAULT_SETTINGS);
      assert.doesNotMatch(fixed.text, /your-idp|https:\/\/auth\./, 'no registrable placeholder domain');
      assert.match(fixed.text, /MakeRestRequest\("https:\/\/token-endpoint\.invalid\/oauth\/token"/);
      // Every one of the six calls is inside its own `IF cachedToken != ""`.
      assert.equal(fixed.text.match(/IF cachedToken != ""/g)?.length, 6);
      for (const call of fixed.text.matchAll(/^(\s*)ASSIGN \w+Result = proxy\.MakeRestRequest/gm))
        assert.equal(call[1], '  ');
      const left = lintText('six.snippet', undefined, fixed.text, DEFAULT_SETTINGS)!.findings;
      const placeholder = left.filter((f) => f.code === 'unfilled-placeholder');
      assert.equal(placeholder.length, 1);
      assert.equal(placeholder[0]!.severity, 'error');
      assert.match(placeholder[0]!.message, /SECURE_CLIENT_ID and SECURE_CLIENT_SECRET/);
    });

    it('point 6: the refresh and the 401 handler agree on names whichever is applied first', () => {
      const text = lines(
        '\n',
        'ASSIGN payProxy = GetRESTProxy()',
        'payProxy.AddHeader("Authorization", "{payAuth}")',
        'ASSIGN balance = payProxy.MakeRestRequest("https://api.example-pay.com/v1/balance/{ANI}", "", 0, "GET")',
      );
      const apply = (first: 'token-reuse-without-expiry' | 'unchecked-auth-status'): string => {
        const second = first === CODE ? 'unchecked-auth-status' : CODE;
        const once = fixAllText('pay.snippet', undefined, text, DEFAULT_SETTINGS, first).text;
        return fixAllText('pay.snippet', undefined, once, DEFAULT_SETTINGS, second).text;
      };
      for (const after of [apply(CODE), apply('unchecked-auth-status')]) {
        // The whole-header variable's cache is cachedPayAuth; the handler clears exactly that and its expiry.
        assert.ok(after.includes('IF cachedPayAuth = "" | payAuthExpiry = ""'), after);
        assert.ok(after.includes('      ASSIGN cachedPayAuth = ""\n      ASSIGN payAuthExpiry = ""\n'), after);
        assert.ok(after.includes('ASSIGN cachedPayAuthError = "AUTH_FAILURE"'), after);
        assert.doesNotMatch(after, /cachedToken|tokenExpiry\b|apiError|cachedPayAuth2/, after);
      }
    });

    it('point 6: two integrations in one action get their own proxy, result, expiry, credentials and error', () => {
      const text = lines(
        '\n',
        'ASSIGN crmProxy = GetRESTProxy()',
        'crmProxy.AddHeader("Authorization", "Bearer {crmToken}")',
        'ASSIGN customer = crmProxy.MakeRestRequest("https://api.example-crm.com/v2/customers/{ANI}", "", 0, "GET")',
        'ASSIGN payProxy = GetRESTProxy()',
        'payProxy.AddHeader("Authorization", "Bearer {payToken}")',
        'ASSIGN balance = payProxy.MakeRestRequest("https://api.example-pay.com/v1/balance/{ANI}", "", 0, "GET")',
      );
      const after = fixAllText('two.snippet', undefined, text, DEFAULT_SETTINGS, CODE).text;
      for (const name of ['crmTokenProxy', 'crmTokenResult', 'crmTokenExpiry', 'crmTokenError', 'CRM_CLIENT_SECRET'])
        assert.ok(after.includes(name) && after.includes(name.replace(/crm/g, 'pay').replace('CRM', 'PAY')), name);
      assert.doesNotMatch(after, /tokenProxy\b|tokenResult\b|SECURE_CLIENT_SECRET|apiError/, after);
      assert.equal(after.match(/ASSIGN refreshBufferSeconds = 300/g)?.length, 1, 'one buffer setting for the script');
    });

    it('point 11: no call is sent with an empty Bearer, and a 401 on one call cannot empty the next one', () => {
      const text = read('fixes/pattern-a-lookup.snippet');
      const after = fixAllText('lookup.snippet', undefined, text, DEFAULT_SETTINGS, CODE).text;
      const guard = after.indexOf('IF accessToken != ""');
      assert.ok(guard > 0 && guard < after.indexOf('crmProxy.AddHeader'), after);
      assert.ok(after.indexOf('ASSIGN accessTokenResult = ""') > after.indexOf('accessTokenProxy.MakeRestRequest'));
    });

    it('point 13: comments say what Studio needs (RUNSUB global:, Variables tab), with no "(?)" notes', () => {
      const after = fixAllText(
        'lookup.snippet',
        undefined,
        read('fixes/pattern-a-lookup.snippet'),
        DEFAULT_SETTINGS,
        CODE,
      ).text;
      assert.match(after, /in a RUNSUB subscript use global:accessToken, global:accessTokenExpiry/);
      assert.match(after, /list accessToken in the Variables tab so traces redact it/);
      assert.doesNotMatch(after, /\(\?\)/);
      assert.equal(after.match(/ASSIGN refreshBufferSeconds = 300/g)?.length, 1, 'one named buffer setting');
      assert.doesNotMatch(after, /\(300 \/ 86400\)/, 'the buffer is not inlined');
    });

    it("point 3: the token proxy times out like the script's own proxies (here 1 s), else after 2 s", () => {
      const text = lines(
        '\n',
        'ASSIGN crmProxy = GetRESTProxy()',
        'crmProxy.ProxyTimeoutSeconds = 1',
        'crmProxy.AddHeader("Authorization", "Bearer {crmToken}")',
        'ASSIGN customer = crmProxy.MakeRestRequest("https://api.example-crm.com/v2/customers/{ANI}", "", 0, "GET")',
      );
      const after = fixAllText('crm.snippet', undefined, text, DEFAULT_SETTINGS, CODE).text;
      assert.ok(after.includes('  crmTokenProxy.ProxyTimeoutSeconds = 1\n'), after);
      const untimed = text.replace('crmProxy.ProxyTimeoutSeconds = 1\n', '');
      const withoutTimeout = fixAllText('crm.snippet', undefined, untimed, DEFAULT_SETTINGS, CODE).text;
      assert.ok(withoutTimeout.includes('  crmTokenProxy.ProxyTimeoutSeconds = 2\n'), withoutTimeout);
    });
  });
});
