import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { fixAllText } from '../../service/lint';
import { readExport } from '../../syntax/export/read-export';
import { at, checkFix, lines, read } from '../../../../test/helpers/check-fix';

const CODE = 'unchecked-auth-status';

describe('fix: unchecked-auth-status', () => {
  it('the guide notation: its own 401 handler after the call; the code after it is left as it is (full text)', () => {
    const before = read('guide/pattern-a-token-once.studio');
    const expected = before.replace(
      'var resp = req.send(); // Returns 401\n',
      [
        'var resp = req.send(); // Returns 401',
        'if (resp.statusCode == 401 || resp.statusCode == 403) {',
        '  // Auth failure - clear cached token and log',
        // The token is not tracked yet: the handler clears what the Strategy B fix keeps it in.
        '  SET strCachedToken = "";',
        '  SET strTokenExpiry = "0";',
        '  SET strApiError = "AUTH_FAILURE";',
        '} else if (resp.statusCode >= 200 && resp.statusCode < 300) {',
        '  SET strApiError = "";',
        '} else {',
        '  SET strApiError = "HTTP_" + resp.statusCode.toString();',
        '}',
        '',
      ].join('\n'),
    );
    const result = checkFix(at(before, 'req.send()'), CODE, expected, { name: 'pattern-a.studio' });
    assert.deepEqual(
      result.fixes.map((f) => [f.title, f.preferred]),
      [['Add 401/403 handling', true]],
    );
  });

  it('the guide notation: clears the cached token and expiry the block uses (Strategy B)', () => {
    const before = read('guide/strategy-b-cached-token.studio');
    const result = checkFix(at(before, 'apiReq.send()'), CODE, undefined, { name: 'strategy-b.studio' });
    assert.ok(
      result.after.includes(
        [
          'var apiResp = apiReq.send();',
          'if (apiResp.statusCode == 401 || apiResp.statusCode == 403) {',
          '  // Auth failure - clear cached token and log',
          '  SET strCachedToken = "";',
          '  SET strTokenExpiry = "0";',
          '  SET strApiError = "AUTH_FAILURE";',
          '} else if (apiResp.statusCode >= 200 && apiResp.statusCode < 300) {',
          '  SET strApiError = "";',
          '} else {',
          '  SET strApiError = "HTTP_" + apiResp.statusCode.toString();',
          '}',
          'SET strApiResult = apiResp.body;',
        ].join('\n'),
      ),
      result.after,
    );
  });

  it('real Snippet: one block per CASE (401 | 403, then any 2xx); later reads stay (full text)', () => {
    const before = lines(
      '\n',
      'ASSIGN orderProxy = GetRESTProxy()',
      'orderProxy.AddHeader("Authorization", "Bearer {cachedToken}")',
      'ASSIGN order = $0orderProxy.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")',
      'ASSIGN deliveryDate = order.deliveryDate',
    );
    const expected = lines(
      '\n',
      'ASSIGN orderProxy = GetRESTProxy()',
      'orderProxy.AddHeader("Authorization", "Bearer {cachedToken}")',
      'ASSIGN order = orderProxy.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")',
      'ASSIGN orderStatus = orderProxy.StatusCode',
      'SELECT',
      '{',
      '  CASE orderStatus = 401 | orderStatus = 403',
      '  {',
      '    // the token was rejected: clear it so the next check fetches a new one',
      '    ASSIGN cachedToken = ""',
      '    ASSIGN tokenExpiry = ""',
      '    ASSIGN cachedTokenError = "AUTH_FAILURE"',
      '  }',
      '  CASE orderStatus >= 200 & orderStatus < 300',
      '  {',
      '    ASSIGN cachedTokenError = ""',
      '  }',
      '  DEFAULT',
      '  {',
      '    ASSIGN cachedTokenError = "HTTP_{orderStatus}"',
      '  }',
      '}',
      'ASSIGN deliveryDate = order.deliveryDate',
    );
    const result = checkFix(before, CODE, expected, { name: 'order.snippet' });
    assert.doesNotMatch(result.after, /CASE [^\n]*\n\s*CASE/, 'no stacked CASE lines (issue 12, point 2)');
  });

  it('real Snippet: tabs and CRLF kept; a POST succeeds on any 2xx', () => {
    const before = lines(
      '\r\n',
      'IF ticketWanted = 1',
      '{',
      '\tASSIGN proxy = GetRESTProxy()',
      '\tproxy.AddHeader("Authorization", "Bearer {bearer}")',
      '\tASSIGN result = $0proxy.MakeRestRequest("https://api.example-crm.com/v2/tickets", ticketJson, 0, "POST") // ' +
        'create',
      '\tASSIGN ticketId = result.id',
      '}',
      'ASSIGN errMsg = ""',
    );
    const expected = lines(
      '\r\n',
      'IF ticketWanted = 1',
      '{',
      '\tASSIGN proxy = GetRESTProxy()',
      '\tproxy.AddHeader("Authorization", "Bearer {bearer}")',
      '\tASSIGN result = proxy.MakeRestRequest("https://api.example-crm.com/v2/tickets", ticketJson, 0, "POST") // ' +
        'create',
      '\tASSIGN apiStatus = proxy.StatusCode',
      '\tSELECT',
      '\t{',
      '\t\tCASE apiStatus = 401 | apiStatus = 403',
      '\t\t{',
      '\t\t\t// the token was rejected: clear it so the next check fetches a new one',
      '\t\t\tASSIGN bearer = ""',
      '\t\t\tASSIGN bearerExpiry = ""',
      '\t\t\tASSIGN bearerError = "AUTH_FAILURE"',
      '\t\t}',
      '\t\tCASE apiStatus >= 200 & apiStatus < 300',
      '\t\t{',
      '\t\t\tASSIGN bearerError = ""',
      '\t\t}',
      '\t\tDEFAULT',
      '\t\t{',
      '\t\t\tASSIGN bearerError = "HTTP_{apiStatus}"',
      '\t\t}',
      '\t}',
      '\tASSIGN ticketId = result.id',
      '}',
      'ASSIGN errMsg = ""',
    );
    checkFix(before, CODE, expected, { name: 'ticket.snippet' });
  });

  it('real Snippet: a flag of another type is never overwritten with a message (issue 12, point 8)', () => {
    // dfoerror is a boolean flag the script branches on: a string in it would always be "true".
    const before = lines(
      '\n',
      'ASSIGN dfoerror = false',
      'ASSIGN dfoProxy = GetRESTProxy()',
      'dfoProxy.AddHeader("Authorization", "Bearer {dfoToken}")',
      'ASSIGN dfoResult = $0dfoProxy.MakeRestRequest("https://api.example-dfo.com/v1/messages", "", 0, "GET")',
    );
    const { after } = checkFix(before, CODE, undefined, { name: 'dfo.snippet' });
    assert.deepEqual(after.match(/ASSIGN dfoerror = .*/g), ['ASSIGN dfoerror = false']);
    assert.ok(after.includes('ASSIGN dfoTokenError = "AUTH_FAILURE"'), after);
  });

  it('real Snippet: two integrations in one action keep their own error and cache (issue 12, point 6)', () => {
    const before = lines(
      '\n',
      'ASSIGN crmProxy = GetRESTProxy()',
      'crmProxy.AddHeader("Authorization", "Bearer {crmToken}")',
      'ASSIGN customer = crmProxy.MakeRestRequest("https://api.example-crm.com/v2/customers/{ANI}", "", 0, "GET")',
      'ASSIGN payProxy = GetRESTProxy()',
      'payProxy.AddHeader("Authorization", "Bearer {payToken}")',
      'ASSIGN balance = payProxy.MakeRestRequest("https://api.example-pay.com/v1/balance/{ANI}", "", 0, "GET")',
    );
    const after = fixAllText('two.snippet', undefined, before, DEFAULT_SETTINGS, CODE).text;
    const crm = after.slice(after.indexOf('ASSIGN crmStatus'), after.indexOf('ASSIGN payProxy'));
    const pay = after.slice(after.indexOf('ASSIGN payStatus'));
    assert.ok(crm.includes('ASSIGN crmToken = ""') && crm.includes('ASSIGN crmTokenError = "AUTH_FAILURE"'), crm);
    assert.ok(pay.includes('ASSIGN payToken = ""') && pay.includes('ASSIGN payTokenError = "AUTH_FAILURE"'), pay);
    assert.doesNotMatch(crm, /payToken/);
    assert.doesNotMatch(pay, /crmToken/);
  });

  it('real Snippet: a call sharing its line with the next statement', () => {
    const before = 'ASSIGN r = $0proxy.MakeRestRequest(u, "", 0, "GET") ASSIGN b = r.name\n';
    const result = checkFix(before, CODE, undefined, { name: 'one-line.snippet' });
    assert.ok(
      result.after.startsWith(
        'ASSIGN r = proxy.MakeRestRequest(u, "", 0, "GET")\nASSIGN apiStatus = proxy.StatusCode\n',
      ),
      result.after,
    );
    assert.ok(result.after.endsWith('}\n ASSIGN b = r.name\n'));
  });

  it("XML export: the handler lands in the action's <string>, escaped, CRLF, before the existing 2xx check", () => {
    const before = read('fixes/pattern-a-across-actions.xml');
    const result = checkFix(
      at(before, 'proxy.MakeRestRequest("https://api.example-crm.com/v2/customers'),
      CODE,
      undefined,
      { name: 'billing.xml' },
    );
    const lookup = readExport(result.after)!.snippets.find((s) => s.caption === 'Lookup customer')!;
    assert.ok(
      lookup.code.includes(
        [
          'ASSIGN lookupResult = proxy.MakeRestRequest("https://api.example-crm.com/v2/customers/search", payload, ' +
            '0, "POST")',
          'ASSIGN apiStatus = proxy.StatusCode',
          'SELECT',
          '{',
          '  CASE apiStatus = 401 | apiStatus = 403',
          '  {',
          '    // the token was rejected: clear it so the next check fetches a new one',
          '    ASSIGN accessToken = ""',
          '    ASSIGN accessTokenExpiry = ""',
          '    ASSIGN accessTokenError = "AUTH_FAILURE"',
          '  }',
          '  CASE apiStatus >= 200 & apiStatus < 300',
        ].join('\r\n'),
      ),
      lookup.code,
    );
    assert.ok(lookup.code.includes('}\r\nIF proxy.StatusCode >= 200 & proxy.StatusCode < 300\r\n'));
    assert.ok(result.after.includes('CASE apiStatus &gt;= 200 &amp; apiStatus &lt; 300'), 'escaped for XML');
    assert.ok(
      result.after.includes('IF proxy.StatusCode &gt;= 200 &amp; proxy.StatusCode &lt; 300'),
      'untouched entities stay',
    );
  });
});
