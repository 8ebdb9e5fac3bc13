import { UnsecuredJWT } from 'jose';

/** A token the simulated identity provider issued; times on the provider's clock, in Unix seconds. */
export interface IssuedToken {
  readonly token: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly contact: number;
}

/**
 * The built-in identity provider: issues unsigned JWTs whose `iat`/`exp` follow the simulated clock, and tells
 * whether a bearer token is one it issued and whether it has expired. Nothing is signed or verified: the simulator
 * only needs to recognise its own tokens.
 */
export class IdentityProvider {
  private readonly issued = new Map<string, IssuedToken>();
  private serial = 0;

  issue(providerNow: number, lifetimeSeconds: number, contact: number): IssuedToken {
    // Validity is checked against the exact simulated instants; the JWT claims carry them in whole seconds.
    const issuedAt = providerNow;
    const expiresAt = providerNow + lifetimeSeconds;
    this.serial++;
    const token = new UnsecuredJWT({ scope: 'api.read', contact })
      .setIssuer('https://idp.studio-sim.invalid')
      .setSubject('studio-sim-client')
      .setJti(`sim-${this.serial}`)
      .setIssuedAt(Math.round(issuedAt))
      .setExpirationTime(Math.round(expiresAt))
      .encode();
    const record = { token, issuedAt, expiresAt, contact };
    this.issued.set(token, record);
    return record;
  }

  lookup(token: string): IssuedToken | undefined {
    return this.issued.get(token);
  }

  /** Every token issued so far (for masking output). */
  tokens(): IterableIterator<string> {
    return this.issued.keys();
  }
}

const BEARER = /\bBearer\s+(\S+)/i;

/**
 * The token an `Authorization` header value carries: after `Bearer `, or the whole value
 * (`AddHeader("Authorization", "{tok}")`).
 */
export function tokenOfAuthorization(value: string): string {
  const m = BEARER.exec(value);
  return (m ? m[1]! : value).trim();
}
