import { strict as assert } from 'node:assert';
import { at, checkFix, JITTER_ON, lines, read } from '../../../../test/helpers/check-fix';

const JITTER = { jitter: JITTER_ON };
/** Says where the spread comes from; no "(?)" note (issue 12, point 13). */
const JITTER_COMMENT =
  '// refresh buffer of 120-480 s, different per contact (the remainder of ContactID), so contacts do not all ' +
  'refresh at once';

const REFRESH_BODY = [
  '  ASSIGN tokenProxy = GetRESTProxy()',
  '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
    '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
];

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
      JITTER_COMMENT,
      'IF refreshBufferSeconds = ""',
      '{',
      '  ASSIGN refreshBufferSeconds = 120 + (ContactID % 361)',
      '}',
      'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (refreshBufferSeconds / 86400)',
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
    assert.ok(result.after.includes('ASSIGN refreshBufferSeconds = 60 + (ContactID % 121)'));
  });

  it('Snippet: a buffer variable the code sets to a constant becomes per contact where it is set', () => {
    const before = lines(
      '\n',
      'ASSIGN refreshBuffer = 300',
      'IF cachedToken = "" | tokenExpiry = "" | tokenExpiry - utc <= $0refreshBuffer / 86400',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    const expected = before.replace('$0', '').replace('= 300', '= 120 + (ContactID % 361)');
    checkFix(before, CODE, expected, { name: 'jitter.snippet', settings: JITTER });
  });

  it('Snippet: the buffer setting the fixes write is jittered in place, for every check that reads it', () => {
    const before = lines(
      '\n',
      'IF refreshBufferSeconds = ""',
      '{',
      '  ASSIGN refreshBufferSeconds = 300',
      '}',
      'IF crmToken = "" | crmTokenExpiry = "" | crmTokenExpiry - utc <= $0refreshBufferSeconds / 86400',
      '{',
      ...REFRESH_BODY,
      '}',
      'IF payToken = "" | payTokenExpiry = "" | payTokenExpiry - utc <= refreshBufferSeconds / 86400',
      '{',
      ...REFRESH_BODY,
      '}',
    );
    const result = checkFix(before, CODE, undefined, { name: 'jitter.snippet', settings: JITTER });
    assert.equal(result.after, before.replace('$0', '').replace('= 300', '= 120 + (ContactID % 361)'));
  });

  it("the guide notation: the guide's own mitigation, Math.random() between 120 and 480 s (full text)", () => {
    const before = read('guide/strategy-b-cached-token.studio');
    const expected = before
      .replace(
        'var validToken;\n',
        'var validToken;\n// refresh buffer of 120-480 s, different for each script instance\nvar refreshBuffer = ' +
          '120 + Math.floor(Math.random() * 361);\n',
      )
      .replace('(tokenExpiry - 300)', '(tokenExpiry - refreshBuffer)');
    checkFix(at(before, '300)'), CODE, expected, { name: 'strategy-b.studio', settings: JITTER });
  });

  it('XML export (full text, CRLF)', () => {
    const before = read('export/strategy-b-export.xml');
    const start = before.indexOf('IF cachedToken = ""');
    const expected =
      before.slice(0, start) +
      `${JITTER_COMMENT}\r\n` +
      'IF refreshBufferSeconds = ""\r\n{\r\n  ASSIGN refreshBufferSeconds = 120 + (ContactID % 361)\r\n}\r\n' +
      before.slice(start).replace('(300 / 86400)', '(refreshBufferSeconds / 86400)');
    checkFix(at(before, '300 / 86400'), CODE, expected, { name: 'strategy-b.xml', settings: JITTER });
  });
});
