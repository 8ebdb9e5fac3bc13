/**
 * The product's settings, as the server reads them per resource (`studioTokenLens.*`) and the CLI
 * uses by default. package.json `contributes.configuration` must match this shape and these
 * defaults exactly (test/manifest checks it).
 */
export type RuleLevel = 'off' | 'error' | 'warning' | 'information' | 'hint';

/** Where the formatter puts a block's `{`: as written, on its own line (NICE's examples), or after the header. */
export type BraceStyle = 'keep' | 'ownLine' | 'sameLine';

const BRACE_STYLES: readonly BraceStyle[] = ['keep', 'ownLine', 'sameLine'];

export interface Settings {
  /** Safety margin before a token's expiry at which it is refreshed, in seconds. */
  bufferSeconds: number;
  /** Jittered buffer range (many contacts must not refresh at the same instant). */
  jitter: { enabled: boolean; minSeconds: number; maxSeconds: number };
  /** Extra regular expressions (JavaScript syntax, case-insensitive) for token endpoint URLs. */
  tokenEndpointPatterns: string[];
  /** Per-rule level: a severity override, or "off" to turn the rule off. */
  rules: Record<string, RuleLevel>;
  /** Name of the secure variable a moved secret is read from (without braces). */
  secretVariableName: string;
  /** Debounce for push diagnostics (clients without pull diagnostics), in milliseconds. */
  validationDelayMs: number;
  /** Formatting of Snippet code. */
  format: { braceStyle: BraceStyle };
}

export const DEFAULT_SETTINGS: Settings = {
  bufferSeconds: 300,
  jitter: { enabled: false, minSeconds: 120, maxSeconds: 480 },
  tokenEndpointPatterns: [],
  rules: {},
  secretVariableName: 'SECURE_CLIENT_SECRET',
  validationDelayMs: 200,
  format: { braceStyle: 'keep' },
};

/** The configuration section the settings live under (shared with the client, hence defined with its ids). */
export { SETTINGS_SECTION } from './protocol-ids';

const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'information', 'hint'];

function finiteNumber(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Turns whatever a client sent (partial, wrong types, null) into complete, valid settings.
 * Values of the wrong type fall back to the defaults rather than failing.
 */
export function sanitizeSettings(raw: unknown): Settings {
  const input = record(raw);
  const jitter = record(input.jitter);
  const braceStyle = record(input.format).braceStyle;
  const minSeconds = finiteNumber(jitter.minSeconds, DEFAULT_SETTINGS.jitter.minSeconds, 0, 86400);
  const maxSeconds = finiteNumber(jitter.maxSeconds, DEFAULT_SETTINGS.jitter.maxSeconds, 0, 86400);
  const rules: Record<string, RuleLevel> = {};
  for (const [code, level] of Object.entries(record(input.rules))) {
    if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) rules[code] = level as RuleLevel;
  }
  const patterns = Array.isArray(input.tokenEndpointPatterns)
    ? input.tokenEndpointPatterns.filter((p): p is string => typeof p === 'string' && p.length > 0)
    : [];
  const secretName = input.secretVariableName;
  return {
    bufferSeconds: finiteNumber(input.bufferSeconds, DEFAULT_SETTINGS.bufferSeconds, 0, 86400),
    jitter: {
      enabled: typeof jitter.enabled === 'boolean' ? jitter.enabled : DEFAULT_SETTINGS.jitter.enabled,
      minSeconds: Math.min(minSeconds, maxSeconds),
      maxSeconds: Math.max(minSeconds, maxSeconds),
    },
    tokenEndpointPatterns: patterns,
    rules,
    secretVariableName:
      typeof secretName === 'string' && /^[A-Za-z_][\w$]*$/.test(secretName)
        ? secretName
        : DEFAULT_SETTINGS.secretVariableName,
    validationDelayMs: finiteNumber(input.validationDelayMs, DEFAULT_SETTINGS.validationDelayMs, 0, 10000),
    format: {
      braceStyle: (BRACE_STYLES as readonly unknown[]).includes(braceStyle)
        ? (braceStyle as BraceStyle)
        : DEFAULT_SETTINGS.format.braceStyle,
    },
  };
}
