import { maskSecret } from './mask';
import { looksRandom } from './random-text';

/**
 * Source text quoted in a message. Every message that shows text from a scanned file (parser errors, rule messages,
 * captions, related information) goes through `quoteSource`, because messages end up in terminals, CI logs, SARIF
 * uploads and editor panels: a secret pasted into a script must not come out whole, a long line must not flood the
 * output, and control characters must not reach a terminal (escape sequences, CI workflow commands).
 */

/** Longest quotation, in characters, an ellipsis included. */
export const QUOTE_MAX_LENGTH = 40;

/**
 * `text` as it may appear inside a message, without quotation marks (callers add their own):
 * - secrets and tokens are masked with `maskSecret` (first 4 characters, an ellipsis, the length): JWTs, the
 *   credential after `Bearer` or `Basic`, the value of a secret-named key (`client_secret=…`, `"password": "…"`),
 *   and any long high-entropy run (hex keys of 32+ digits, base64 or random strings of 20+ characters that mix
 *   letters and digits);
 * - line breaks, tabs and other control characters (C0, C1, DEL, line/paragraph separators, bidirectional
 *   overrides, lone surrogates) are escaped as `\n`, `\r`, `\t` or `\uXXXX`;
 * - the result has at most `maxLength` characters; a cut is marked with `…` and never splits a mask, an escape or a
 *   surrogate pair.
 * Work is proportional to the quoted part (plus the full length of a run it has to measure for a mask), not to the
 * whole text.
 */
export function quoteSource(text: string, maxLength: number = QUOTE_MAX_LENGTH): string {
  const limit = Math.max(1, Math.floor(maxLength));
  const pieces: Piece[] = [];
  let length = 0;
  /** Adds a piece; false once the quotation is longer than the limit (no need to read further). */
  const add = (piece: string, divisible: boolean): boolean => {
    pieces.push({ text: piece, divisible });
    length += piece.length;
    return length <= limit;
  };
  let i = 0;
  while (i < text.length) {
    const credential = credentialAt(text, i);
    if (credential) {
      if (!add(text.slice(i, credential.valueStart), true)) break;
      if (!add(maskSecret(text.slice(credential.valueStart, credential.valueEnd)), false)) break;
      i = credential.valueEnd;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isRunCode(c) && (i === 0 || !isRunCode(text.charCodeAt(i - 1)))) {
      const end = runEnd(text, i);
      if (!addRun(text.slice(i, end), add)) break;
      i = end;
      continue;
    }
    const escaped = escapeAt(text, i);
    if (escaped !== undefined) {
      if (!add(escaped, false)) break;
      i += 1;
      continue;
    }
    const width = isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    if (!add(text.slice(i, i + width), false)) break;
    i += width;
  }
  if (length <= limit) return pieces.map((p) => p.text).join('');
  // Too long: whole pieces while they fit before the ellipsis, then what fits of a divisible one.
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.text.length <= limit - 1) {
      out += piece.text;
      continue;
    }
    if (piece.divisible) out += cutToFit(piece.text, limit - 1 - out.length);
    break;
  }
  return `${out}…`;
}

interface Piece {
  readonly text: string;
  /** Plain text may be cut anywhere (between surrogate pairs); a mask or an escape is shown whole or not at all. */
  readonly divisible: boolean;
}

/** A run of token characters, masked where it looks like a secret (whole, or dot-separated part by part). */
function addRun(run: string, add: (piece: string, divisible: boolean) => boolean): boolean {
  const dotted = run.includes('.');
  if (looksLikeJwt(run) || run.length > LONGEST_PLAIN_RUN || (!dotted && looksLikeSecret(run))) {
    return add(maskSecret(run), false);
  }
  if (!dotted) return add(run, true);
  const parts = run.split('.');
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (p > 0 && !add('.', true)) return false;
    if (part === '') continue;
    const secret = looksLikeSecret(part);
    if (!add(secret ? maskSecret(part) : part, !secret)) return false;
  }
  return true;
}

/** Longer runs of token characters are masked whatever they look like: nothing that long is worth showing. */
const LONGEST_PLAIN_RUN = 200;

/** Base64, base64url and hex characters, and the `.` of JWTs and dotted names. */
function isRunCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 /* _ */ ||
    c === 45 /* - */ ||
    c === 43 /* + */ ||
    c === 47 /* / */ ||
    c === 61 /* = */ ||
    c === 46 /* . */ ||
    c === 126 /* ~ */
  );
}

function runEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isRunCode(text.charCodeAt(end))) end++;
  return end;
}

const JWT = /^eyJ[\w-]{6,}\.[\w-]*\.?[\w-]*/;

function looksLikeJwt(run: string): boolean {
  return run.includes('.') && JWT.test(run);
}

/**
 * A secret-looking run: a hex key of 32+ digits, or 20+ characters mixing letters and digits whose character classes
 * change often, as in random text and unlike names (see common/random-text.ts).
 */
function looksLikeSecret(run: string): boolean {
  return looksRandom(run, 20);
}

interface Credential {
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** `Bearer <credential>`, `Basic <credential>`. */
const AUTH_SCHEME = /(?:Bearer|Basic)[ \t]+(?=[A-Za-z0-9\-._~+/])/iy;
const SECRET_KEYS = [
  'client_secret',
  'client-secret',
  'password',
  'passwd',
  'api_key',
  'api-key',
  'apikey',
  'access_token',
  'refresh_token',
  'id_token',
  'secret',
];
/** A secret-named key, then `=` or `:` (quotes and blanks allowed around), then its value (not a `{substitution}`). */
const SECRET_KEY = new RegExp(`(?:${SECRET_KEYS.join('|')})["']?[ \\t]*[=:][ \\t]*["']?(?=[^\\s&"',;{}])`, 'iy');
const KEY_VALUE = /[^\s&"',;{}]+/y;
/** Lower-cased first letters of the secret-named keys, to try SECRET_KEY only where it can match. */
const SECRET_KEY_INITIALS = new Set(SECRET_KEYS.map((key) => key.charCodeAt(0)));

/** The credential starting a `Bearer`/`Basic` value or a secret-named key's value at `i`, if any. */
function credentialAt(text: string, i: number): Credential | undefined {
  const c = text.charCodeAt(i) | 32;
  if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return undefined;
  if (c === 98 /* b */) {
    AUTH_SCHEME.lastIndex = i;
    if (AUTH_SCHEME.test(text)) {
      const valueStart = AUTH_SCHEME.lastIndex;
      return { valueStart, valueEnd: runEnd(text, valueStart) };
    }
  }
  if (SECRET_KEY_INITIALS.has(c)) {
    SECRET_KEY.lastIndex = i;
    if (SECRET_KEY.test(text)) {
      const valueStart = SECRET_KEY.lastIndex;
      KEY_VALUE.lastIndex = valueStart;
      KEY_VALUE.test(text);
      return { valueStart, valueEnd: KEY_VALUE.lastIndex };
    }
  }
  return undefined;
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** The escape for the control character at `i`, or undefined for a printable one. */
function escapeAt(text: string, i: number): string | undefined {
  const c = text.charCodeAt(i);
  if (c === 10) return '\\n';
  if (c === 13) return '\\r';
  if (c === 9) return '\\t';
  const isControl =
    c < 32 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    c === 0x200e ||
    c === 0x200f ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    (isHighSurrogate(c) && !isLowSurrogate(text.charCodeAt(i + 1))) ||
    (isLowSurrogate(c) && !isHighSurrogate(text.charCodeAt(i - 1)));
  return isControl ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The first `room` characters of `piece`, without splitting a surrogate pair. */
function cutToFit(piece: string, room: number): string {
  if (room <= 0) return '';
  const end = Math.min(room, piece.length);
  return isHighSurrogate(piece.charCodeAt(end - 1)) ? piece.slice(0, end - 1) : piece.slice(0, end);
}
