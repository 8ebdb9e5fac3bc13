import { strict as assert } from 'node:assert';
import { at, checkFix, lines, read } from '../../../../test/helpers/check-fix';

const EXPORT = 'fixes/expiry-checks-export.xml';

describe('fix: token-expires-in-ignored', () => {
  const CODE = 'token-expires-in-ignored';

  it('Snippet: the expiry comes from expires_in, with a short lifetime when there is none (full text)', () => {
    const body = (...expiry: string[]) =>
      lines(
        '\n',
        'ASSIGN tokenProxy = GetRESTProxy()',
        'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, ' +
          '"POST")',
        'IF tokenProxy.StatusCode = 200',
        '{',
        '  ASSIGN cachedToken = tokenResult.access_token',
        ...expiry,
        '}',
      );
    const result = checkFix(
      body('  ASSIGN tokenExpiry = utc + ($03600 / 86400) // one hour'),
      CODE,
      // Issue 12, point 11: a response without expires_in must not expire at once (refreshing on every check);
      // point 13: the comment about the hour it assumed goes with it.
      body(
        '  ASSIGN tokenLifetime = 600 // when the response has no expires_in',
        '  IF tokenResult.expires_in != ""',
        '  {',
        '    ASSIGN tokenLifetime = tokenResult.expires_in',
        '  }',
        '  ASSIGN tokenExpiry = utc + (tokenLifetime / 86400)',
      ),
      { name: 'lifetime.snippet' },
    );
    assert.deepEqual(
      result.fixes.map((f) => [f.title, f.preferred]),
      [['Use expires_in', true]],
    );
  });

  it('the guide notation: (currentTime + (tokenData.expires_in || 600)) (full text)', () => {
    const before = read('analysis/guide/expiry-constant-3600.studio');
    const expected = before.replace(
      '(currentTime + 3600).toString(); // assumes every token lives an hour',
      '(currentTime + (tokenData.expires_in || 600)).toString();',
    );
    checkFix(at(before, '3600)'), CODE, expected, { name: 'lifetime.studio' });
  });

  it('XML export (full text)', () => {
    const before = read(EXPORT);
    const expected = before.replace(
      '    ASSIGN tokenExpiry = utc + (3600 / 86400)\r\n',
      [
        '    ASSIGN tokenLifetime = 600 // when the response has no expires_in',
        '    IF tokenResult.expires_in != ""',
        '    {',
        '      ASSIGN tokenLifetime = tokenResult.expires_in',
        '    }',
        '    ASSIGN tokenExpiry = utc + (tokenLifetime / 86400)',
        '',
      ].join('\r\n'),
    );
    checkFix(at(before, '3600 / 86400'), CODE, expected, { name: 'expiry.xml' });
  });

  it('Snippet, a cached token with no expiry: stores one and tests it with the presence check (full text)', () => {
    const before = lines(
      '\n',
      'IF cachedToken = ""',
      '{',
      '  ASSIGN tokenProxy = GetRESTProxy()',
      '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
        '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
      '  IF tokenProxy.StatusCode = 200',
      '  {',
      '    $0ASSIGN cachedToken = tokenResult.access_token',
      '  }',
      '}',
    );
    const expected = lines(
      '\n',
      '// seconds before expiry at which tokens are refreshed; an earlier action may set it',
      'IF refreshBufferSeconds = ""',
      '{',
      '  ASSIGN refreshBufferSeconds = 300',
      '}',
      'IF cachedToken = "" | tokenExpiry = "" | tokenExpiry - utc <= refreshBufferSeconds / 86400',
      '{',
      '  ASSIGN tokenProxy = GetRESTProxy()',
      '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
        '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
      '  IF tokenProxy.StatusCode = 200',
      '  {',
      '    ASSIGN cachedToken = tokenResult.access_token',
      '    ASSIGN cachedTokenLifetime = 600 // when the response has no expires_in',
      '    IF tokenResult.expires_in != ""',
      '    {',
      '      ASSIGN cachedTokenLifetime = tokenResult.expires_in',
      '    }',
      '    ASSIGN tokenExpiry = utc + (cachedTokenLifetime / 86400)',
      '  }',
      '}',
    );
    checkFix(before, CODE, expected, { name: 'cached.snippet' });
  });

  it(
    "the guide notation, a cached token with no expiry: Strategy B's locals and a buffered presence check (full " +
      'text)',
    () => {
      const before = lines(
        '\n',
        'SNIPPET',
        'var cached = "{strCachedToken}";',
        'if (cached.length == 0) {',
        '  var tokenReq = new CXone.HttpRequest();',
        '  tokenReq.method = "POST";',
        '  tokenReq.url = "https://auth.your-idp.com/oauth/token";',
        '  tokenReq.body = ' +
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";',
        '  var tokenResp = tokenReq.send();',
        '  if (tokenResp.statusCode == 200) {',
        '    $0SET strCachedToken = JSON.parse(tokenResp.body).access_token;',
        '  }',
        '}',
        'END SNIPPET',
      );
      const expected = lines(
        '\n',
        'SNIPPET',
        'var cached = "{strCachedToken}";',
        'var currentTime = Math.floor(Date.now() / 1000);',
        'var tokenExpiry = parseInt("{strTokenExpiry}") || 0;',
        'if (cached.length == 0 || tokenExpiry <= 0 || currentTime >= (tokenExpiry - 300)) {',
        '  var tokenReq = new CXone.HttpRequest();',
        '  tokenReq.method = "POST";',
        '  tokenReq.url = "https://auth.your-idp.com/oauth/token";',
        '  tokenReq.body = ' +
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";',
        '  var tokenResp = tokenReq.send();',
        '  if (tokenResp.statusCode == 200) {',
        '    SET strCachedToken = JSON.parse(tokenResp.body).access_token;',
        '    SET strTokenExpiry = (currentTime + (JSON.parse(tokenResp.body).expires_in || 600)).toString();',
        '  }',
        '}',
        'END SNIPPET',
      );
      checkFix(before, CODE, expected, { name: 'cached.studio' });
    },
  );
});
