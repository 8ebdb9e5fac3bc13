import type { AuthoringDocument } from './authoring-document';
import type { Occurrence } from './symbol-index';

/** The 1-based line of a document offset (lines end at \r\n, \n or a lone \r, as editors count them). */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** Where an occurrence is, for messages: `line 7, in action 3 "Get OAuth token"` (exports) or `line 7`. */
export function describePlace(model: AuthoringDocument, occurrence: Occurrence): string {
  const line = `line ${lineOf(model.text, occurrence.range.start)}`;
  if (occurrence.actionId === undefined || model.document.kind !== 'export') return line;
  const action = model.document.export.graph.action(occurrence.actionId);
  if (!action) return line;
  const caption = action.caption.trim();
  return `${line}, in ${action.type} action ${action.id}${caption ? ` "${caption}"` : ''}`;
}
