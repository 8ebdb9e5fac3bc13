import { GUIDE_CLEARED_EXPIRY, SNIPPET_EMPTY } from './assumptions';
import { LineWriter, renderLines, resolveLayout, type CodeLine, type Notation, type TemplateLayout } from './layout';

/** Names in the success check of a token request. */
export interface TokenStatusCheckNames {
  /** Snippet: the REST proxy whose `StatusCode` is tested (`tokenProxy`). Unused in the guide's notation. */
  readonly request: string;
  /** Guide: the response whose `statusCode` is tested (`tokenResp`). Unused in Snippet. */
  readonly response: string;
  /** The error variable set on failure (the token's, `cachedTokenError`; the guide's `strApiError`). */
  readonly error: string;
  /** Token variables cleared on failure. */
  readonly tokenVariables: readonly string[];
  /** Expiry variables cleared on failure ("" in Snippet, "0" in the guide's notation). */
  readonly expiryVariables: readonly string[];
}

export function defaultTokenStatusCheckNames(notation: Notation): TokenStatusCheckNames {
  return notation === 'snippet'
    ? {
        request: 'tokenProxy',
        response: 'tokenResult',
        error: 'cachedTokenError',
        tokenVariables: ['cachedToken'],
        expiryVariables: ['tokenExpiry'],
      }
    : {
        request: 'tokenReq',
        response: 'tokenResp',
        error: 'strApiError',
        tokenVariables: ['strCachedToken'],
        expiryVariables: ['strTokenExpiry'],
      };
}

export interface TokenStatusCheckSpec extends TokenStatusCheckNames {
  /** The success branch. */
  readonly success: readonly CodeLine[];
  /** Guide only: plain JavaScript lines that open the failure branch (e.g. `validToken = "";`). */
  readonly guideFailureLines?: readonly string[];
  /** Guide only: a comment at the top of the failure branch. */
  readonly guideFailureComment?: string;
}

/** Clears a variable: `ASSIGN x = ""` or `SET x = "";`. */
export function clearLine(notation: Notation, variable: string, isExpiry: boolean): string {
  if (notation === 'snippet') return `ASSIGN ${variable} = ${SNIPPET_EMPTY}`;
  return `SET ${variable} = ${isExpiry ? GUIDE_CLEARED_EXPIRY : '""'};`;
}

/** `IF tokenProxy.StatusCode = 200 { … } ELSE { clear; error }`, or the guide's `if (… == 200) { } else { }`. */
export function writeTokenStatusCheck(w: LineWriter, notation: Notation, spec: TokenStatusCheckSpec): void {
  const failure = (): void => {
    if (notation === 'guide') {
      if (spec.guideFailureComment) w.line(spec.guideFailureComment);
      w.verbatim(spec.guideFailureLines ?? []);
    }
    for (const token of spec.tokenVariables) w.line(clearLine(notation, token, false));
    for (const expiry of spec.expiryVariables) w.line(clearLine(notation, expiry, true));
    w.line(
      notation === 'snippet'
        ? `ASSIGN ${spec.error} = "TOKEN_HTTP_{${spec.request}.StatusCode}"`
        : `SET ${spec.error} = "TOKEN_HTTP_" + ${spec.response}.statusCode.toString();`,
    );
  };
  if (notation === 'snippet') {
    w.line(`IF ${spec.request}.StatusCode = 200`).line('{');
    w.indented(() => w.append(spec.success));
    w.line('}').line('ELSE').line('{');
    w.indented(failure);
    w.line('}');
  } else {
    w.line(`if (${spec.response}.statusCode == 200) {`);
    w.indented(() => w.append(spec.success));
    w.line('} else {');
    w.indented(failure);
    w.line('}');
  }
}

export interface TokenStatusCheckOptions extends Partial<TemplateLayout> {
  readonly names?: Partial<TokenStatusCheckNames>;
  /** Lines of the success branch (e.g. the reads of the token response that the fix moves in). */
  readonly successLines: readonly string[];
}

/**
 * The check that a token request succeeded, around the reads of its response: on failure it clears the token
 * and expiry variables and sets the error variable to `TOKEN_HTTP_<status>` (the "Check the token response" fix).
 */
export function tokenStatusCheck(notation: Notation, options: TokenStatusCheckOptions): string {
  const names = { ...defaultTokenStatusCheckNames(notation), ...options.names };
  const w = new LineWriter();
  writeTokenStatusCheck(w, notation, { ...names, success: new LineWriter().verbatim(options.successLines).lines });
  return renderLines(w.lines, resolveLayout(options));
}
