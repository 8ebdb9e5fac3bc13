import type { SecretLiteralEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';

const BASIC_ENCODED = { name: 'SECURE_BASIC_CREDENTIALS', what: 'base64 of "user:password", as a Basic header needs' };

/**
 * The variable each kind of literal moves to; the setting names the client secret's. Basic credentials written
 * already encoded (`"Basic dXNlcjpwYXNz"`) move to a variable that holds the encoded pair, since `Basic {password}`
 * is not a valid header; a password inside `EncodeBase64("user:…")` stays a password.
 */
export function secureNameFor(
  what: SecretLiteralEvent['what'] | 'token',
  settings: Settings,
  textBefore: string,
): { name: string; what?: string } {
  switch (what) {
    case 'basic-credentials':
      return /basic[ \t]+$/i.test(textBefore) ? BASIC_ENCODED : { name: 'SECURE_PASSWORD' };
    case 'password':
      return { name: 'SECURE_PASSWORD' };
    case 'api-key':
      return { name: 'SECURE_API_KEY' };
    case 'token':
      return { name: 'SECURE_ACCESS_TOKEN' };
    case 'client-secret':
    case 'secret':
      return { name: settings.secretVariableName };
  }
}
