import type { TextRange } from '../common/text-range';

/**
 * Finds JWT-shaped text anywhere in a document: strings, comments, interpolations and XML text alike, in both
 * notations. The scan is purely textual: a JWT is made only of base64url characters and dots, so quotes, braces,
 * `<`, `>`, `&`, `;` and whitespace around it end it, and raw offsets are also right inside XML text.
 */

/**
 * Candidates longer than this are still returned (the scan stays linear), but flagged `tooLong` so callers on a hot
 * path can skip decoding them. Real access tokens are a few KB at most.
 */
export const MAX_JWT_LENGTH = 16 * 1024;

/** `{"a":1}` is the smallest useful JSON object; base64url-encoded it is 10 characters. */
const MIN_HEADER_LENGTH = 10;
/** `{}` encodes to `e30`: a payload or JWE IV/tag shorter than 2 characters is no JWT. */
const MIN_SEGMENT_LENGTH = 2;

export interface JwtCandidate {
  /** The token text, without any `Bearer ` prefix. */
  readonly token: string;
  /** Where the token is: the token only, never the `Bearer ` prefix. */
  readonly range: TextRange;
  /** True when `Bearer ` (any case, then spaces or tabs) comes right before the token. */
  readonly bearerPrefix: boolean;
  /** 3: JWS (header.payload.signature); 5: JWE (header.key.iv.ciphertext.tag). */
  readonly parts: 3 | 5;
  /** Longer than MAX_JWT_LENGTH. */
  readonly tooLong: boolean;
}

/** Every JWT-shaped candidate in `text`, in document order. One linear pass. */
export function findJwts(text: string): JwtCandidate[] {
  const found: JwtCandidate[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isRunChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isRunChar(text.charCodeAt(end))) end++;
    const candidate = candidateInRun(text, i, end);
    if (candidate) found.push(candidate);
    i = end;
  }
  return found;
}

/**
 * The candidate whose token covers `offset`, using the half-open range: the token's first character up to and
 * including its last; the offset just past the last character (the closing quote) is outside.
 */
export function findJwtAt(text: string, offset: number): JwtCandidate | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset >= text.length) return undefined;
  if (!isRunChar(text.charCodeAt(offset))) return undefined;
  let start = offset;
  while (start > 0 && isRunChar(text.charCodeAt(start - 1))) start--;
  let end = offset + 1;
  while (end < text.length && isRunChar(text.charCodeAt(end))) end++;
  const candidate = candidateInRun(text, start, end);
  if (!candidate || offset < candidate.range.start || offset >= candidate.range.end) return undefined;
  return candidate;
}

/** A run is a maximal stretch of base64url characters and dots; a JWT, if any, is most of one run. */
function candidateInRun(text: string, runStart: number, runEnd: number): JwtCandidate | undefined {
  let start = runStart;
  // A sentence or member access may put dots before the token.
  while (start < runEnd && text.charCodeAt(start) === DOT) start++;
  // In `$"…"` strings an escape such as `\n` or `\t` can sit right before the token: skip its letter.
  if (start === runStart && start > 0 && text.charCodeAt(start - 1) === BACKSLASH && !text.startsWith('eyJ', start)) {
    start++;
  }
  if (!text.startsWith('eyJ', start)) return undefined;

  let end = runEnd;
  const segments = text.slice(start, end).split('.');
  // A sentence-ending dot after the token (`… eyJ….sig.`) is not a segment separator.
  if ((segments.length === 4 || segments.length === 6) && segments[segments.length - 1] === '') {
    segments.pop();
    end--;
  }
  if (!plausibleSegments(segments)) return undefined;

  const token = text.slice(start, end);
  return {
    token,
    range: { start, end },
    bearerPrefix: start === runStart && hasBearerPrefix(text, start),
    parts: segments.length === 3 ? 3 : 5,
    tooLong: token.length > MAX_JWT_LENGTH,
  };
}

/** Rejects member chains such as `a.b.c` and dotted identifiers: lengths must fit a JWS or a JWE. */
function plausibleSegments(segments: readonly string[]): boolean {
  const header = segments[0] ?? '';
  if (header.length < MIN_HEADER_LENGTH) return false;
  if (segments.length === 3) {
    // The signature may be empty (alg none).
    return (segments[1] ?? '').length >= MIN_SEGMENT_LENGTH;
  }
  if (segments.length === 5) {
    // The encrypted key is empty for alg dir; the ciphertext is empty for an empty plaintext.
    return (segments[2] ?? '').length >= MIN_SEGMENT_LENGTH && (segments[4] ?? '').length >= MIN_SEGMENT_LENGTH;
  }
  return false;
}

/** `Bearer` as a whole word, any case, then at least one space or tab on the same line. */
function hasBearerPrefix(text: string, tokenStart: number): boolean {
  let i = tokenStart;
  while (i > 0 && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) i--;
  if (i === tokenStart || i < BEARER.length) return false;
  if (text.slice(i - BEARER.length, i).toLowerCase() !== BEARER) return false;
  const before = i - BEARER.length - 1;
  return before < 0 || !isWordChar(text.charCodeAt(before));
}

const BEARER = 'bearer';
const DOT = 0x2e;
const BACKSLASH = 0x5c;
const SPACE = 0x20;
const TAB = 0x09;

function isRunChar(code: number): boolean {
  return isWordChar(code) || code === DOT || code === 0x2d /* - */;
}

/** Letters, digits and `_`: base64url characters except `-`. */
function isWordChar(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f
  );
}
