import { strict as assert } from 'node:assert';
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
        '} else if (resp.statusCode == 200) {',
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
          '} else if (apiResp.statusCode == 200) {',
          '  SET strApiError = "";',
          '} else {',
          '  SET strApiError = "HTTP_" + apiResp.statusCode.toString();',
          '}',
          'SET strApiResult = apiResp.body;',
        ].join('\n'),
      ),
    );
  });

  it(
    'real Snippet: a SELECT on a copy of the status after the call; later reads stay where they are (full ' + 'text)',
    () => {
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
        'ASSIGN orderStatus = "{orderProxy.StatusCode}"',
        'SELECT',
        '{',
        '  CASE orderStatus = 401',
        '  CASE orderStatus = 403',
        '  {',
        '    ASSIGN cachedToken = ""',
        '    ASSIGN tokenExpiry = ""',
        '    ASSIGN apiError = "AUTH_FAILURE"',
        '  }',
        '  CASE orderStatus = 200',
        '  {',
        '    ASSIGN apiError = ""',
        '  }',
        '  DEFAULT',
        '  {',
        '    ASSIGN apiError = "HTTP_{orderStatus}"',
        '  }',
        '}',
        'ASSIGN deliveryDate = order.deliveryDate',
      );
      checkFix(before, CODE, expected, { name: 'order.snippet' });
    },
  );

  it("real Snippet: tabs, CRLF, the script's own error variable, and 2xx success for a POST", () => {
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
      '\tASSIGN apiStatus = "{proxy.StatusCode}"',
      '\tSELECT',
      '\t{',
      '\t\tCASE apiStatus = 401',
      '\t\tCASE apiStatus = 403',
      '\t\t{',
      '\t\t\tASSIGN bearer = ""',
      '\t\t\tASSIGN bearerExpiry = ""',
      '\t\t\tASSIGN errMsg = "AUTH_FAILURE"',
      '\t\t}',
      '\t\tCASE apiStatus = 200',
      '\t\tCASE apiStatus = 201',
      '\t\tCASE apiStatus = 202',
      '\t\tCASE apiStatus = 204',
      '\t\t{',
      '\t\t\tASSIGN errMsg = ""',
      '\t\t}',
      '\t\tDEFAULT',
      '\t\t{',
      '\t\t\tASSIGN errMsg = "HTTP_{apiStatus}"',
      '\t\t}',
      '\t}',
      '\tASSIGN ticketId = result.id',
      '}',
      'ASSIGN errMsg = ""',
    );
    checkFix(before, CODE, expected, { name: 'ticket.snippet' });
  });

  it('real Snippet: a call sharing its line with the next statement', () => {
    const before = 'ASSIGN r = $0proxy.MakeRestRequest(u, "", 0, "GET") ASSIGN b = r.name\n';
    const result = checkFix(before, CODE, undefined, { name: 'one-line.snippet' });
    assert.ok(
      result.after.startsWith(
        'ASSIGN r = proxy.MakeRestRequest(u, "", 0, "GET")\nASSIGN apiStatus = "{proxy.StatusCode}"\nSELECT\n',
      ),
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
          'ASSIGN apiStatus = "{proxy.StatusCode}"',
          'SELECT',
          '{',
          '  CASE apiStatus = 401',
          '  CASE apiStatus = 403',
          '  {',
          '    ASSIGN accessToken = ""',
          '    ASSIGN accessTokenExpiry = ""',
          '    ASSIGN apiError = "AUTH_FAILURE"',
          '  }',
        ].join('\r\n'),
      ),
    );
    assert.ok(lookup.code.includes('}\r\nIF proxy.StatusCode >= 200 & proxy.StatusCode < 300\r\n'));
    assert.ok(
      result.after.includes('IF proxy.StatusCode &gt;= 200 &amp; proxy.StatusCode &lt; 300'),
      'untouched entities stay',
    );
  });
});
