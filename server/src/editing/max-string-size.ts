import type { TextEdit } from '../common/text-edit';
import type { ParsedDocument } from '../documents/parsed-document';
import { TOKEN_ACTION_MAX_STRING_SIZE } from '../templates';
import type { SnippetCode } from './code-region';

const LIMIT = /^\s*Limit(\d+)K\s*$/i;
const TOKEN_LIMIT_KB = Number(LIMIT.exec(TOKEN_ACTION_MAX_STRING_SIZE)![1]);

/**
 * In an export, the edit that raises the MaxStringSize of the SNIPPET action holding `snippet` (its second
 * `<string>`, `Limit2K` … `Limit32K`) to 32K, for a fix that makes the action fetch tokens: a token response or a JWT
 * often exceeds 2 KB and would be cut. Nothing for other documents, or when the action already allows 32 KB.
 */
export function raiseMaxStringSize(document: ParsedDocument, snippet: SnippetCode): TextEdit[] {
  if (document.kind !== 'export' || !snippet.embedded) return [];
  const id = snippet.embedded.code.actionId;
  const action = document.export.actions.find((a) => a.id === id && a.type.toUpperCase() === 'SNIPPET');
  const parameter = action?.parameters[1];
  if (!parameter) return [];
  const limit = LIMIT.exec(parameter.value);
  if (!limit || Number(limit[1]) >= TOKEN_LIMIT_KB) return [];
  return [{ range: parameter.range, newText: TOKEN_ACTION_MAX_STRING_SIZE }];
}
