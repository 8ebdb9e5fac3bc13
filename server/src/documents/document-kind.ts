/** The three kinds of document the product reads. */
export type DocumentKind = 'cxone-snippet' | 'cxone-studio' | 'studio-xml';

export const SNIPPET_LANGUAGE_ID = 'cxone-snippet';
export const STUDIO_LANGUAGE_ID = 'cxone-studio';

/** Cheap check on the first element's name; the XML reader makes the final decision. */
export function looksLikeStudioExport(text: string): boolean {
  const head = text.slice(0, 4096);
  const root = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w.:-]*)/.exec(head);
  return root ? root[1] === 'ScriptContainer' : head.includes('<ScriptContainer');
}

/**
 * Decides what a document is from its language id, its name and, for XML, its root element.
 * Undefined means "not ours": the document is ignored silently.
 */
export function documentKindOf(name: string, languageId: string | undefined, text: string): DocumentKind | undefined {
  if (languageId === SNIPPET_LANGUAGE_ID) return 'cxone-snippet';
  if (languageId === STUDIO_LANGUAGE_ID) return 'cxone-studio';
  const lower = name.toLowerCase();
  if (lower.endsWith('.snippet')) return 'cxone-snippet';
  if (lower.endsWith('.studio')) return 'cxone-studio';
  if ((lower.endsWith('.xml') || languageId === 'xml') && looksLikeStudioExport(text)) return 'studio-xml';
  return undefined;
}
