/**
 * Text from scanned files (messages quote source text; file names are whatever a repository holds) must not reach
 * a terminal or a CI log raw: control characters could move the cursor or recolour the screen, a newline could
 * start a forged output line, and CI runners obey commands in their logs (GitHub Actions `::error::…` at the start
 * of a line, Azure Pipelines `##vso[…]` anywhere in it).
 */

const NAMED: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/**
 * C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional overrides and isolates (they
 * reorder what a reader sees: "Trojan Source").
 */
function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

function escapeCode(code: number): string {
  const named = NAMED[code];
  if (named) return named;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Azure Pipelines logging commands are recognised anywhere in a line; the bracket is escaped so none can start. */
const CI_COMMAND_ANYWHERE = /##(vso)?\[/gi;

/** One line of output text: every unsafe character escaped as `\n`, `\x1b`, `\u202e`…; never a line break. */
export function escapeText(text: string): string {
  let result = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isUnsafe(code)) continue;
    result += text.slice(start, i) + escapeCode(code);
    start = i + 1;
  }
  result = start === 0 ? text : result + text.slice(start);
  return result.replace(CI_COMMAND_ANYWHERE, (match) => `${match.slice(0, -1)}\\x5b`);
}

/**
 * A file name that begins an output line: escaped, and made to start with `./` when it would begin with `::` or
 * `#` (a workflow command), with `-` (an option to whatever reads the line) or with a blank.
 */
export function escapePathAtLineStart(file: string): string {
  const escaped = escapeText(file);
  return /^(?:[:#\-\s])/.test(escaped) ? `./${escaped}` : escaped;
}
