import type { JWTPayload } from 'jose';
import { formatLifetime, formatRelative, formatUtc } from './time';

/**
 * What a token's time claims say at a given moment: expired, due for refresh, valid, and what looks wrong.
 * Pure; the clock is passed in. Texts are Markdown-safe (they hold only our words and numbers).
 */

export type JwtStatusKind = 'expired' | 'not-yet-valid' | 'refresh-now' | 'valid' | 'no-expiry' | 'unknown-expiry';

export interface JwtTimeAssessment {
  readonly status: JwtStatusKind;
  /**
   * e.g. "expired 2 years ago", "refresh now: expires in 4 min, inside the 300 s buffer", "valid: expires in 2 hours".
   */
  readonly statusText: string;
  /** `exp - iat` when both are numbers. */
  readonly lifetimeSeconds?: number;
  readonly warnings: readonly string[];
}

/** The NumericDate claims the hover explains, in the order it shows them. */
export const TIME_CLAIMS = ['iat', 'nbf', 'exp', 'auth_time'] as const;
export type TimeClaim = (typeof TIME_CLAIMS)[number];

const VERBS: Record<TimeClaim, { readonly past: string; readonly future: string }> = {
  iat: { past: 'issued', future: 'issued' },
  nbf: { past: 'became valid', future: 'becomes valid' },
  exp: { past: 'expired', future: 'expires' },
  auth_time: { past: 'authenticated', future: 'authenticated' },
};

/** "expired 2 years ago", "expires in 14 min", "issued 3 hours ago", "becomes valid in 3 hours". */
export function describeTimeClaim(claim: TimeClaim, unixSeconds: number, nowSeconds: number): string {
  const delta = unixSeconds - nowSeconds;
  // A token is expired from the `exp` second on (RFC 7519: now must be before exp).
  const past = claim === 'exp' ? delta <= 0 : delta < 0;
  return `${past ? VERBS[claim].past : VERBS[claim].future} ${formatRelative(delta)}`;
}

/** `bufferSeconds`: refresh when at most this many seconds are left (negative or non-finite counts as 0). */
export function assessJwtTimes(payload: JWTPayload, nowSeconds: number, bufferSeconds: number): JwtTimeAssessment {
  const buffer = Number.isFinite(bufferSeconds) && bufferSeconds > 0 ? bufferSeconds : 0;
  const warnings: string[] = [];
  for (const claim of TIME_CLAIMS) {
    if (payload[claim] !== undefined && numericDate(payload[claim]) === undefined) {
      warnings.push(`\`${claim}\` is not a NumericDate (a number of seconds since 1970).`);
    }
  }
  const exp = numericDate(payload.exp);
  const iat = numericDate(payload.iat);
  const nbf = numericDate(payload.nbf);

  if (payload.exp === undefined) {
    warnings.push('No `exp` claim: nothing tells the script when this token expires, so it cannot refresh it in time.');
  }
  const lifetimeSeconds = exp !== undefined && iat !== undefined ? exp - iat : undefined;
  if (lifetimeSeconds !== undefined && lifetimeSeconds < 0) {
    warnings.push('`exp` is before `iat`: the token was issued already expired.');
  } else if (lifetimeSeconds !== undefined && lifetimeSeconds < buffer) {
    warnings.push(
      `Lifetime ${formatLifetime(lifetimeSeconds)} is shorter than the ${buffer} s refresh buffer: ` +
        'the token is due for refresh as soon as it is issued.',
    );
  }
  const nbfInFuture = nbf !== undefined && nbf > nowSeconds;
  if (nbfInFuture) {
    warnings.push(
      `\`nbf\` is in the future: the token is not valid until ${formatUtc(nbf) ?? nbf} ` +
        `(${formatRelative(nbf - nowSeconds)}).`,
    );
  }

  const withLifetime = lifetimeSeconds === undefined ? {} : { lifetimeSeconds };
  const result = (status: JwtStatusKind, statusText: string): JwtTimeAssessment => ({
    status,
    statusText,
    ...withLifetime,
    warnings,
  });

  // Expired beats everything; a future nbf beats the rest, since the token cannot be used yet at all.
  if (exp !== undefined && exp - nowSeconds <= 0) return result('expired', describeTimeClaim('exp', exp, nowSeconds));
  if (nbfInFuture) return result('not-yet-valid', `not yet valid: ${describeTimeClaim('nbf', nbf, nowSeconds)}`);
  if (payload.exp === undefined) return result('no-expiry', 'no expiry: the token has no `exp` claim');
  if (exp === undefined) return result('unknown-expiry', 'unknown: `exp` is not a number');
  if (!Number.isFinite(nowSeconds)) return result('unknown-expiry', 'unknown: the current time is not known');
  const expires = describeTimeClaim('exp', exp, nowSeconds);
  if (exp - nowSeconds <= buffer)
    return result('refresh-now', `refresh now: ${expires}, inside the ${buffer} s buffer`);
  return result('valid', `valid: ${expires}`);
}

/** A JWT NumericDate: a finite number of seconds (fractions allowed). */
export function numericDate(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
