import { defaultApiCallNames, type ApiCallNames } from './api-call';
import { frameForNotation, type GuideBlockOptions } from './guide-block';
import { LineWriter, renderLines, resolveLayout, type Notation, type TemplateOptions } from './layout';
import { clearLine } from './token-status-check';

export interface AuthStatusHandlerNames extends Pick<ApiCallNames, 'request' | 'response' | 'status'> {
  /** The error variable (the token's, `cachedTokenError`): `AUTH_FAILURE`, `""` on 2xx, `HTTP_<status>` otherwise. */
  readonly error: string;
  /** Cached tokens cleared on 401/403, so the next expiry check fetches a new one. */
  readonly tokenVariables: readonly string[];
  /** Their expiries, cleared too ("" in Snippet, "0" in the guide's notation). */
  readonly expiryVariables: readonly string[];
}

export function defaultAuthStatusHandlerNames(notation: Notation): AuthStatusHandlerNames {
  const { request, response, status } = defaultApiCallNames(notation);
  return notation === 'snippet'
    ? {
        request,
        response,
        status,
        error: 'cachedTokenError',
        tokenVariables: ['cachedToken'],
        expiryVariables: ['tokenExpiry'],
      }
    : {
        request,
        response,
        status,
        error: 'strApiError',
        tokenVariables: ['strCachedToken'],
        expiryVariables: ['strTokenExpiry'],
      };
}

export interface AuthStatusHandlerOptions extends TemplateOptions, GuideBlockOptions {
  readonly names?: Partial<AuthStatusHandlerNames>;
  /**
   * The success path (any 2xx status), e.g. the reads of the response that follow the call; the error variable is
   * cleared after them. Default: one comment saying where they go.
   */
  readonly successLines?: readonly string[];
}

/** Writes the handler (no framing): used on its own and inside the templates that make a call. */
export function writeAuthStatusHandler(
  w: LineWriter,
  notation: Notation,
  names: AuthStatusHandlerNames,
  successLines: readonly string[],
  comments: boolean,
): void {
  const { request, response, status, error, tokenVariables, expiryVariables } = names;
  const clears = (): void => {
    for (const token of tokenVariables) w.line(clearLine(notation, token, false));
    for (const expiry of expiryVariables) w.line(clearLine(notation, expiry, true));
  };
  if (notation === 'snippet') {
    w.line(`ASSIGN ${status} = ${request}.StatusCode`);
    w.line('SELECT').line('{');
    w.indented(() => {
      // One block per CASE, as NICE documents SELECT: 401 and 403 share a condition, not stacked CASE lines.
      w.line(`CASE ${status} = 401 | ${status} = 403`).line('{');
      w.indented(() => {
        if (comments && tokenVariables.length > 0)
          w.line('// the token was rejected: clear it so the next check fetches a new one');
        clears();
        w.line(`ASSIGN ${error} = "AUTH_FAILURE"`);
      });
      w.line('}').line(`CASE ${status} >= 200 & ${status} < 300`).line('{');
      w.indented(() => {
        w.verbatim(successLines);
        w.line(`ASSIGN ${error} = ""`);
      });
      w.line('}').line('DEFAULT').line('{');
      w.indented(() => w.line(`ASSIGN ${error} = "HTTP_{${status}}"`));
      w.line('}');
    });
    w.line('}');
    return;
  }
  w.line(`if (${response}.statusCode == 401 || ${response}.statusCode == 403) {`);
  w.indented(() => {
    if (comments)
      w.line(tokenVariables.length > 0 ? '// Auth failure - clear cached token and log' : '// Auth failure');
    clears();
    w.line(`SET ${error} = "AUTH_FAILURE";`);
  });
  w.line(`} else if (${response}.statusCode >= 200 && ${response}.statusCode < 300) {`);
  w.indented(() => {
    w.verbatim(successLines);
    w.line(`SET ${error} = "";`);
  });
  w.line('} else {');
  w.indented(() => w.line(`SET ${error} = "HTTP_" + ${response}.statusCode.toString();`));
  w.line('}');
}

export function defaultSuccessLines(notation: Notation, names: Pick<ApiCallNames, 'response'>): string[] {
  return notation === 'snippet'
    ? [`// success: read ${names.response} here`]
    : [`// success: read JSON.parse(${names.response}.body) here`];
}

/**
 * After an API call: copy the status, then on 401/403 clear the cached token(s) and expiry(ies) and set the error
 * variable to `AUTH_FAILURE`; on any 2xx run the success path and clear the error; otherwise set `HTTP_<status>`.
 * Snippet: a SELECT with one block per CASE (`CASE s = 401 | s = 403`, `CASE s >= 200 & s < 300`); guide: its own
 * if / else if / else handler.
 */
export function authStatusHandler(notation: Notation, options: AuthStatusHandlerOptions = {}): string {
  const names = { ...defaultAuthStatusHandlerNames(notation), ...options.names };
  const w = new LineWriter();
  writeAuthStatusHandler(
    w,
    notation,
    names,
    options.successLines ?? defaultSuccessLines(notation, names),
    options.comments ?? true,
  );
  w.verbatim(options.trailingLines ?? []);
  return renderLines(frameForNotation(notation, w.lines, options, names.error), resolveLayout(options));
}
