import {
  GUIDE_NOW_EXPRESSION,
  SECONDS_PER_DAY,
  SNIPPET_EMPTY,
  SNIPPET_JITTER_SOURCE,
  SNIPPET_NOW,
  snippetJitterComment,
} from './assumptions';
import { LineWriter, renderLines, resolveLayout, type CodeLine, type Notation, type TemplateLayout } from './layout';

/** A refresh buffer in an expiry check: a number of seconds, or the name of a variable that holds seconds. */
export type BufferValue = number | string;

export type ComparisonOperator = '>=' | '>' | '<' | '<=';

/** Default names of "now" in an expiry check: `utc` in Snippet, the guide's `currentTime` local. */
export const DEFAULT_NOW: Readonly<Record<Notation, string>> = { snippet: SNIPPET_NOW, guide: 'currentTime' };

/** The guide's declaration of `currentTime` (unix seconds), as in its Strategy B. */
export function guideCurrentTimeDeclaration(currentTime: string, comments: boolean): string {
  return `var ${currentTime} = ${GUIDE_NOW_EXPRESSION};${comments ? ' // Unix timestamp in seconds' : ''}`;
}

/**
 * The expiry minus the buffer. Snippet: `tokenExpiry - (300 / 86400)` (dates are day counts);
 * guide: `(tokenExpiry - 300)` (unix seconds).
 */
export function bufferedExpiry(notation: Notation, expiry: string, buffer: BufferValue): string {
  return notation === 'snippet' ? `${expiry} - (${buffer} / ${SECONDS_PER_DAY})` : `(${expiry} - ${buffer})`;
}

export interface ExpiryConditionOptions {
  /** The expiry: a variable name (or any operand). */
  readonly expiry: string;
  readonly buffer: BufferValue;
  /** "Now"; default `utc` (Snippet) or `currentTime` (guide). */
  readonly now?: string;
  /** Default `>=`: "the token is due for refresh". Use `<` for "still valid", as the guide's Strategy B does. */
  readonly operator?: ComparisonOperator;
}

/**
 * The comparison of now with the buffered expiry, e.g. `utc >= tokenExpiry - (300 / 86400)` or
 * `currentTime < (tokenExpiry - 300)`. Inline text: no indent, no line ending.
 */
export function bufferedExpiryCondition(notation: Notation, options: ExpiryConditionOptions): string {
  const now = options.now ?? DEFAULT_NOW[notation];
  return `${now} ${options.operator ?? '>='} ${bufferedExpiry(notation, options.expiry, options.buffer)}`;
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
  /** "Now"; default `utc` (Snippet) or `currentTime` (guide). */
  readonly now?: string;
}

export function expiryFromExpiresInLine(notation: Notation, options: ExpiryFromExpiresInOptions): string {
  const now = options.now ?? DEFAULT_NOW[notation];
  return notation === 'snippet'
    ? `ASSIGN ${options.expiry} = ${now} + (${expiresInValue('snippet', options.response)})`
    : `SET ${options.expiry} = (${now} + ${expiresInValue('guide', options.response)}).toString();`;
}

/**
 * The statement that records a token's expiry from its response's `expires_in`:
 * `ASSIGN tokenExpiry = utc + (tokenResult.expires_in / 86400)` or
 * `SET strTokenExpiry = (currentTime + tokenData.expires_in).toString();`. One line.
 */
export function expiryFromExpiresIn(notation: Notation, options: ExpiryFromExpiresInOptions): string {
  return renderLines([{ depth: 0, text: expiryFromExpiresInLine(notation, options) }], resolveLayout(options));
}

export interface JitteredBufferOptions extends Partial<TemplateLayout> {
  /** The buffer variable (default `refreshBuffer`). */
  readonly variable?: string;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  /** Explanatory comment above (default true). */
  readonly comments?: boolean;
}

export function jitteredBufferLines(notation: Notation, options: JitteredBufferOptions): CodeLine[] {
  const variable = options.variable ?? 'refreshBuffer';
  const min = Math.min(options.minSeconds, options.maxSeconds);
  const max = Math.max(options.minSeconds, options.maxSeconds);
  const range = max - min + 1;
  const w = new LineWriter();
  if (notation === 'snippet') {
    if (options.comments ?? true) w.line(snippetJitterComment(min, max));
    // Chosen once per contact: later SNIPPET actions of the same contact keep the same buffer.
    w.line(`IF ${variable} = ${SNIPPET_EMPTY}`).line('{');
    w.indented(() => w.line(`ASSIGN ${variable} = ${min} + (${SNIPPET_JITTER_SOURCE} % ${range})`));
    w.line('}');
  } else {
    if (options.comments ?? true) w.line(`// refresh buffer of ${min}-${max} s, different for each script instance`);
    w.line(`var ${variable} = ${min} + Math.floor(Math.random() * ${range});`);
  }
  return w.lines;
}

/**
 * A buffer chosen per contact between `minSeconds` and `maxSeconds`. Snippet:
 * `IF refreshBuffer = "" { ASSIGN refreshBuffer = 120 + (ContactID % 361) }` (no random function is documented);
 * guide: `var refreshBuffer = 120 + Math.floor(Math.random() * 361);`. Whole lines.
 */
export function jitteredBufferAssignment(notation: Notation, options: JitteredBufferOptions): string {
  return renderLines(jitteredBufferLines(notation, options), resolveLayout(options));
}
