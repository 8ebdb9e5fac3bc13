import { strict as assert } from 'node:assert';
import {
  isPlaceholderValue,
  judgeSecret,
  knownKeyPrefixOf,
  prefixedKeysInText,
  type SecretPlace,
  secretKindOfName,
  secretShapeOf,
} from '../../../server/src/analysis/vocabulary/secret-values';

/**
 * The vocabulary's judgement of literal secrets, one table per question: what a name says, what a value looks like,
 * and how sure a value at a place is. The rule fixtures show the same end to end; these pin each decision down.
 */
describe('vocabulary: secret values', () => {
  it('reads what a name says it holds, and leaves names about a secret alone', () => {
    const kinds: [string, ReturnType<typeof secretKindOfName>][] = [
      ['client_secret', 'client-secret'],
      ['crmClientSecret', 'client-secret'],
      ['global:dbPasswd', 'password'],
      ['pass', 'password'],
      ['billingPass', 'password'],
      ['x-api-key', 'api-key'],
      ['Ocp-Apim-Subscription-Key', 'api-key'],
      ['sharedKey', 'api-key'],
      ['authKey', 'api-key'],
      ['webhookSigningSecret', 'secret'],
      // About a secret, or no secret at all.
      ['passwordPrompt', undefined],
      ['passwordAttempts', undefined],
      ['apiKeyHeader', undefined],
      ['secretQuestionText', undefined],
      ['bypass', undefined],
      ['primaryKey', undefined],
      ['callerName', undefined],
    ];
    assert.deepEqual(
      kinds.map(([name]) => [name, secretKindOfName(name)]),
      kinds,
    );
  });

  it('tells placeholders and dummies from values', () => {
    for (const value of [
      '',
      '{SECURE_CLIENT_SECRET}',
      '{a}{b}',
      '<YOUR_API_KEY>',
      '${KEY}',
      '%KEY%',
      'changeme',
      '***',
    ])
      assert.ok(isPlaceholderValue(value), value);
    for (const value of ['Harbor!2031', 'q8Vn3xK1pZ7wR2tY9mB4']) assert.ok(!isPlaceholderValue(value), value);
  });

  it('sees the shape of a value: key prefixes, generated values, passwords, and what cannot be a secret', () => {
    const shapes: [string, ReturnType<typeof secretShapeOf>][] = [
      ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'known-prefix'],
      ['AKIAIOSFODNN7EXAMPLE', 'known-prefix'],
      ['q8Vn3xK1pZ7wR2tY9mB4cL6dF0hJ5sAe', 'random'],
      ['3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'random'],
      ['Harbor!2031', 'password-like'],
      ['1234', 'other'],
      ['Ocp-Apim-Subscription-Key', 'other'],
      ['ops@example-energy.com', 'other'],
      // Never a secret, wherever it stands.
      ['prompts/enter-password.wav', undefined],
      ['https://api.example-crm.com/v2', undefined],
      ['Please say your password', undefined],
      ['{SECURE_PASSWORD}', undefined],
    ];
    assert.deepEqual(
      shapes.map(([value]) => [value, secretShapeOf(value)]),
      shapes,
    );
    assert.equal(knownKeyPrefixOf('ghp_16C7e42F292c6912E7710c838347Ae178B4a'), 'a GitHub token');
  });

  it('is sure where the place holds only credentials or the value is generated; a password-like guess is low', () => {
    const cases: [string, SecretPlace, string | undefined, string | undefined][] = [
      ['Harbor!2031', 'form-field', 'password', 'high'],
      ['1234', 'json-field', 'pin', 'high'],
      ['9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'key-header', 'x-api-key', 'high'],
      ['tr0ub4dor', 'url-userinfo', undefined, 'high'],
      ['q8Vn3xK1pZ7wR2tY9mB4cL6dF0hJ5sAe', 'assigned', 'clientSecret', 'high'],
      ['Harbor!2031', 'assigned', 'password', 'low'],
      ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'text', undefined, 'high'],
      // Nothing to report.
      ['3', 'assigned', 'passwordAttempts', undefined],
      ['Harbor!2031', 'text', undefined, undefined],
      ['{SECURE_PASSWORD}', 'form-field', 'password', undefined],
    ];
    assert.deepEqual(
      cases.map(([value, place, name]) => [value, place, name, judgeSecret(value, place, name)?.confidence]),
      cases,
    );
  });

  it('finds prefixed keys inside longer text, at their offsets', () => {
    const text = '// old key: sk_test_51HcQk2eZvKYlo2C8 (rotated), see ticket';
    const [found] = prefixedKeysInText(text);
    assert.ok(found);
    assert.equal(text.slice(found.range.start, found.range.end), 'sk_test_51HcQk2eZvKYlo2C8');
    assert.deepEqual(prefixedKeysInText('no keys here: sk_live_ alone'), []);
  });
});
