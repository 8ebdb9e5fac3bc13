import { SNIPPET_EMPTY } from './assumptions';
import { LineWriter, renderLines, resolveLayout, type TemplateLayout } from './layout';

export interface TokenGuardOptions extends Partial<TemplateLayout> {
  /** The token the guarded call sends. */
  readonly token: string;
  /** The variable that says why there is no token (the token request's error). */
  readonly error: string;
  /** The guarded lines (whole lines, already indented one level deeper than the guard), or a marker line. */
  readonly body: readonly string[];
  readonly comments?: boolean;
}

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
  return renderLines(w.lines, resolveLayout(options));
}
