/**
 * Escapes Snippet code for the text of a `<string>` element, the way Studio writes it: `&`, `<` and `>` become
 * entities; quotes and line breaks stay literal (CRLF stays CRLF, matching how readExport keeps them).
 * Escaping `>` also keeps `]]>`, which XML forbids in element text, out of the output.
 *
 * XML 1.0 cannot hold C0 control characters other than tab, CR and LF, even as references; Snippet code never
 * contains them, so they are passed through unchanged.
 */
export function escapeXmlText(code: string): string {
  return code.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
