/**
 * Markdown pieces for showing text a token's author chose. A hover must not render their links, images or HTML
 * (an image would be fetched, and the report promises nothing leaves the machine), nor break our table or fences.
 */

/**
 * Backslash-escapes inline Markdown: code, emphasis, links/images, HTML/autolinks, table pipes, strikethrough,
 * entities.
 */
export function escapeMarkdown(text: string): string {
  return showInvisibles(text).replace(/[\\`*_[\]<>|~&!#]/g, '\\$&');
}

/** Control, line-separator and bidi-override characters as `\uXXXX`, so text cannot hide or reorder itself. */
export function showInvisibles(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this escapes
  return text.replace(/[\u0000-\u001f]/g, unicodeEscape).replace(INVISIBLE_BEYOND_ASCII, unicodeEscape);
}

/** What JSON.stringify leaves raw inside strings, yet hides or reorders text. */
const INVISIBLE_BEYOND_ASCII = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** At most `max` characters, never splitting a surrogate pair; a cut ends with "…". */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * JSON.stringify that reports failure (cycles cannot occur in parsed JSON, but very deep nesting can overflow the
 * stack).
 */
export function safeJson(value: unknown, indent?: number): string | undefined {
  try {
    return JSON.stringify(value, null, indent);
  } catch {
    return undefined;
  }
}

export interface JsonBlock {
  /** A fenced ```json block. */
  readonly markdown: string;
  /** Length of the full JSON text when the block shows only its start. */
  readonly truncatedFrom?: number;
}

/**
 * Pretty JSON in a fence, cut at `maxChars`. Backticks become `\u0060` (still valid JSON, and no fence can close
 * early); invisible characters are shown as escapes too.
 */
export function jsonCodeBlock(value: unknown, maxChars: number): JsonBlock {
  const json = safeJson(value, 2);
  if (json === undefined) return { markdown: '_(too deeply nested to show)_' };
  // JSON.stringify already escapes control characters inside strings; the raw newlines left are its layout.
  const safe = json.replace(INVISIBLE_BEYOND_ASCII, unicodeEscape).replace(/`/g, '\\u0060');
  const shown = truncateText(safe, maxChars);
  const markdown = `\`\`\`json\n${shown}\n\`\`\``;
  return shown === safe ? { markdown } : { markdown, truncatedFrom: safe.length };
}
