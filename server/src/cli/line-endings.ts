type LineEnding = '\r\n' | '\n' | '\r';

/** The one line ending a text uses, or undefined when it has none or mixes them. */
export function lineEndingOf(text: string): LineEnding | undefined {
  let found: LineEnding | undefined;
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    const ending = match[0] as LineEnding;
    if (found === undefined) found = ending;
    else if (found !== ending) return undefined;
  }
  return found;
}

/**
 * Fixed text with the original's line ending everywhere: fix templates write "\n" or "\r\n", so a file that used
 * one ending (CR only, say) would come out mixed. Texts that were mixed already are left as the fixes made them.
 */
export function keepLineEndings(original: string, fixed: string): string {
  const ending = lineEndingOf(original);
  return ending === undefined ? fixed : fixed.replace(/\r\n|\r|\n/g, ending);
}
