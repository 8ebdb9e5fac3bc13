import { GUIDE_LANGUAGE_ID, SNIPPET_LANGUAGE_ID } from '../common/protocol-ids';

/** The three kinds of document the product reads. */
export type DocumentKind = 'snippet' | 'guide' | 'export';

/** Cheap check on the first element's name; the XML reader makes the final decision. */
function looksLikeStudioExport(text: string): boolean {
  const head = text.slice(0, 4096);
  const root =
    /^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w.:-]*)/.exec(head);
  return root ? root[1] === 'ScriptContainer' : head.includes('<ScriptContainer');
}

/**
 * Decides what a document is from its language id, its name and, for XML, its root element.
 * Undefined means "not ours": the document is ignored silently.
 */
export function documentKindOf(name: string, languageId: string | undefined, text: string): DocumentKind | undefined {
  if (languageId === SNIPPET_LANGUAGE_ID) return 'snippet';
  if (languageId === GUIDE_LANGUAGE_ID) return 'guide';
  const lower = name.toLowerCase();
  if (lower.endsWith('.snippet')) return 'snippet';
  if (lower.endsWith('.studio')) return 'guide';
  if ((lower.endsWith('.xml') || languageId === 'xml') && looksLikeStudioExport(text)) return 'export';
  return undefined;
}
