import { maskSecret } from '../common/mask';

/** JWTs (the simulated tokens and any pasted one), also when cut short: `eyJ` + base64url, up to three parts. */
const JWT = /\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
/** `Bearer <token>` with any other token shape. */
const BEARER = /\b(Bearer\s+)([A-Za-z0-9\-._~+/]{8,}=*)/gi;
/** Query parameters whose names hold credentials: `?apiKey=…`, `&client_secret=…`, `&access_token=…`. */
const SECRET_QUERY = /([?&][^=&#\s]*(?:secret|password|passwd|pwd|api_?key|token|assertion)[^=&#\s]*=)([^&#\s]+)/gi;

/**
 * Masks tokens and secrets in everything the simulator prints (URLs, messages, traces), the product's one way:
 * `maskSecret` (first 4 characters, an ellipsis, the length). `secrets` are known values (secret inputs of the
 * scenario); tokens are recognised by their shape.
 */
export class OutputMasker {
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    // Longest first, so that a secret containing another is masked whole.
    this.secrets = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  }

  mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
    }
    out = out.replace(JWT, (token) => maskSecret(token));
    out = out.replace(BEARER, (_all, prefix: string, token: string) => `${prefix}${maskSecret(token)}`);
    out = out.replace(SECRET_QUERY, (_all, name: string, value: string) =>
      value.startsWith('…') ? `${name}${value}` : `${name}${maskSecret(value)}`,
    );
    return out;
  }
}
