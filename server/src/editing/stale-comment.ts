import type { TextEdit } from '../common/text-edit';

/** Where a `//` comment starts on a line, outside string literals (`"https://…"` is no comment); -1 when none. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote !== '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '/' && line[i + 1] === '/') {
      return i;
    }
  }
  return -1;
}

/**
 * The edit removing a trailing comment that a fix made stale: when the fix rewrites code on a line and the comment at
 * the end of that line speaks of what was replaced (`// strToken may have expired` after `strToken` became
 * `validToken`), the comment goes with it, and so do the spaces before it. `replaced` is the name that was replaced,
 * or a pattern for what the comment would speak of. Undefined when the line has no such comment.
 */
export function staleCommentEdit(code: string, offset: number, replaced: string | RegExp): TextEdit | undefined {
  if (replaced === '') return undefined;
  let start = offset;
  while (start > 0 && code[start - 1] !== '\n' && code[start - 1] !== '\r') start--;
  let end = offset;
  while (end < code.length && code[end] !== '\n' && code[end] !== '\r') end++;
  const line = code.slice(start, end);
  const at = commentStart(line);
  if (at < 0 || start + at < offset || line.slice(0, at).trim() === '') return undefined;
  const about =
    typeof replaced === 'string'
      ? new RegExp(
          `(?<![\\w$])${replaced.replace(/^global:/i, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`,
          'i',
        )
      : replaced;
  if (!about.test(line.slice(at))) return undefined;
  const spaces = /[ \t]*$/.exec(line.slice(0, at))![0].length;
  return { range: { start: start + at - spaces, end }, newText: '' };
}
