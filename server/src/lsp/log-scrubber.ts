import { maskSecret } from '../common/mask';

/**
 * Every log line the server writes passes through here, because log lines end up in output
 * channels, bug reports and CI logs. Three kinds of value are masked with `maskSecret`:
 * - a bearer credential: `Bearer <value>`;
 * - the value of a secret-named key: `client_secret=<value>`, `"password": "<value>"`, … (a
 *   `{SECURE_CLIENT_SECRET}` substitution is a variable name, not a secret, and stays readable);
 * - a JWT or JWE anywhere (three or five base64url parts, the first one a JSON header: `eyJ…`).
 * One regular expression with alternatives, applied once, so a masked value is never masked again.
 */
const SECRET_KEYS = ['client_secret', 'password', 'api_key', 'apikey', 'access_token', 'refresh_token', 'id_token'];

const BEARER = String.raw`\b(Bearer\s+)([A-Za-z0-9\-._~+/]+=*)`;
const KEYED = String.raw`\b((?:${SECRET_KEYS.join('|')})["']?\s*[=:]\s*["']?)(?!\{)([^\s&"',;{}]+)`;
const B64 = '[A-Za-z0-9_-]';
// JWE first (header.key.iv.ciphertext.tag, the key empty for alg dir), then JWS (header.payload.signature, the
// signature empty for alg none).
const JWT = String.raw`\b(ey${B64}{6,}\.(?:${B64}*\.${B64}+\.${B64}*\.${B64}+|${B64}+\.${B64}*))`;

const SECRETS = new RegExp(`${BEARER}|${KEYED}|${JWT}`, 'gi');

export function scrubSecrets(line: string): string {
  return line.replace(
    SECRETS,
    (_match, bearer?: string, credential?: string, key?: string, value?: string, jwt?: string) => {
      if (bearer !== undefined && credential !== undefined) return bearer + maskSecret(credential);
      if (key !== undefined && value !== undefined) return key + maskSecret(value);
      return maskSecret(jwt ?? '');
    },
  );
}
