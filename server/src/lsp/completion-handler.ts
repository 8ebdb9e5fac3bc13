import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  InsertTextFormat,
  MarkupKind,
} from 'vscode-languageserver';
import type { CompletionKind } from '../service';
import type { AnalysisTargets } from './analysis-target';
import { requireDocumentUri, requirePosition } from './params';

export type CompletionHandler = (params: unknown) => CompletionList | null;

/** Typed characters after which the client asks for completion: members, interpolations, `global:`. */
export const COMPLETION_TRIGGERS = ['.', '{', ':'];

const ITEM_KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  variable: CompletionItemKind.Variable,
  parameter: CompletionItemKind.Variable,
  function: CompletionItemKind.Function,
  method: CompletionItemKind.Method,
  property: CompletionItemKind.Property,
  field: CompletionItemKind.Field,
};

/**
 * `textDocument/completion`: keywords, the script's variables (across an export's actions), FUNCTIONs, built-ins and
 * members. Each item replaces the part of the name already typed; snippets (`${1:url}` placeholders) only for clients
 * that take them. Once a prefix is typed, only names holding its characters in order are sent (a script can have
 * thousands of variables), and the list is marked incomplete so that the client asks again as the prefix changes.
 */
export function createCompletionHandler(targets: AnalysisTargets, snippetSupport: () => boolean): CompletionHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/completion', params);
    const position = requirePosition('textDocument/completion', params);
    const open = targets.anyOf(uri);
    if (!open) return null;
    const snippets = snippetSupport();
    const offset = open.offsetAt(position);
    const all = open.analysis.completionsAt(offset);
    const first = all[0];
    const prefix = first ? open.analysis.text.slice(first.range.start, offset).toLowerCase() : '';
    const entries = prefix === '' ? all : all.filter((entry) => holdsInOrder(entry.label.toLowerCase(), prefix));
    const items = entries.flatMap((entry) => {
      const range = open.rangeHere(entry.range);
      if (!range) return [];
      const useSnippet = snippets && entry.snippet === true;
      const text = useSnippet ? entry.insertText! : entry.snippet ? entry.label : (entry.insertText ?? entry.label);
      const item: CompletionItem = {
        label: entry.label,
        kind: ITEM_KINDS[entry.kind],
        sortText: `${entry.sortText}${entry.label.toLowerCase()}`,
        textEdit: { range, newText: text },
        insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      };
      if (entry.detail) item.detail = entry.detail;
      if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
      return [item];
    });
    return { isIncomplete: entries.length < all.length, items };
  };
}

/** True when `label` holds the characters of `prefix` in order (a superset of what editors' fuzzy filters show). */
function holdsInOrder(label: string, prefix: string): boolean {
  let at = 0;
  for (const c of prefix) {
    at = label.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
