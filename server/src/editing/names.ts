import type { ParsedDocument } from '../documents/parsed-document';
import { assignmentRoot, walk } from '../syntax/snippet/ast';
import type { Notation } from '../templates';

/** Names for generated code: taken from the code around it where possible, never clashing with what is there. */

/** `base`, or `base2`, `base3`… when the lower-cased name is taken. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`.toLowerCase())) return `${base}${n}`;
}

/**
 * The expiry variable that goes with a token variable: `accessToken` → `accessTokenExpiry`,
 * `cachedToken` → `tokenExpiry`, `strCachedToken` → `strTokenExpiry` (the guide's pair), `global:t` → `global:tExpiry`.
 */
export function expiryNameFor(token: string): string {
  const prefix = /^global:/i.exec(token)?.[0] ?? '';
  const name = token.slice(prefix.length);
  let stem = name.replace(/cached/i, '');
  if (stem === '') stem = name;
  else if (/^[a-z]/.test(name) && stem !== name) stem = stem[0]!.toLowerCase() + stem.slice(1);
  return `${prefix}${stem}Expiry`;
}

const ERROR_NAME = /(?:error|errmsg|errormessage)$/i;

/** Assigned names of the whole document, as written, in document order. */
function assignedNames(document: ParsedDocument): string[] {
  const names: string[] = [];
  const fromProgram = (program: Parameters<typeof walk>[0]): void => {
    walk(program, (node) => {
      if (node.kind === 'Assign') {
        const root = assignmentRoot(node.target);
        if (root) names.push(root.text);
      }
    });
  };
  switch (document.kind) {
    case 'snippet':
      fromProgram(document.snippet.program);
      break;
    case 'export':
      for (const embedded of document.snippets) fromProgram(embedded.snippet.program);
      break;
    case 'guide':
      for (const item of document.guide.items) {
        if (item.kind === 'ScriptAssign') names.push(item.target);
        if (item.kind === 'SnippetBlock') for (const set of item.sets) names.push(set.name);
      }
      break;
  }
  return names;
}

/**
 * The error variable the script already sets (`apiError`, `strApiError`, `shipError`, `errMsg`…), or the templates'
 * default. System variables (`_ERR`, `__err`) are never chosen.
 */
export function errorVariableOf(document: ParsedDocument, notation: Notation): string {
  const found = assignedNames(document).find((name) => ERROR_NAME.test(name) && !/^(?:global:)?_/i.test(name));
  return found ?? (notation === 'snippet' ? 'apiError' : 'strApiError');
}

/** Lower-cased names assigned anywhere in the document. */
export function assignedNameSet(document: ParsedDocument): Set<string> {
  return new Set(assignedNames(document).map((name) => name.toLowerCase().replace(/^global:/, '')));
}
