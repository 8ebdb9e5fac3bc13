import {
  GUIDE_NOW_EXPRESSION,
  MISSING_EXPIRES_IN_SECONDS,
  REFRESH_BUFFER_SETTING,
  SECONDS_PER_DAY,
  SNIPPET_EMPTY,
  SNIPPET_JITTER_SOURCE,
  SNIPPET_NOW,
  snippetJitterComment,
} from './assumptions';
import { LineWriter, renderLines, resolveLayout, type CodeLine, type Notation, type TemplateLayout } from './layout';
import type { BufferPlan } from './timing';

/** A refresh buffer in an expiry check: a number of seconds, or the name of a variable that holds seconds. */
export type BufferValue = number | string;

export type ComparisonOperator = '>=' | '>' | '<' | '<=';

/** Default names of "now" in an expiry check: `utc` in Snippet, the guide's `currentTime` local. */
export const DEFAULT_NOW: Readonly<Record<Notation, string>> = { snippet: SNIPPET_NOW, guide: 'currentTime' };

/** The guide's declaration of `currentTime` (unix seconds), as in its Strategy B. */
export function guideCurrentTimeDeclaration(currentTime: string, comments: boolean): string {
  return `var ${currentTime} = ${GUIDE_NOW_EXPRESSION};${comments ? ' // Unix timestamp in seconds' : ''}`;
}

/** A buffer in days for Snippet arithmetic: `300 / 86400`, `refreshBufferSeconds / 86400`. */
function bufferInDays(buffer: BufferValue): string {
  return `${buffer} / ${SECONDS_PER_DAY}`;
}

/**
 * The expiry minus the buffer, in the guide's notation: `(tokenExpiry - 300)` (unix seconds). Snippet code never
 * needs it: its checks compare the time left with the buffer (`bufferedExpiryCondition`).
 */
export function bufferedExpiry(notation: Notation, expiry: string, buffer: BufferValue): string {
  return notation === 'snippet' ? `${expiry} - (${bufferInDays(buffer)})` : `(${expiry} - ${buffer})`;
}

export interface ExpiryConditionOptions {
  /** The expiry: a variable name (or any operand). */
  readonly expiry: string;
  readonly buffer: BufferValue;
  /** "Now"; default `utc` (Snippet) or `currentTime` (guide). */
  readonly now?: string;
  /**
   * Read as "now OP expiry - buffer". Default `>=`: "the token is due for refresh". `<`: "still valid", as the guide's
   * Strategy B writes it.
   */
  readonly operator?: ComparisonOperator;
}

/** "now OP expiry - buffer" as "expiry - now OP' buffer": the same test with the time left on the left. */
const TIME_LEFT_OPERATOR: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  '>=': '<=',
  '>': '<',
  '<': '>',
  '<=': '>=',
};

/**
 * The comparison of now with the buffered expiry. Snippet keeps `utc` inside arithmetic (compared bare with a number
 * it may be read as text): the days left against the buffer in days, `tokenExpiry - utc <= refreshBufferSeconds /
 * 86400`. Guide: `currentTime < (tokenExpiry - 300)` (unix seconds). Inline text: no indent, no line ending.
 */
export function bufferedExpiryCondition(notation: Notation, options: ExpiryConditionOptions): string {
  const now = options.now ?? DEFAULT_NOW[notation];
  const operator = options.operator ?? '>=';
  if (notation === 'guide') return `${now} ${operator} ${bufferedExpiry('guide', options.expiry, options.buffer)}`;
  return `${options.expiry} - ${now} ${TIME_LEFT_OPERATOR[operator]} ${bufferInDays(options.buffer)}`;
}

/**
 * The lifetime from the token response, in the unit the notation's times use. Snippet: `tokenResult.expires_in / 86400`
 * (days); guide: `tokenData.expires_in` (seconds). Inline text.
 */
export function expiresInValue(notation: Notation, response: string): string {
  return notation === 'snippet' ? `${response}.expires_in / ${SECONDS_PER_DAY}` : `${response}.expires_in`;
}

export interface ExpiryFromExpiresInOptions extends Partial<TemplateLayout> {
  /** The expiry variable to set (`tokenExpiry`, the guide's `strTokenExpiry`). */
  readonly expiry: string;
  /** Snippet: the token request's result (`tokenResult`); guide: the parsed body (`tokenData`). */
  readonly response: string;
  /** Snippet: the variable that holds the lifetime in seconds (default `<expiry without Expiry>Lifetime`). */
  readonly lifetime?: string;
  /** "Now"; default `utc` (Snippet) or `currentTime` (guide). */
  readonly now?: string;
  /** Say why the short lifetime is there (default true). */
  readonly comments?: boolean;
}

/** `tokenExpiry` → `tokenLifetime`, `crmTokenExpiry` → `crmTokenLifetime`. */
function lifetimeNameFor(expiry: string): string {
  const name = expiry.replace(/^global:/i, '');
  return /expiry$/i.test(name) ? `${name.slice(0, -'expiry'.length)}Lifetime` : `${name}Lifetime`;
}

/**
 * The statements that record a token's expiry from its response's `expires_in`, falling back to a short lifetime
 * when the response has none (an expiry of "now" would refresh on every check). Snippet:
 * `ASSIGN tokenLifetime = 600` / `IF tokenResult.expires_in != "" { ASSIGN tokenLifetime = tokenResult.expires_in }` /
 * `ASSIGN tokenExpiry = utc + (tokenLifetime / 86400)`; guide:
 * `SET strTokenExpiry = (currentTime + (tokenData.expires_in || 600)).toString();`.
 */
export function expiryFromExpiresInLines(notation: Notation, options: ExpiryFromExpiresInOptions): CodeLine[] {
  const now = options.now ?? DEFAULT_NOW[notation];
  const w = new LineWriter();
  if (notation === 'guide') {
    const seconds = `(${expiresInValue('guide', options.response)} || ${MISSING_EXPIRES_IN_SECONDS})`;
    return w.line(`SET ${options.expiry} = (${now} + ${seconds}).toString();`).lines;
  }
  const lifetime = options.lifetime ?? lifetimeNameFor(options.expiry);
  const note = (options.comments ?? true) ? ' // when the response has no expires_in' : '';
  w.line(`ASSIGN ${lifetime} = ${MISSING_EXPIRES_IN_SECONDS}${note}`);
  w.line(`IF ${options.response}.expires_in != ${SNIPPET_EMPTY}`).line('{');
  w.indented(() => w.line(`ASSIGN ${lifetime} = ${options.response}.expires_in`));
  w.line('}');
  w.line(`ASSIGN ${options.expiry} = ${now} + (${lifetime} / ${SECONDS_PER_DAY})`);
  return w.lines;
}

/** `expiryFromExpiresInLines`, rendered as whole lines. */
export function expiryFromExpiresIn(notation: Notation, options: ExpiryFromExpiresInOptions): string {
  return renderLines(expiryFromExpiresInLines(notation, options), resolveLayout(options));
}

export interface JitteredBufferOptions extends Partial<TemplateLayout> {
  /** The buffer variable (default `refreshBufferSeconds`; the guide's local `refreshBuffer`). */
  readonly variable?: string;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  /** Explanatory comment above (default true). */
  readonly comments?: boolean;
}

/** The jittered value: `120 + (ContactID % 361)` (Snippet), `120 + Math.floor(Math.random() * 361)` (guide). */
function jitteredValue(notation: Notation, minSeconds: number, maxSeconds: number): string {
  const min = Math.min(minSeconds, maxSeconds);
  const range = Math.max(minSeconds, maxSeconds) - min + 1;
  return notation === 'snippet'
    ? `${min} + (${SNIPPET_JITTER_SOURCE} % ${range})`
    : `${min} + Math.floor(Math.random() * ${range})`;
}

export function jitteredBufferLines(notation: Notation, options: JitteredBufferOptions): CodeLine[] {
  const variable = options.variable ?? (notation === 'snippet' ? REFRESH_BUFFER_SETTING : 'refreshBuffer');
  const min = Math.min(options.minSeconds, options.maxSeconds);
  const max = Math.max(options.minSeconds, options.maxSeconds);
  const w = new LineWriter();
  if (notation === 'snippet') {
    if (options.comments ?? true) w.line(snippetJitterComment(min, max));
    // Chosen once per contact: later SNIPPET actions of the same contact keep the same buffer.
    w.line(`IF ${variable} = ${SNIPPET_EMPTY}`).line('{');
    w.indented(() => w.line(`ASSIGN ${variable} = ${jitteredValue('snippet', min, max)}`));
    w.line('}');
  } else {
    if (options.comments ?? true) w.line(`// refresh buffer of ${min}-${max} s, different for each script instance`);
    w.line(`var ${variable} = ${jitteredValue('guide', min, max)};`);
  }
  return w.lines;
}

/**
 * A buffer chosen per contact between `minSeconds` and `maxSeconds`. Snippet:
 * `IF refreshBufferSeconds = "" { ASSIGN refreshBufferSeconds = 120 + (ContactID % 361) }` (no random function is
 * documented); guide: `var refreshBuffer = 120 + Math.floor(Math.random() * 361);`. Whole lines.
 */
export function jitteredBufferAssignment(notation: Notation, options: JitteredBufferOptions): string {
  return renderLines(jitteredBufferLines(notation, options), resolveLayout(options));
}

/**
 * The refresh-buffer setting, set once per contact unless an earlier action set it (Snippet only):
 * `IF refreshBufferSeconds = "" { ASSIGN refreshBufferSeconds = 300 }`, or the jittered value.
 */
export function bufferSettingLines(plan: BufferPlan, variable: string, comments: boolean): CodeLine[] {
  if (plan.kind === 'jittered') {
    return jitteredBufferLines('snippet', {
      variable,
      minSeconds: plan.minSeconds,
      maxSeconds: plan.maxSeconds,
      comments,
    });
  }
  const w = new LineWriter();
  if (comments) w.line('// seconds before expiry at which tokens are refreshed; an earlier action may set it');
  w.line(`IF ${variable} = ${SNIPPET_EMPTY}`).line('{');
  w.indented(() => w.line(`ASSIGN ${variable} = ${plan.seconds}`));
  w.line('}');
  return w.lines;
}

export interface BufferSettingOptions extends Partial<TemplateLayout> {
  readonly plan: BufferPlan;
  /** Default `refreshBufferSeconds`. */
  readonly variable?: string;
  readonly comments?: boolean;
}

/** `bufferSettingLines`, rendered as whole lines. */
export function bufferSetting(options: BufferSettingOptions): string {
  return renderLines(
    bufferSettingLines(options.plan, options.variable ?? REFRESH_BUFFER_SETTING, options.comments ?? true),
    resolveLayout(options),
  );
}
