import type { ExportDocument } from '../documents/parsed-document';
import { decodeXmlContent } from '../syntax/export/xml-content';
import { type Occurrence, variableKey } from './symbol-index';

const SUBSTITUTION = /\{\s*((?:global:)?)([A-Za-z_][\w$]*)(?=\s*[}.[(])/gi;
const QUOTED = /"[^"]*"|'[^']*'/g;
const WORD = /(?<![\w$.:])[A-Za-z_][\w$]*(?![\w$])/g;

/**
 * Uses of script variables in the parameters of an export's other actions (PLAY prompts, URLs, IF expressions,
 * ASSIGN actions): a variable is the contact's, whichever action reads it.
 *
 * `{name}` substitutions (also `{global:name}`, `{name.member}`) are certain reads and can be renamed in place. A bare
 * name outside substitutions and quoted text (`accessToken` in an IF action's expression) is reported as `outside` when
 * it names a variable the Snippet code assigns: it is a use, but the parameter's meaning is the action's, so a rename
 * refuses rather than guess. Quoted text (a TTS prompt) is never read for bare names.
 */
export function actionParameterOccurrences(
  document: ExportDocument,
  assignedVariables: ReadonlySet<string>,
): Occurrence[] {
  const { text } = document;
  const occurrences: Occurrence[] = [];
  for (const action of document.export.actions) {
    if (action.type.toUpperCase() === 'SNIPPET') continue;
    for (const parameter of action.parameters) {
      if (parameter.range.end <= parameter.range.start || !/[A-Za-z_]/.test(parameter.value)) continue;
      const content = decodeXmlContent(text, parameter.range.start, parameter.range.end);
      const value = content.text;
      const at = (start: number, end: number) => ({
        start: content.toDocumentOffset(start),
        end: content.toDocumentOffset(end),
      });
      let masked = value;
      for (const match of value.matchAll(SUBSTITUTION)) {
        const nameStart = match.index + match[0].length - match[2]!.length;
        const name = match[2]!;
        occurrences.push({
          key: variableKey(name),
          kind: 'variable',
          name,
          range: at(nameStart, nameStart + name.length),
          role: 'read',
          place: 'substitution',
          unit: -1,
          actionId: action.id,
        });
      }
      masked = blank(masked, /\{[^{}]*\}/g);
      masked = blank(masked, QUOTED);
      for (const match of masked.matchAll(WORD)) {
        const name = match[0];
        const key = variableKey(name);
        if (!assignedVariables.has(key)) continue;
        occurrences.push({
          key,
          kind: 'variable',
          name,
          range: at(match.index, match.index + name.length),
          role: 'read',
          place: 'outside',
          unit: -1,
          actionId: action.id,
        });
      }
    }
  }
  return occurrences;
}

/** Replaces every match with spaces, keeping offsets. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => ' '.repeat(match.length));
}
