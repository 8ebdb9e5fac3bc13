import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, sanitizeSettings, type Settings } from '../../../server/src/common/settings';
import { lintText } from '../../../server/src/service/lint';

/** A Strategy B refresh whose expiry check has no buffer: token-expiry-no-buffer and nothing else. */
const NO_BUFFER = [
  'IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry',
  '{',
  '  ASSIGN tokenProxy = GetRESTProxy()',
  '  tokenProxy.ContentType = "application/x-www-form-urlencoded"',
  '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
    '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")',
  '  IF tokenProxy.StatusCode = 200',
  '  {',
  '    ASSIGN cachedToken = tokenResult.access_token',
  '    ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400)',
  '  }',
  '  ELSE',
  '  {',
  '    ASSIGN cachedToken = ""',
  '    ASSIGN tokenExpiry = ""',
  '    ASSIGN apiError = "TOKEN_HTTP_{tokenProxy.StatusCode}"',
  '  }',
  '}',
].join('\n');

function lint(settings: Partial<Settings>) {
  const linted = lintText(
    'refresh.snippet',
    undefined,
    NO_BUFFER,
    sanitizeSettings({ ...DEFAULT_SETTINGS, ...settings }),
  );
  assert.ok(linted);
  return linted.findings;
}

describe('rule settings through lintText', () => {
  it('finds the unbuffered check with the default severity and the default buffer in the message', () => {
    const findings = lint({});
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity, NO_BUFFER.slice(f.range.start, f.range.end)]),
      [['token-expiry-no-buffer', 'warning', 'utc >= tokenExpiry']],
    );
    assert.match(findings[0]!.message, /refresh 300 s before it to absorb clock drift/);
  });

  it('names the configured bufferSeconds in the message', () => {
    assert.match(lint({ bufferSeconds: 120 })[0]!.message, /refresh 120 s before it to absorb clock drift/);
  });

  it('"off" removes the findings of that code', () => {
    assert.deepEqual(lint({ rules: { 'token-expiry-no-buffer': 'off' } }), []);
  });

  it('a severity override replaces the default severity', () => {
    assert.deepEqual(
      lint({ rules: { 'token-expiry-no-buffer': 'error' } }).map((f) => f.severity),
      ['error'],
    );
    assert.deepEqual(
      lint({ rules: { 'token-expiry-no-buffer': 'hint' } }).map((f) => f.severity),
      ['hint'],
    );
  });
});
