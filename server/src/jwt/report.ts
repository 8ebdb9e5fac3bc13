import type { JWTPayload, ProtectedHeaderParameters } from 'jose';
import { maskSecret } from '../common/mask';
import { decodeJwtToken, type DecodedJwe, type DecodedJws } from './decode';
import { escapeMarkdown, jsonCodeBlock, safeJson, showInvisibles, truncateText } from './markdown';
import { assessJwtTimes, describeTimeClaim, numericDate, TIME_CLAIMS, type TimeClaim } from './status';
import { formatLifetime, formatUtc } from './time';

/**
 * The Markdown hover for a JWT written in a script: what it is, that it is a leaked credential, its header and
 * claims, its times relative to an injected clock, and whether it is expired or due for refresh. Decoded locally;
 * the signature is never shown, the token only masked. Never throws.
 */

export interface JwtReportOptions {
  /** The clock, injected so the report is exact in tests. */
  readonly now: Date;
  /** The refresh buffer: a token with at most this many seconds left should be refreshed now. */
  readonly bufferSeconds: number;
}

/** Caps that keep the hover small whatever the token holds. */
export const JWT_REPORT_LIMITS = {
  /** Characters of the pretty-printed claims JSON shown. */
  claimsJsonChars: 4096,
  /** Characters of the pretty-printed header JSON shown. */
  headerJsonChars: 1024,
  /** Rows of the claims table. */
  tableRows: 40,
  /** Characters of one header field or table value. */
  valueChars: 160,
} as const;

export const SIGNATURE_NOT_VERIFIED = 'Signature not verified (decoded locally; nothing leaves your machine).';
export const PAYLOAD_NOT_DECRYPTED = 'Payload not decrypted (header decoded locally; nothing leaves your machine).';

/**
 * Markdown for a hover over `token` (the token only, without `Bearer `), or undefined when the text does not decode
 * as a JWT: dotted text that only looks like one gets no hover rather than an error.
 */
export function renderJwtReport(token: string, options: JwtReportOptions): string | undefined {
  const decoded = decodeJwtToken(token);
  if (decoded.kind === 'invalid') return undefined;
  return decoded.kind === 'jwe' ? renderJwe(token, decoded) : renderJws(token, decoded, options);
}

function renderJws(token: string, decoded: DecodedJws, options: JwtReportOptions): string {
  const nowSeconds = options.now.getTime() / 1000;
  const times = assessJwtTimes(decoded.payload, nowSeconds, options.bufferSeconds);
  const warnings = [...times.warnings];
  if (typeof decoded.header.alg === 'string' && decoded.header.alg.toLowerCase() === 'none') {
    warnings.unshift('`alg: none`: the token is unsigned, so anyone can forge or alter it.');
  }
  const signature = decoded.signatureLength > 0 ? `${decoded.signatureLength} bytes` : 'none';

  const blocks = [
    '### JSON Web Token (JWS)',
    credentialLine(token),
    `**Status:** ${times.statusText}`,
    `**Header:** ${headerSummary(decoded.header, ['alg', 'typ', 'kid'])} · signature: ${signature}`,
  ];
  if (times.lifetimeSeconds !== undefined) blocks.push(`**Lifetime:** ${formatLifetime(times.lifetimeSeconds)}`);
  if (warnings.length > 0) blocks.push('**Warnings**', warnings.map((warning) => `- ${warning}`).join('\n'));
  blocks.push(claimsTable(decoded.payload, nowSeconds));
  blocks.push(...jsonSection('Header', decoded.header, JWT_REPORT_LIMITS.headerJsonChars));
  blocks.push(...jsonSection('Claims', decoded.payload, JWT_REPORT_LIMITS.claimsJsonChars));
  blocks.push(SIGNATURE_NOT_VERIFIED);
  return blocks.join('\n\n');
}

function renderJwe(token: string, decoded: DecodedJwe): string {
  return [
    '### JSON Web Token (JWE, encrypted)',
    credentialLine(token),
    `**Header:** ${headerSummary(decoded.header, ['alg', 'enc', 'typ', 'kid'])}`,
    'The payload is encrypted: its claims and expiry cannot be read without the key.',
    ...jsonSection('Header', decoded.header, JWT_REPORT_LIMITS.headerJsonChars),
    PAYLOAD_NOT_DECRYPTED,
  ].join('\n\n');
}

function credentialLine(token: string): string {
  return `**Credential pasted into the script:** \`${maskSecret(token)}\`. See rule \`hardcoded-token\`.`;
}

/** "alg: HS256 · typ: JWT · kid: k1", with "—" for a missing field. */
function headerSummary(header: ProtectedHeaderParameters, fields: readonly string[]): string {
  return fields
    .map((field) => {
      const value: unknown = header[field];
      return (
        `${field}: ` +
        `${value === undefined ? '—' : escapeMarkdown(truncateText(plainValue(value), JWT_REPORT_LIMITS.valueChars))}`
      );
    })
    .join(' · ');
}

/** Claim | value, time claims first with their dates and relative times. */
function claimsTable(payload: JWTPayload, nowSeconds: number): string {
  const names = Object.keys(payload);
  const ordered = [
    ...TIME_CLAIMS.filter((claim) => names.includes(claim)),
    ...names.filter((name) => !isTimeClaim(name)),
  ];
  if (ordered.length === 0) return '_No claims._';

  const rows = ordered.slice(0, JWT_REPORT_LIMITS.tableRows).map((name) => {
    const value: unknown = payload[name];
    const date = isTimeClaim(name) ? numericDate(value) : undefined;
    const shown =
      date !== undefined && isTimeClaim(name)
        ? timeValue(name, date, nowSeconds)
        : escapeMarkdown(truncateText(plainValue(value), JWT_REPORT_LIMITS.valueChars));
    return `| ${escapeMarkdown(truncateText(name, JWT_REPORT_LIMITS.valueChars))} | ${shown} |`;
  });
  const table = ['| Claim | Value |', '| --- | --- |', ...rows].join('\n');
  const hidden = ordered.length - rows.length;
  return hidden > 0 ? `${table}\n\n_…and ${hidden} more claims._` : table;
}

/** "1700000000 (2023-11-14T22:13:20Z, expired 2 years ago)". */
function timeValue(claim: TimeClaim, unixSeconds: number, nowSeconds: number): string {
  const utc = formatUtc(unixSeconds);
  if (utc === undefined) return `${unixSeconds} (outside the date range)`;
  return `${unixSeconds} (${utc}, ${describeTimeClaim(claim, unixSeconds, nowSeconds)})`;
}

/** Strings as themselves (invisible characters escaped); everything else as JSON. */
function plainValue(value: unknown): string {
  if (typeof value === 'string') return showInvisibles(value);
  return safeJson(value) ?? '(too deeply nested to show)';
}

function jsonSection(title: string, value: unknown, maxChars: number): string[] {
  const block = jsonCodeBlock(value, maxChars);
  const section = [`**${title} JSON**`, block.markdown];
  if (block.truncatedFrom !== undefined) {
    section.push(`_${title} JSON truncated: showing the first ${maxChars} of ${block.truncatedFrom} characters._`);
  }
  return section;
}

function isTimeClaim(name: string): name is TimeClaim {
  return (TIME_CLAIMS as readonly string[]).includes(name);
}
