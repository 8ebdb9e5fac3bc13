import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { lintText } from '../../service/lint';
import { at, checkFix, JITTER_ON, lines, read } from '../../../../test/helpers/check-fix';
import { buildExport } from '../../../../test/helpers/export-builder';

const JITTER = { jitter: JITTER_ON };
const EXPORT = 'fixes/expiry-checks-export.xml';

const REFRESH_BODY = [
  '  ASSIGN tokenProxy = GetRESTProxy()',
  '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
    '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
];

describe('fix: token-expiry-no-buffer', () => {
  const CODE = 'token-expiry-no-buffer';

  const SETTING = (seconds: number) => [
    '// seconds before expiry at which tokens are refreshed; an earlier action may set it',
    'IF refreshBufferSeconds = ""',
    '{',
    `  ASSIGN refreshBufferSeconds = ${seconds}`,
    '}',
  ];

  it('Snippet: compares the time left with the buffer setting, utc inside arithmetic (full text)', () => {
    const before = lines(
      '\n',
      'IF cachedToken = "" | tokenExpiry = "" | $0utc >= tokenExpiry',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    // Issue 12, point 1: a bare utc compared with a number may be read as text; point 13: one named buffer setting.
    const expected = lines(
      '\n',
      ...SETTING(300),
      'IF cachedToken = "" | tokenExpiry = "" | tokenExpiry - utc <= refreshBufferSeconds / 86400',
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
    const expected = lines(
      '\n',
      ...SETTING(240),
      'IF tokenExpiry - utc > refreshBufferSeconds / 86400',
      '{',
      '  ASSIGN reuse = 1',
      '}',
    );
    checkFix(before, CODE, expected, { name: 'valid.snippet', settings: { bufferSeconds: 240 } });
  });

  it('Snippet: reuses the buffer setting the code already sets, and keeps `now` if that is what it compares', () => {
    const before = lines(
      '\n',
      'ASSIGN refreshBufferSeconds = 120',
      'IF $0now >= crmTokenExpiry',
      '{',
      '  ASSIGN x = 1',
      '}',
    );
    const expected = lines(
      '\n',
      'ASSIGN refreshBufferSeconds = 120',
      'IF crmTokenExpiry - now <= refreshBufferSeconds / 86400',
      '{',
      '  ASSIGN x = 1',
      '}',
    );
    checkFix(before, CODE, expected, { name: 'now.snippet' });
  });

  it('never subtracts a buffer twice: a buffer taken off where the expiry is stored is seen (issue 13)', () => {
    for (const store of [
      'ASSIGN tokenExpiry = utc + ((tokenResult.expires_in - 300) / 86400)',
      'ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400) - (300 / 86400)',
      'ASSIGN tokenExpiry = dateadd("s", tokenResult.expires_in - 300, utc)',
    ]) {
      const text = lines(
        '\n',
        'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry',
        '{',
        ...REFRESH_BODY,
        '  IF tokenProxy.StatusCode = 200',
        '  {',
        '    ASSIGN cachedToken = tokenResult.access_token',
        `    ${store}`,
        '  }',
        '}',
      );
      const linted = lintText('stored.snippet', undefined, text, DEFAULT_SETTINGS)!;
      assert.deepEqual(
        linted.findings.filter((f) => f.code === CODE),
        [],
        store,
      );
    }
    // One store with a buffer, one without: the check is reported, and the fix still never doubles the buffer.
    const mixed = lines(
      '\n',
      'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry',
      '{',
      ...REFRESH_BODY,
      '  IF tokenProxy.StatusCode = 200',
      '  {',
      '    ASSIGN cachedToken = tokenResult.access_token',
      '    ASSIGN tokenExpiry = utc + ((tokenResult.expires_in - 300) / 86400)',
      '  }',
      '  ELSE',
      '  {',
      '    ASSIGN tokenExpiry = utc + (60 / 86400)',
      '  }',
      '}',
    );
    const linted = lintText('mixed.snippet', undefined, mixed, DEFAULT_SETTINGS)!;
    const finding = linted.findings.find((f) => f.code === CODE);
    assert.ok(finding);
    assert.deepEqual(linted.analysis.fixesFor(finding), []);
    // An export: the expiry is stored (with its buffer) in one action and checked in another.
    const exported = buildExport([
      { id: 1, type: 'BEGIN', caption: 'Begin', next: 3 },
      {
        id: 3,
        type: 'SNIPPET',
        caption: 'Get token',
        next: 5,
        code: lines(
          '\r\n',
          ...REFRESH_BODY.map((l) => l.trim()),
          'ASSIGN cachedToken = tokenResult.access_token',
          'ASSIGN tokenExpiry = utc + ((tokenResult.expires_in - 300) / 86400)',
        ),
      },
      {
        id: 5,
        type: 'SNIPPET',
        caption: 'Use it',
        code: 'IF utc >= tokenExpiry\r\n{\r\n  ASSIGN cachedToken = ""\r\n}\r\n',
      },
    ]);
    const exportLinted = lintText('stored.xml', undefined, exported, DEFAULT_SETTINGS)!;
    assert.deepEqual(
      exportLinted.findings.filter((f) => f.code === CODE),
      [],
    );
  });

  it('a buffer variable nothing assigns gets the buffer setting before the first check (issue 13)', () => {
    const before = lines(
      '\n',
      'IF cachedToken = "" | $0utc >= tokenExpiry - (tokenRefreshBufferSec / 86400)',
      '{',
      '  ASSIGN cachedToken = GetOAuthToken()',
      '}',
    );
    const expected = lines(
      '\n',
      '// seconds before expiry at which tokens are refreshed; an earlier action may set it',
      'IF tokenRefreshBufferSec = ""',
      '{',
      '  ASSIGN tokenRefreshBufferSec = 300',
      '}',
      'IF cachedToken = "" | utc >= tokenExpiry - (tokenRefreshBufferSec / 86400)',
      '{',
      '  ASSIGN cachedToken = GetOAuthToken()',
      '}',
    );
    checkFix(before, CODE, expected, { name: 'unassigned.snippet' });
    // A buffer counted in days (`utc >= tokenExpiry - skewDays`) would need converting: no fix is offered.
    const days = 'IF utc >= tokenExpiry - skewDays\n{\n  ASSIGN cachedToken = GetOAuthToken()\n}\n';
    const linted = lintText('days.snippet', undefined, days, DEFAULT_SETTINGS)!;
    const finding = linted.findings.find((f) => f.code === CODE);
    assert.match(finding!.message, /subtracts skewDays from the expiry \(tokenExpiry\), but nothing in this snippet/);
    assert.deepEqual(linted.analysis.fixesFor(finding!), []);
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
    const expected = before.replace(
      'IF cachedToken = "" | tokenExpiry = "" | utc &gt;= tokenExpiry\r\n',
      `${SETTING(300).join('\r\n')}\r\n` +
        'IF cachedToken = "" | tokenExpiry = "" | tokenExpiry - utc &lt;= refreshBufferSeconds / 86400\r\n',
    );
    checkFix(at(before, 'utc &gt;= tokenExpiry'), CODE, expected, { name: 'expiry.xml' });
  });
});
