import type { ParsedDocument } from '../documents/parsed-document';
import { assignmentRoot, walk } from '../syntax/snippet/ast';
import type { Notation } from '../templates';

/** Names for generated code: taken from the code around it where possible, never clashing with what is there. */

/** `base`, or `base2`, `base3`… when the lower-cased name is taken. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`.toLowerCase())) return `${base}${n}`;
}

/** The expiry variable that goes with a token variable (see templates/token-names.ts). */
export { expiryNameFor } from '../templates';

const ERROR_NAME = /(?:error|errmsg|errormessage)$/i;

/** One assignment of the document: the name as written, and whether its value is plainly not text. */
interface Assigned {
  readonly name: string;
  /** `true`, `false` or a number: a flag or a count, never an error message. */
  readonly notText: boolean;
}

const NOT_TEXT = /^(?:true|false|-?\d+(?:\.\d+)?)$/i;

/** Assigned names of the whole document, as written, in document order. */
function assignments(document: ParsedDocument): Assigned[] {
  const found: Assigned[] = [];
  const fromProgram = (program: Parameters<typeof walk>[0]): void => {
    walk(program, (node) => {
      if (node.kind === 'Assign') {
        const root = assignmentRoot(node.target);
        const value = node.value.kind;
        if (root) found.push({ name: root.text, notText: value === 'BooleanLiteral' || value === 'NumberLiteral' });
      }
    });
  };
  const text = document.text;
  switch (document.kind) {
    case 'snippet':
      fromProgram(document.snippet.program);
      break;
    case 'export':
      for (const embedded of document.snippets) fromProgram(embedded.snippet.program);
      break;
    case 'guide':
      for (const item of document.guide.items) {
        if (item.kind === 'ScriptAssign') {
          const value = text.slice(item.valueRange.start, item.valueRange.end).trim();
          found.push({ name: item.target, notText: NOT_TEXT.test(value) });
        }
        if (item.kind === 'SnippetBlock') {
          for (const set of item.sets) {
            const value = set.value ? text.slice(set.value.start, set.value.end).trim() : '';
            found.push({ name: set.name, notText: NOT_TEXT.test(value) });
          }
        }
      }
      break;
  }
  return found;
}

/**
 * The error variable the script already sets with text (`strApiError`, `errMsg`…), or the templates' default. A
 * variable that is ever set to a boolean or a number (`dfoerror = false`) is a flag of another type and is never
 * overwritten with a message; system variables (`_ERR`, `__err`) are never chosen. Real Snippet fixes name their
 * errors after the token instead (templates/token-names.ts); this is for the guide's notation, whose flow branches on
 * one error variable (`DECISION "{strApiError}" = ""`).
 */
export function errorVariableOf(document: ParsedDocument, notation: Notation): string {
  const all = assignments(document);
  const flags = new Set(all.filter((a) => a.notText).map((a) => a.name.toLowerCase()));
  const found = all.find(
    (a) => ERROR_NAME.test(a.name) && !/^(?:global:)?_/i.test(a.name) && !flags.has(a.name.toLowerCase()),
  );
  return found?.name ?? (notation === 'snippet' ? 'apiError' : 'strApiError');
}

/** Lower-cased names assigned anywhere in the document. */
export function assignedNameSet(document: ParsedDocument): Set<string> {
  return new Set(assignments(document).map((a) => a.name.toLowerCase().replace(/^global:/, '')));
}
