import { endpointPatternProblem } from './token-endpoint-pattern';

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
  /** Larger documents are not analysed (one information diagnostic says so), in KiB of text. */
  maxDocumentSizeKB: number;
  /** Formatting of Snippet code. */
  format: { braceStyle: BraceStyle };
  /**
   * How long the script's tokens live, in seconds: a token that may be older than this where it is sent (the
   * worst-case age over the export's flow) is reported as an error.
   */
  tokenLifetimeSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = {
  bufferSeconds: 300,
  jitter: { enabled: false, minSeconds: 120, maxSeconds: 480 },
  tokenEndpointPatterns: [],
  rules: {},
  secretVariableName: 'SECURE_CLIENT_SECRET',
  validationDelayMs: 200,
  maxDocumentSizeKB: 5120,
  format: { braceStyle: 'keep' },
  tokenLifetimeSeconds: 3600,
};

/** The configuration section the settings live under (shared with the client, hence defined with its ids). */
export { SETTINGS_SECTION } from './protocol-ids';

const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'information', 'hint'];
const TRACE_LEVELS: readonly string[] = ['off', 'messages', 'verbose'];
const SECRET_VARIABLE_NAME = /^[A-Za-z_][\w$]*$/;

/** One thing wrong in a settings object: the key (dotted, under `studioTokenLens.`) and what is wrong with it. */
export interface SettingsProblem {
  readonly key: string;
  readonly problem: string;
}

export interface ValidatedSettings {
  /** What the server uses: the same as `sanitizeSettings` gives. */
  readonly settings: Settings;
  /** Every unknown key and invalid value, in key order; empty when the input is exactly valid. */
  readonly problems: readonly SettingsProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Reads and checks settings: `problems` is what a strict reader reports, `settings` what a lenient one uses. */
class SettingsReader {
  readonly problems: SettingsProblem[] = [];

  constructor(private readonly knownCodes: readonly string[] | undefined) {}

  report(key: string, problem: string): void {
    this.problems.push({ key, problem });
  }

  /** An integer in [min, max]; a number out of range is clamped, anything else falls back. */
  integer(key: string, value: unknown, fallback: number, min: number, max: number): number {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.report(key, `must be a whole number from ${min} to ${max}, not ${describe(value)}`);
      return fallback;
    }
    if (!Number.isInteger(value) || value < min || value > max)
      this.report(key, `must be a whole number from ${min} to ${max}, not ${value}`);
    return Math.min(max, Math.max(min, value));
  }

  boolean(key: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.report(key, `must be true or false, not ${describe(value)}`);
    return fallback;
  }

  /** An object of known keys; unknown ones are reported. */
  section(key: string, value: unknown, known: readonly string[]): Record<string, unknown> {
    if (value === undefined) return {};
    if (!isRecord(value)) {
      this.report(key, `must be an object, not ${describe(value)}`);
      return {};
    }
    for (const name of Object.keys(value)) {
      if (!known.includes(name)) this.report(key ? `${key}.${name}` : name, 'is not a setting of Studio Token Lens');
    }
    return value;
  }

  rules(value: unknown): Record<string, RuleLevel> {
    const rules: Record<string, RuleLevel> = {};
    if (value === undefined) return rules;
    if (!isRecord(value)) {
      this.report('rules', `must be an object of diagnostic code to level, not ${describe(value)}`);
      return rules;
    }
    for (const [code, level] of Object.entries(value)) {
      if (this.knownCodes && !this.knownCodes.includes(code))
        this.report('rules', `${JSON.stringify(code)} is not a diagnostic code (known: ${this.knownCodes.join(', ')})`);
      if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) rules[code] = level as RuleLevel;
      else
        this.report(
          'rules',
          `level of ${JSON.stringify(code)} must be one of ${LEVELS.join(', ')}, not ${describe(level)}`,
        );
    }
    return rules;
  }

  patterns(value: unknown): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.report('tokenEndpointPatterns', `must be an array of regular expressions, not ${describe(value)}`);
      return [];
    }
    const patterns: string[] = [];
    value.forEach((pattern: unknown, i) => {
      const key = `tokenEndpointPatterns[${i}]`;
      if (typeof pattern !== 'string') {
        this.report(key, `must be a string, not ${describe(pattern)}`);
        return;
      }
      const problem = endpointPatternProblem(pattern);
      if (problem === undefined) patterns.push(pattern);
      else this.report(key, `${describe(pattern)} ${problem}; it is ignored`);
    });
    return patterns;
  }

  secretVariableName(value: unknown): string {
    if (value === undefined) return DEFAULT_SETTINGS.secretVariableName;
    if (typeof value === 'string' && SECRET_VARIABLE_NAME.test(value)) return value;
    this.report('secretVariableName', `must be a variable name (letters, digits, _ and $), not ${describe(value)}`);
    return DEFAULT_SETTINGS.secretVariableName;
  }

  /** One of a list of strings; anything else falls back. */
  choice<T extends string>(key: string, value: unknown, choices: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.report(key, `must be one of ${choices.join(', ')}, not ${describe(value)}`);
    return fallback;
  }

  trace(value: unknown): void {
    // The client's setting: checked here so a strict reader can report it, never used by the analysis.
    const trace = this.section('trace', value, ['server']);
    if (trace.server !== undefined && !(typeof trace.server === 'string' && TRACE_LEVELS.includes(trace.server)))
      this.report('trace.server', `must be one of ${TRACE_LEVELS.join(', ')}, not ${describe(trace.server)}`);
  }
}

const TOP_LEVEL_KEYS = [
  'bufferSeconds',
  'jitter',
  'tokenEndpointPatterns',
  'rules',
  'secretVariableName',
  'validationDelayMs',
  'maxDocumentSizeKB',
  'format',
  'tokenLifetimeSeconds',
  'trace',
];

/**
 * Checks the `studioTokenLens` section strictly and sanitises it as `sanitizeSettings` does. `knownCodes`, when
 * given, are the diagnostic codes `rules` may name (the caller knows the catalog; this module sits below it).
 */
export function validateSettings(raw: unknown, knownCodes?: readonly string[]): ValidatedSettings {
  const reader = new SettingsReader(knownCodes);
  const input = raw === undefined || raw === null ? {} : reader.section('', raw, TOP_LEVEL_KEYS);
  const jitter = reader.section('jitter', input.jitter, ['enabled', 'minSeconds', 'maxSeconds']);
  const minSeconds = reader.integer(
    'jitter.minSeconds',
    jitter.minSeconds,
    DEFAULT_SETTINGS.jitter.minSeconds,
    0,
    86400,
  );
  const maxSeconds = reader.integer(
    'jitter.maxSeconds',
    jitter.maxSeconds,
    DEFAULT_SETTINGS.jitter.maxSeconds,
    0,
    86400,
  );
  if (minSeconds > maxSeconds)
    reader.report('jitter.minSeconds', `${minSeconds} is larger than jitter.maxSeconds (${maxSeconds})`);
  reader.trace(input.trace);
  const format = reader.section('format', input.format, ['braceStyle']);
  const settings: Settings = {
    bufferSeconds: reader.integer('bufferSeconds', input.bufferSeconds, DEFAULT_SETTINGS.bufferSeconds, 0, 86400),
    jitter: {
      enabled: reader.boolean('jitter.enabled', jitter.enabled, DEFAULT_SETTINGS.jitter.enabled),
      minSeconds: Math.min(minSeconds, maxSeconds),
      maxSeconds: Math.max(minSeconds, maxSeconds),
    },
    tokenEndpointPatterns: reader.patterns(input.tokenEndpointPatterns),
    rules: reader.rules(input.rules),
    secretVariableName: reader.secretVariableName(input.secretVariableName),
    validationDelayMs: reader.integer(
      'validationDelayMs',
      input.validationDelayMs,
      DEFAULT_SETTINGS.validationDelayMs,
      0,
      10000,
    ),
    maxDocumentSizeKB: reader.integer(
      'maxDocumentSizeKB',
      input.maxDocumentSizeKB,
      DEFAULT_SETTINGS.maxDocumentSizeKB,
      1,
      1048576,
    ),
    format: {
      braceStyle: reader.choice(
        'format.braceStyle',
        format.braceStyle,
        BRACE_STYLES,
        DEFAULT_SETTINGS.format.braceStyle,
      ),
    },
    tokenLifetimeSeconds: reader.integer(
      'tokenLifetimeSeconds',
      input.tokenLifetimeSeconds,
      DEFAULT_SETTINGS.tokenLifetimeSeconds,
      60,
      604800,
    ),
  };
  return { settings, problems: reader.problems };
}

/**
 * Turns whatever a client sent (partial, wrong types, null) into complete, valid settings.
 * Values of the wrong type fall back to the defaults rather than failing; numbers out of range are clamped; token
 * endpoint patterns that are invalid or cannot be matched in linear time are dropped (`validateSettings` says which).
 */
export function sanitizeSettings(raw: unknown): Settings {
  return validateSettings(raw).settings;
}
