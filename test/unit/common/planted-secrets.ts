import { maskSecret } from '../../../server/src/common/mask';

/**
 * Secrets planted in scripts by the tests that check no message shows them whole. `value` is what a script holds,
 * `credential` the part that must never appear whole in any output, `masked` how quoteSource shows `value`.
 */
export interface PlantedSecret {
  readonly value: string;
  readonly credential: string;
  readonly masked: string;
}

function planted(value: string, credential = value): PlantedSecret {
  return { value, credential, masked: value.replace(credential, maskSecret(credential)) };
}

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC00MiIsImV4cCI6MTcwMDAwMzYwMCwic2NvcGUiOiJSZXN0QXBpIn0.' +
  'kX9f2Qd3vJ8mR1tYbN6cW4aZ0pL7sE5uH2gK9iO3xVw';

export const PLANTED_SECRETS = {
  /** A signed access token (HS256), as pasted from a token endpoint's answer. */
  JWT: planted(JWT),
  /** RFC 6749's example access token after the Bearer scheme. */
  'a Bearer token': planted('Bearer 2YotnFZFEjr1zCsicMWpAA', '2YotnFZFEjr1zCsicMWpAA'),
  /** A 256-bit API key in hex. */
  'a 64-character hex key': planted('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'),
  /** A client secret in base64 with padding. */
  'a long base64 secret': planted('Q2xpZW50U2VjcmV0Kzk4NzY1NDMyMTAvYWJjZGVmZ2hpams9PQ=='),
} as const satisfies Record<string, PlantedSecret>;
