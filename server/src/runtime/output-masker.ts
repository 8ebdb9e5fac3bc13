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

  /** Masks every secret, token and credential value of `text`, each exactly once (overlaps are merged). */
  mask(text: string): string {
    const ranges: [number, number][] = [];
    for (const secret of this.secrets) {
      for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + secret.length))
        ranges.push([i, i + secret.length]);
    }
    collect(JWT, text, 0, ranges);
    collect(BEARER, text, 1, ranges);
    collect(SECRET_QUERY, text, 1, ranges);
    if (ranges.length === 0) return text;
    ranges.sort((a, b) => a[0] - b[0]);
    let out = '';
    let at = 0;
    let [start, end] = ranges[0]!;
    for (const [s, e] of ranges.slice(1)) {
      if (s <= end) {
        end = Math.max(end, e);
        continue;
      }
      out += text.slice(at, start) + maskSecret(text.slice(start, end));
      at = end;
      [start, end] = [s, e];
    }
    return out + text.slice(at, start) + maskSecret(text.slice(start, end)) + text.slice(end);
  }
}

/**
 * Adds the ranges of `pattern`'s matches, without the first `prefixGroups` groups (a kept prefix such as
 * `Bearer `).
 */
function collect(pattern: RegExp, text: string, prefixGroups: 0 | 1, ranges: [number, number][]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const start = m.index + (prefixGroups === 1 ? m[1]!.length : 0);
    if (m.index + m[0].length > start) ranges.push([start, m.index + m[0].length]);
  }
}
