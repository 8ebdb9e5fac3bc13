import type { DecodeJwtResult } from '../common/protocol-ids';
import { decodeJwtToken } from '../jwt/decode';
import { findJwts, MAX_JWT_LENGTH } from '../jwt/find';
import { type JwtReportOptions, renderJwtReport } from '../jwt/report';

/**
 * The report for the first JWT in `text` (never its `Bearer ` prefix); text without a JWT-shaped run is tried whole,
 * so the user learns why it does not decode. Errors never quote the text: it may be a secret.
 */
export function decodeJwtText(text: string, options: JwtReportOptions): DecodeJwtResult {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Nothing to decode: the text is empty.' };
  const token = findJwts(text)[0]?.token ?? trimmed.replace(/^Bearer\s+/i, '');
  // The hover's cap: real tokens are a few KB, so a longer run is pasted data, not worth decoding and rendering.
  if (token.length > MAX_JWT_LENGTH) {
    return {
      error: `Not decoded: the token is ${token.length} characters long, more than the ${MAX_JWT_LENGTH} allowed.`,
    };
  }
  const markdown = renderJwtReport(token, options);
  if (markdown !== undefined) return { markdown };
  const decoded = decodeJwtToken(token);
  return { error: `Not a decodable JWT: ${decoded.kind === 'invalid' ? decoded.reason : 'unknown format'}` };
}
