import type { TextEdit } from '../common/text-edit';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The one edit that turns `before` into `after`, replacing only the span that differs (eslint
 * emits fix-all on save this way, so cursor, folding and undo stay where the user left them).
 * The span never splits a surrogate pair or a CRLF. Undefined when the texts are equal.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (
    prefix > 0 &&
    (isHighSurrogate(before.charCodeAt(prefix - 1)) || (before[prefix - 1] === '\r' && before[prefix] === '\n'))
  )
    prefix--;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  const cut = before.length - suffix;
  if (suffix > 0 && (isHighSurrogate(before.charCodeAt(cut - 1)) || (before[cut - 1] === '\r' && before[cut] === '\n')))
    suffix--;
  return { range: { start: prefix, end: before.length - suffix }, newText: after.slice(prefix, after.length - suffix) };
}
