import { SNIPPET_EMPTY } from './assumptions';
import { LineWriter, renderLines, resolveLayout, type TemplateLayout } from './layout';

export interface TokenGuardOptions extends Partial<TemplateLayout> {
  /** The token the guarded call sends. */
  readonly token: string;
  /** The variable that says why there is no token (the token request's error). */
  readonly error: string;
  /** The guarded lines (whole lines, already indented one level deeper than the guard), or a marker line. */
  readonly body: readonly string[];
  /**
   * Set the error in an ELSE block (`NO_TOKEN`) when nothing else says why there is no token (code whose failed token
   * request sets no error). Without it, the token request's own error stays as it is.
   */
  readonly setErrorWithoutToken?: boolean;
  readonly comments?: boolean;
}

/** The error a guard sets when it skips a call and the token request said nothing. */
export const NO_TOKEN_ERROR = 'NO_TOKEN';

/**
 * Snippet: a call that sends a token runs only when there is one. After a failed token request the token is empty, and
 * sending `Bearer ` with nothing after it would turn the token error into a 401 that overwrites it; the error variable
 * already says what went wrong, so the script takes its error path with the right reason.
 */
export function tokenGuard(options: TokenGuardOptions): string {
  const w = new LineWriter();
  if (options.comments ?? true) w.line(`// without a token (${options.error} says why) the call is not sent`);
  w.line(`IF ${options.token} != ${SNIPPET_EMPTY}`).line('{');
  w.indented(() => w.verbatim(options.body));
  w.line('}');
  if (options.setErrorWithoutToken) {
    w.line('ELSE').line('{');
    w.indented(() => w.line(`ASSIGN ${options.error} = "${NO_TOKEN_ERROR}"`));
    w.line('}');
  }
  return renderLines(w.lines, resolveLayout(options));
}
