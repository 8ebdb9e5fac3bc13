import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, sanitizeSettings, validateSettings } from '../../../server/src/common/settings';
import { compileEndpointPattern } from '../../../server/src/common/token-endpoint-pattern';

const CODES = ['unchecked-auth-status', 'token-reuse-without-expiry'];

describe('validateSettings (strict) beside sanitizeSettings (lenient)', () => {
  it('finds nothing wrong with the defaults, an empty section or a missing one', () => {
    for (const raw of [undefined, null, {}, DEFAULT_SETTINGS]) {
      assert.deepEqual(validateSettings(raw, CODES), { settings: DEFAULT_SETTINGS, problems: [] });
    }
  });

  it('names each unknown key and invalid value, and sanitises exactly as sanitizeSettings does', () => {
    const raw = {
      bufferSecs: 60,
      bufferSeconds: 90_000,
      jitter: { enabled: 'yes', minSeconds: 600, maxSeconds: 300, spread: 1 },
      rules: { 'unchecked-auth-status': 'loud', 'unchecked-status': 'off' },
      secretVariableName: '{SECRET}',
      validationDelayMs: 1.5,
      tokenEndpointPatterns: ['/issue-jwt$', 7, '(?<=/)token'],
      trace: { server: 'everything' },
    };
    const { settings, problems } = validateSettings(raw, CODES);
    assert.deepEqual(settings, sanitizeSettings(raw));
    assert.deepEqual(
      problems.map((p) => p.key),
      [
        'bufferSecs',
        'jitter.spread',
        'jitter.minSeconds',
        'trace.server',
        'bufferSeconds',
        'jitter.enabled',
        'tokenEndpointPatterns[1]',
        'tokenEndpointPatterns[2]',
        'rules',
        'rules',
        'secretVariableName',
        'validationDelayMs',
      ],
    );
    assert.match(
      problems.find((p) => p.key === 'jitter.minSeconds')!.problem,
      /600 is larger than jitter\.maxSeconds \(300\)/,
    );
    assert.deepEqual(settings.jitter, { enabled: false, minSeconds: 300, maxSeconds: 600 });
    assert.equal(settings.bufferSeconds, 86400);
    assert.deepEqual(settings.tokenEndpointPatterns, ['/issue-jwt$']);
    assert.deepEqual(settings.rules, { 'unchecked-status': 'off' });
  });

  it('keeps what the server accepted before, but drops patterns it cannot run safely', () => {
    assert.deepEqual(sanitizeSettings({ rules: { 'no-such-code': 'hint' } }).rules, { 'no-such-code': 'hint' });
    assert.deepEqual(
      sanitizeSettings({ tokenEndpointPatterns: ['(a+)+$', '/v\\d+/token$', '(?=x)', '[', 'x'.repeat(257), ''] })
        .tokenEndpointPatterns,
      ['(a+)+$', '/v\\d+/token$'],
    );
  });

  it('matches the kept patterns case-insensitively, as the JavaScript patterns did', () => {
    const matcher = compileEndpointPattern('/Issue-JWT$');
    assert.ok(matcher?.test('https://idp.example.com/v2/issue-jwt'));
    assert.ok(!matcher?.test('https://idp.example.com/v2/issue-jwt/extra'));
    assert.equal(compileEndpointPattern('(?=x)'), undefined);
  });
});
