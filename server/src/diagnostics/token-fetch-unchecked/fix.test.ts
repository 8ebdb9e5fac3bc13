import { strict as assert } from 'node:assert';
import { readExport } from '../../syntax/export/read-export';
import { at, checkFix, lines, read } from '../../../../test/helpers/check-fix';

const CODE = 'token-fetch-unchecked';
const REQUEST = [
  'ASSIGN tokenProxy = GetRESTProxy()',
  'tokenProxy.ContentType = "application/x-www-form-urlencoded"',
  'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
    '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
];

describe('fix: token-fetch-unchecked', () => {
  it(
    'Snippet: the reads of the response go into IF tokenProxy.StatusCode = 200; the ELSE clears what they set (full ' +
      'text)',
    () => {
      const before = lines(
        '\n',
        ...REQUEST,
        '$0ASSIGN cachedToken = tokenResult.access_token',
        'ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400)',
        'TRACE "token refreshed"',
      );
      const expected = lines(
        '\n',
        ...REQUEST,
        'IF tokenProxy.StatusCode = 200',
        '{',
        '  ASSIGN cachedToken = tokenResult.access_token',
        '  ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400)',
        '}',
        'ELSE',
        '{',
        '  ASSIGN cachedToken = ""',
        '  ASSIGN tokenExpiry = ""',
        // The error is named after the token it stores (issue 12, point 6): never a variable of the script's.
        '  ASSIGN cachedTokenError = "TOKEN_HTTP_{tokenProxy.StatusCode}"',
        '}',
        'TRACE "token refreshed"',
      );
      const result = checkFix(before, CODE, expected, { name: 'token.snippet' });
      assert.deepEqual(
        result.fixes.map((f) => [f.title, f.preferred]),
        [['Check the token response', true]],
      );
    },
  );

  it('Snippet: tabs and CRLF, a file without a final line break', () => {
    const before = [
      'IF due = 1',
      '{',
      ...REQUEST.map((l) => `\t${l}`),
      '\t$0ASSIGN bearer = tokenResult.access_token',
      '}',
    ].join('\r\n');
    const expected = [
      'IF due = 1',
      '{',
      ...REQUEST.map((l) => `\t${l}`),
      '\tIF tokenProxy.StatusCode = 200',
      '\t{',
      '\t\tASSIGN bearer = tokenResult.access_token',
      '\t}',
      '\tELSE',
      '\t{',
      '\t\tASSIGN bearer = ""',
      '\t\tASSIGN bearerError = "TOKEN_HTTP_{tokenProxy.StatusCode}"',
      '\t}',
      '}',
    ].join('\r\n');
    checkFix(before, CODE, expected, { name: 'token.snippet' });
  });

  it(
    "the guide notation: the guide's Strategy B gets its missing status check; the local is cleared as a local " +
      '(full text)',
    () => {
      const before = read('guide/strategy-b-cached-token.studio');
      const expected = before.replace(
        [
          'var tokenData = JSON.parse(tokenResp.body);',
          'validToken = tokenData.access_token;',
          '// Cache the new token and its expiry time',
          'SET strCachedToken = validToken;',
          'SET strTokenExpiry = (currentTime + tokenData.expires_in).toString();',
          '',
        ].join('\n'),
        [
          'if (tokenResp.statusCode == 200) {',
          '  var tokenData = JSON.parse(tokenResp.body);',
          '  validToken = tokenData.access_token;',
          '  // Cache the new token and its expiry time',
          '  SET strCachedToken = validToken;',
          '  SET strTokenExpiry = (currentTime + tokenData.expires_in).toString();',
          '} else {',
          '  validToken = "";',
          '  SET strCachedToken = "";',
          '  SET strTokenExpiry = "0";',
          '  SET strApiError = "TOKEN_HTTP_" + tokenResp.statusCode.toString();',
          '}',
          '',
        ].join('\n'),
      );
      checkFix(at(before, 'validToken = tokenData'), CODE, expected, { name: 'strategy-b.studio' });
    },
  );

  it('XML export: escaped, CRLF, the entities of the wrapped lines kept (full text)', () => {
    const xml = (code: readonly string[]): string =>
      lines(
        '\r\n',
        '<?xml version="1.0" encoding="utf-8"?>',
        '<ScriptContainer BusNo="4599331" UserID="26118">',
        '  <Actions>',
        '    <ActionStruct>',
        '      <ActionID>2</ActionID>',
        '      <Action>SNIPPET</Action>',
        '      <Caption>Get token</Caption>',
        '      <Parameters>',
        `        <string>${code.join('\r\n')}</string>`,
        '        <string>Limit4K</string>',
        '      </Parameters>',
        '    </ActionStruct>',
        '  </Actions>',
        '</ScriptContainer>',
      );
    const request = [
      'ASSIGN tokenProxy = GetRESTProxy()',
      'ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://auth.example-idp.com/oauth/token", ' +
        '"grant_type=client_credentials&amp;client_id={SECURE_CLIENT_ID}&amp;client_secret={SECURE_CLIENT_SECRET}", ' +
        '0, "POST")',
    ];
    const before = xml([
      ...request,
      '$0ASSIGN accessToken = tokenResult.access_token',
      'ASSIGN tokenType = &quot;{tokenResult.token_type} &amp; more&quot;',
      'TRACE "stored"',
    ]);
    const expected = xml([
      ...request,
      'IF tokenProxy.StatusCode = 200',
      '{',
      '  ASSIGN accessToken = tokenResult.access_token',
      '  ASSIGN tokenType = &quot;{tokenResult.token_type} &amp; more&quot;',
      '}',
      'ELSE',
      '{',
      '  ASSIGN accessToken = ""',
      '  ASSIGN accessTokenError = "TOKEN_HTTP_{tokenProxy.StatusCode}"',
      '}',
      'TRACE "stored"',
    ]);
    const result = checkFix(before, CODE, expected, { name: 'token.xml' });
    assert.ok(
      readExport(result.after)!.snippets[0]!.code.includes('ASSIGN tokenType = "{tokenResult.token_type} & more"'),
    );
  });
});
