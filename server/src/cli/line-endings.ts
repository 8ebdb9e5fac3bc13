type LineEnding = '\r\n' | '\n' | '\r';

const LONE_CR = /\r(?!\n)/;
const LONE_LF = /(?<!\r)\n/;
const ANY_LINE_END = /\r\n|\r|\n/g;

/** The one line ending a text uses, or undefined when it has none or mixes them. */
export function lineEndingOf(text: string): LineEnding | undefined {
  const endings: LineEnding[] = [];
  if (text.includes('\r\n')) endings.push('\r\n');
  if (LONE_CR.test(text)) endings.push('\r');
  if (LONE_LF.test(text)) endings.push('\n');
  return endings.length === 1 ? endings[0] : undefined;
}

/**
 * Fixed text with the original's line ending everywhere: fix templates write "\n" or "\r\n", so a file that used
 * one ending (CR only, say) would come out mixed. Texts that were mixed already are left as the fixes made them.
 */
export function keepLineEndings(original: string, fixed: string): string {
  const ending = lineEndingOf(original);
  if (ending === undefined || lineEndingOf(fixed) === ending) return fixed;
  return fixed.replace(ANY_LINE_END, ending);
}
