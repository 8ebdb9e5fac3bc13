import { type DocumentSymbol, type SymbolInformation, SymbolKind, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { OutlineKind, OutlineSymbol } from '../service';
import type { DocumentAnalyses } from './document-analysis';
import { openAnalysis } from './open-analysis';
import { requireDocumentUri } from './params';
import { toLspRange } from './ranges';

export type DocumentSymbolHandler = (params: unknown) => DocumentSymbol[] | SymbolInformation[] | null;

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  action: SymbolKind.Module,
  snippet: SymbolKind.Module,
  function: SymbolKind.Function,
  variable: SymbolKind.Variable,
  object: SymbolKind.Object,
  parameter: SymbolKind.TypeParameter,
  line: SymbolKind.Event,
  branch: SymbolKind.EnumMember,
};

export function symbolKindOf(kind: OutlineKind): SymbolKind {
  return SYMBOL_KINDS[kind];
}

/**
 * `textDocument/documentSymbol`: the Outline, as a tree for clients that show one, else flat with container names
 * (Neovim 0.7 and other older clients).
 */
export function createDocumentSymbolHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  hierarchical: () => boolean,
): DocumentSymbolHandler {
  return (params) => {
    const uri = requireDocumentUri('textDocument/documentSymbol', params);
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return null;
    const symbols = open.analysis.documentSymbols();
    const toTree = (symbol: OutlineSymbol): DocumentSymbol => ({
      name: symbol.name || '(unnamed)',
      ...(symbol.detail ? { detail: symbol.detail } : {}),
      kind: SYMBOL_KINDS[symbol.kind],
      range: toLspRange(open.document, symbol.range),
      selectionRange: toLspRange(open.document, symbol.selectionRange),
      children: symbol.children.map(toTree),
    });
    if (hierarchical()) return symbols.map(toTree);
    const flat: SymbolInformation[] = [];
    const visit = (list: readonly OutlineSymbol[], container: string | undefined): void => {
      for (const symbol of list) {
        flat.push({
          name: symbol.name || '(unnamed)',
          kind: SYMBOL_KINDS[symbol.kind],
          location: { uri, range: toLspRange(open.document, symbol.range) },
          ...(container === undefined ? {} : { containerName: container }),
        });
        visit(symbol.children, symbol.name);
      }
    };
    visit(symbols, undefined);
    return flat;
  };
}
