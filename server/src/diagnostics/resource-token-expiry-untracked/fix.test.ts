import { strict as assert } from 'node:assert';
import { at, checkFix, lines, read } from '../../../../test/helpers/check-fix';

/** The resource token's own expiry, with a short lifetime when the exchange answers without expires_in. */
function ownExpiry(indent: string, eol: string): string {
  return [
    'ASSIGN resourceTokenLifetime = 600 // when the response has no expires_in',
    'IF exchangeResult.expires_in != ""',
    '{',
    '  ASSIGN resourceTokenLifetime = exchangeResult.expires_in',
    '}',
    'ASSIGN resourceTokenExpiry = utc + (resourceTokenLifetime / 86400)',
  ]
    .map((line) => `${indent}${line}${eol}`)
    .join('');
}

const EXPORT = 'fixes/expiry-checks-export.xml';

describe('fix: resource-token-expiry-untracked', () => {
  const CODE = 'resource-token-expiry-untracked';

  it('Snippet: the resource token gets its own expiry from the exchange response (full text)', () => {
    const before = lines(
      '\n',
      'IF clientToken = "" | clientTokenExpiry = "" | utc >= clientTokenExpiry - (300 / 86400)',
      '{',
      '  ASSIGN exchangeProxy = GetRESTProxy()',
      // Long line: one Snippet statement, written as authors write it.
      '  ASSIGN exchangeResult = exchangeProxy.MakeRestRequest(tokenUrl, ' +
        '"grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={clientToken}&subject_token_type=urn:ietf:params:oauth:token-type:access_token", 0, "POST")',
      '  IF exchangeProxy.StatusCode = 200',
      '  {',
      '    $0ASSIGN resourceToken = exchangeResult.access_token',
      '  }',
      '}',
    );
    const expected = before
      .replace('$0', '')
      .replace(
        '    ASSIGN resourceToken = exchangeResult.access_token\n',
        `    ASSIGN resourceToken = exchangeResult.access_token\n${ownExpiry('    ', '\n')}`,
      );
    const result = checkFix(before, CODE, expected, { name: 'exchange.snippet' });
    assert.deepEqual(
      result.fixes.map((f) => [f.title, f.preferred]),
      [["Track the resource token's expiry", true]],
    );
  });

  it("Snippet: an expiry copied from the client token's is rewritten in place", () => {
    const before = lines(
      '\n',
      'ASSIGN exchangeProxy = GetRESTProxy()',
      'exchangeProxy.AddHeader("Authorization", "Bearer {clientToken}")',
      'ASSIGN exchangeResult = exchangeProxy.MakeRestRequest("https://auth.example-idp.com/oauth2/token", ' +
        '"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion={SECURE_ASSERTION}", 0, "POST")',
      'IF exchangeProxy.StatusCode = 200',
      '{',
      '  $0ASSIGN resourceToken = exchangeResult.access_token',
      '  ASSIGN resourceTokenExpiry = clientTokenExpiry',
      '}',
    );
    const expected = before
      .replace('$0', '')
      .replace('  ASSIGN resourceTokenExpiry = clientTokenExpiry\n', ownExpiry('  ', '\n'));
    checkFix(before, CODE, expected, { name: 'exchange.snippet' });
  });

  it("the guide notation: SET strResourceTokenExpiry from the block's own now (full text)", () => {
    const before = lines(
      '\n',
      'SNIPPET',
      'var now = Math.floor(Date.now() / 1000);',
      'var exReq = new CXone.HttpRequest();',
      'exReq.method = "POST";',
      'exReq.url = "https://auth.your-idp.com/oauth/token";',
      'exReq.body = "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + "{strClientToken}";',
      'var exResp = exReq.send();',
      'if (exResp.statusCode == 200) {',
      '  var exData = JSON.parse(exResp.body);',
      '  $0SET strResourceToken = exData.access_token;',
      '}',
      'END SNIPPET',
      'SNIPPET',
      'var clientExpiry = parseInt("{strClientTokenExpiry}") || 0;',
      'if ("{strClientToken}".length == 0 || Math.floor(Date.now() / 1000) >= clientExpiry - 300) {',
      '  SET strTokenState = "refresh";',
      '}',
      'END SNIPPET',
    );
    const expected = before
      .replace('$0', '')
      .replace(
        '  SET strResourceToken = exData.access_token;\n',
        '  SET strResourceToken = exData.access_token;\n  SET strResourceTokenExpiry = (now + ' +
          '(exData.expires_in || 600)).toString();\n',
      );
    checkFix(before, CODE, expected, { name: 'exchange.studio' });
  });

  it('XML export (full text, CRLF)', () => {
    const before = read(EXPORT);
    const expected = before.replace(
      '  ASSIGN resourceToken = exchangeResult.access_token\r\n',
      `  ASSIGN resourceToken = exchangeResult.access_token\r\n${ownExpiry('  ', '\r\n')}`,
    );
    checkFix(at(before, 'ASSIGN resourceToken'), CODE, expected, { name: 'expiry.xml' });
  });
});
