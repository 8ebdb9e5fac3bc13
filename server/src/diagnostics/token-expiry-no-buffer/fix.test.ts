import { strict as assert } from 'node:assert';
import { at, checkFix, JITTER_ON, lines, read } from '../../../../test/helpers/check-fix';

const JITTER = { jitter: JITTER_ON };
const EXPORT = 'fixes/expiry-checks-export.xml';

const REFRESH_BODY = [
  '  ASSIGN tokenProxy = GetRESTProxy()',
  '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
    '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
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
