import { base64url, decodeJwt, decodeProtectedHeader, errors } from 'jose';
import type { JWTPayload, ProtectedHeaderParameters } from 'jose';

/**
 * Decodes a compact JWT locally with jose: no key, no signature check, no network. Never throws.
 */

/** A signed (or `alg: none`) JWT: header and claims are readable. */
export interface DecodedJws {
  readonly kind: 'jws';
  readonly header: ProtectedHeaderParameters;
  readonly payload: JWTPayload;
  /** Bytes of the signature (0 for `alg: none`). The signature itself is never kept. */
  readonly signatureLength: number;
}

/** An encrypted JWT: only the protected header is readable without the key. */
export interface DecodedJwe {
  readonly kind: 'jwe';
  readonly header: ProtectedHeaderParameters;
}

export type DecodedJwt = DecodedJws | DecodedJwe;

/** Text shaped like a JWT that does not decode. `reason` is a short lower-case phrase. */
export interface JwtDecodeFailure {
  readonly kind: 'invalid';
  readonly reason: string;
}

export function decodeJwtToken(token: string): DecodedJwt | JwtDecodeFailure {
  const segments = token.split('.');
  if (segments.length !== 3 && segments.length !== 5) {
    return invalid(`expected 3 (JWS) or 5 (JWE) dot-separated parts, found ${segments.length}`);
  }

  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return invalid('the header is not a base64url-encoded JSON object');
  }
  if (segments.length === 5) return { kind: 'jwe', header };

  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch (error) {
    return invalid(`the payload does not decode (${messageOf(error)})`);
  }

  let signatureLength: number;
  try {
    signatureLength = base64url.decode(segments[2] ?? '').length;
  } catch {
    return invalid('the signature is not base64url');
  }
  return { kind: 'jws', header, payload, signatureLength };
}

function invalid(reason: string): JwtDecodeFailure {
  return { kind: 'invalid', reason };
}

/** jose's own messages are clear ("Failed to parse the decoded payload as JSON"); keep them. */
function messageOf(error: unknown): string {
  return error instanceof errors.JOSEError ? error.message : 'unexpected error';
}
