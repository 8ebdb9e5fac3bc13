import { strict as assert } from 'node:assert';
import { at, checkFix, JITTER_ON, lines, read } from './check-fix';

const JITTER = { jitter: JITTER_ON };
const EXPORT = 'fixes/expiry-checks-export.xml';

const REFRESH_BODY = [
  '  ASSIGN tokenProxy = GetRESTProxy()',
  '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
];

describe('fix: token-expiry-no-buffer', () => {
  const CODE = 'token-expiry-no-buffer';

  it('Snippet: subtracts the buffer, in days, from the expiry (full text)', () => {
    const before = lines(
      '\n',
      'IF cachedToken = "" | tokenExpiry = "" | $0utc >= tokenExpiry',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    const expected = lines(
      '\n',
      'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (300 / 86400)',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    const result = checkFix(before, CODE, expected, { name: 'refresh.snippet' });
    assert.deepEqual(
      result.fixes.map((f) => [f.title, f.preferred]),
      [['Add a safety buffer', true]],
    );
  });

  it('Snippet: keeps the direction when the expiry is on the left, and uses bufferSeconds', () => {
    const before = 'IF $0tokenExpiry > utc\n{\n  ASSIGN reuse = 1\n}\n';
    checkFix(before, CODE, 'IF tokenExpiry - (240 / 86400) > utc\n{\n  ASSIGN reuse = 1\n}\n', {
      name: 'valid.snippet',
      settings: { bufferSeconds: 240 },
    });
  });

  it('the guide notation: (tokenExpiry - 300) (full text)', () => {
    const before = lines(
      '\n',
      'SNIPPET',
      'var currentTime = Math.floor(Date.now() / 1000);',
      'var tokenExpiry = parseInt("{strTokenExpiry}") || 0;',
      'if (tokenExpiry > 0 && $0currentTime < tokenExpiry) { validToken = "{strCachedToken}"; }',
      'END SNIPPET',
    );
    const expected = before
      .replace('$0', '')
      .replace('currentTime < tokenExpiry)', 'currentTime < (tokenExpiry - 300))');
    checkFix(before, CODE, expected, { name: 'check.studio' });
  });

  it('the guide notation with jitter: a per-instance buffer declared before the check, tabs and CRLF kept', () => {
    const before = lines(
      '\r\n',
      'SNIPPET',
      '\tvar expiry = parseInt("{strTokenExpiry}");',
      '\tif ($0Math.floor(Date.now() / 1000) >= expiry) {',
      '\t\tSET strCachedToken = "";',
      '\t}',
      'END SNIPPET',
    );
    const expected = lines(
      '\r\n',
      'SNIPPET',
      '\tvar expiry = parseInt("{strTokenExpiry}");',
      '\t// refresh buffer of 120-480 s, different for each script instance',
      '\tvar refreshBuffer = 120 + Math.floor(Math.random() * 361);',
      '\tif (Math.floor(Date.now() / 1000) >= (expiry - refreshBuffer)) {',
      '\t\tSET strCachedToken = "";',
      '\t}',
      'END SNIPPET',
    );
    checkFix(before, CODE, expected, { name: 'check.studio', settings: JITTER });
  });

  it("XML export: inside the action's <string>, across the &gt; entity (full text)", () => {
    const before = read(EXPORT);
    const expected = before.replace('utc &gt;= tokenExpiry\r\n', 'utc &gt;= tokenExpiry - (300 / 86400)\r\n');
    checkFix(at(before, 'utc &gt;= tokenExpiry'), CODE, expected, { name: 'expiry.xml' });
  });
});

describe('fix: token-expires-in-ignored', () => {
  const CODE = 'token-expires-in-ignored';

  it('Snippet: the constant becomes tokenResult.expires_in, keeping / 86400 (full text)', () => {
    const body = (lifetime: string) =>
      lines(
        '\n',
        'ASSIGN tokenProxy = GetRESTProxy()',
        'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
        'IF tokenProxy.StatusCode = 200',
        '{',
        '  ASSIGN cachedToken = tokenResult.access_token',
        `  ASSIGN tokenExpiry = utc + (${lifetime} / 86400)`,
        '}',
      );
    const result = checkFix(body('$03600'), CODE, body('tokenResult.expires_in'), { name: 'lifetime.snippet' });
    assert.deepEqual(
      result.fixes.map((f) => [f.title, f.preferred]),
      [['Use expires_in', true]],
    );
  });

  it('the guide notation: (currentTime + tokenData.expires_in) (full text)', () => {
    const before = read('analysis/studio/expiry-constant-3600.studio');
    const expected = before.replace('(currentTime + 3600)', '(currentTime + tokenData.expires_in)');
    checkFix(at(before, '3600)'), CODE, expected, { name: 'lifetime.studio' });
  });

  it('XML export (full text)', () => {
    const before = read(EXPORT);
    checkFix(at(before, '3600 / 86400'), CODE, before.replace('(3600 / 86400)', '(tokenResult.expires_in / 86400)'), {
      name: 'expiry.xml',
    });
  });

  it('Snippet, a cached token with no expiry: stores one and tests it with the presence check (full text)', () => {
    const before = lines(
      '\n',
      'IF cachedToken = ""',
      '{',
      '  ASSIGN tokenProxy = GetRESTProxy()',
      '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
      '  IF tokenProxy.StatusCode = 200',
      '  {',
      '    $0ASSIGN cachedToken = tokenResult.access_token',
      '  }',
      '}',
    );
    const expected = lines(
      '\n',
      'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (300 / 86400)',
      '{',
      '  ASSIGN tokenProxy = GetRESTProxy()',
      '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
      '  IF tokenProxy.StatusCode = 200',
      '  {',
      '    ASSIGN cachedToken = tokenResult.access_token',
      '    ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400)',
      '  }',
      '}',
    );
    checkFix(before, CODE, expected, { name: 'cached.snippet' });
  });

  it("the guide notation, a cached token with no expiry: Strategy B's locals and a buffered presence check (full text)", () => {
    const before = lines(
      '\n',
      'SNIPPET',
      'var cached = "{strCachedToken}";',
      'if (cached.length == 0) {',
      '  var tokenReq = new CXone.HttpRequest();',
      '  tokenReq.method = "POST";',
      '  tokenReq.url = "https://auth.your-idp.com/oauth/token";',
      '  tokenReq.body = "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";',
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
      '  tokenReq.body = "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";',
      '  var tokenResp = tokenReq.send();',
      '  if (tokenResp.statusCode == 200) {',
      '    SET strCachedToken = JSON.parse(tokenResp.body).access_token;',
      '    SET strTokenExpiry = (currentTime + JSON.parse(tokenResp.body).expires_in).toString();',
      '  }',
      '}',
      'END SNIPPET',
    );
    checkFix(before, CODE, expected, { name: 'cached.studio' });
  });
});

describe('fix: refresh-without-jitter', () => {
  const CODE = 'refresh-without-jitter';

  it('Snippet: a per-contact buffer before the check replaces the constant (full text)', () => {
    const before = lines(
      '\n',
      'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - ($0300 / 86400)',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    const expected = lines(
      '\n',
      '// refresh buffer of 120-480 s, different per contact; no random function is documented, so ContactID spreads contacts (?)',
      'IF refreshBuffer = ""',
      '{',
      '  ASSIGN refreshBuffer = 120 + (ContactID % 361)',
      '}',
      'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (refreshBuffer / 86400)',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    const result = checkFix(before, CODE, expected, { name: 'jitter.snippet', settings: JITTER });
    assert.deepEqual(
      result.fixes.map((f) => [f.title, f.preferred]),
      [['Jitter the buffer', true]],
    );
  });

  it('is offered but not preferred while jitter is off (fix-all keeps the fixed buffer the settings ask for)', () => {
    const before = lines(
      '\n',
      'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - ($0300 / 86400)',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    const result = checkFix(before, CODE, undefined, {
      name: 'jitter.snippet',
      title: 'Jitter the buffer',
      settings: { jitter: { minSeconds: 60, maxSeconds: 180 } },
    });
    assert.equal(result.fix.preferred, false);
    assert.ok(result.after.includes('ASSIGN refreshBuffer = 60 + (ContactID % 121)'));
  });

  it('Snippet: a buffer variable set to a constant is replaced by a new per-contact variable', () => {
    const before = lines(
      '\n',
      'ASSIGN refreshBuffer = 300',
      'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - ($0refreshBuffer / 86400)',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    const result = checkFix(before, CODE, undefined, { name: 'jitter.snippet', settings: JITTER });
    assert.ok(
      result.after.includes('IF jitteredBuffer = ""\n{\n  ASSIGN jitteredBuffer = 120 + (ContactID % 361)\n}\n'),
    );
    assert.ok(result.after.includes('utc >= tokenExpiry - (jitteredBuffer / 86400)'));
    assert.ok(result.after.startsWith('ASSIGN refreshBuffer = 300\n'));
  });

  it("the guide notation: the guide's own mitigation, Math.random() between 120 and 480 s (full text)", () => {
    const before = read('guide/strategy-b-cached-token.studio');
    const expected = before
      .replace(
        'var validToken;\n',
        'var validToken;\n// refresh buffer of 120-480 s, different for each script instance\nvar refreshBuffer = 120 + Math.floor(Math.random() * 361);\n',
      )
      .replace('(tokenExpiry - 300)', '(tokenExpiry - refreshBuffer)');
    checkFix(at(before, '300)'), CODE, expected, { name: 'strategy-b.studio', settings: JITTER });
  });

  it('XML export (full text, CRLF)', () => {
    const before = read('xml/strategy-b-export.xml');
    const start = before.indexOf('IF cachedToken = ""');
    const expected =
      before.slice(0, start) +
      '// refresh buffer of 120-480 s, different per contact; no random function is documented, so ContactID spreads contacts (?)\r\n' +
      'IF refreshBuffer = ""\r\n{\r\n  ASSIGN refreshBuffer = 120 + (ContactID % 361)\r\n}\r\n' +
      before.slice(start).replace('(300 / 86400)', '(refreshBuffer / 86400)');
    checkFix(at(before, '300 / 86400'), CODE, expected, { name: 'strategy-b.xml', settings: JITTER });
  });
});

describe('fix: resource-token-expiry-untracked', () => {
  const CODE = 'resource-token-expiry-untracked';

  it('Snippet: the resource token gets its own expiry from the exchange response (full text)', () => {
    const before = lines(
      '\n',
      'IF clientToken = "" | clientTokenExpiry = "" | utc >= clientTokenExpiry - (300 / 86400)',
      '{',
      '  ASSIGN exchangeProxy = GetRESTProxy()',
      '  ASSIGN exchangeResult = exchangeProxy.MakeRestRequest(tokenUrl, "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={clientToken}&subject_token_type=urn:ietf:params:oauth:token-type:access_token", 0, "POST")',
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
        '    ASSIGN resourceToken = exchangeResult.access_token\n    ASSIGN resourceTokenExpiry = utc + (exchangeResult.expires_in / 86400)\n',
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
      'ASSIGN exchangeResult = exchangeProxy.MakeRestRequest("https://auth.example-idp.com/oauth2/token", "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion={SECURE_ASSERTION}", 0, "POST")',
      'IF exchangeProxy.StatusCode = 200',
      '{',
      '  $0ASSIGN resourceToken = exchangeResult.access_token',
      '  ASSIGN resourceTokenExpiry = clientTokenExpiry',
      '}',
    );
    const expected = before
      .replace('$0', '')
      .replace('= clientTokenExpiry', '= utc + (exchangeResult.expires_in / 86400)');
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
        '  SET strResourceToken = exData.access_token;\n  SET strResourceTokenExpiry = (now + exData.expires_in).toString();\n',
      );
    checkFix(before, CODE, expected, { name: 'exchange.studio' });
  });

  it('XML export (full text, CRLF)', () => {
    const before = read(EXPORT);
    const expected = before.replace(
      '  ASSIGN resourceToken = exchangeResult.access_token\r\n',
      '  ASSIGN resourceToken = exchangeResult.access_token\r\n  ASSIGN resourceTokenExpiry = utc + (exchangeResult.expires_in / 86400)\r\n',
    );
    checkFix(at(before, 'ASSIGN resourceToken'), CODE, expected, { name: 'expiry.xml' });
  });
});
