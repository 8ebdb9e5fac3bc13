import type { TextRange } from '../common/text-range';
import type { OutlineKind, OutlineSymbol } from './document-symbols';

export interface SymbolMatch {
  readonly name: string;
  readonly kind: OutlineKind;
  /** The Outline entry this one sits in (an export action's caption, a FUNCTION). */
  readonly containerName?: string;
  readonly range: TextRange;
}

/** Most matches one document contributes to a workspace symbol search. */
const MAX_MATCHES = 500;

/**
 * The Outline entries of one document whose names match a workspace-symbol query: the query's characters appear in
 * the name in order, ignoring case (`gtok` finds `getToken`), as VS Code's own symbol search does. An empty query
 * matches everything.
 */
export function matchingSymbols(symbols: readonly OutlineSymbol[], query: string): SymbolMatch[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const found: SymbolMatch[] = [];
  const visit = (list: readonly OutlineSymbol[], container: string | undefined): void => {
    for (const symbol of list) {
      if (found.length >= MAX_MATCHES) return;
      if (symbol.kind !== 'line' && symbol.kind !== 'branch' && inOrder(symbol.name.toLowerCase(), wanted)) {
        found.push(
          container === undefined
            ? { name: symbol.name, kind: symbol.kind, range: symbol.selectionRange }
            : { name: symbol.name, kind: symbol.kind, containerName: container, range: symbol.selectionRange },
        );
      }
      visit(symbol.children, symbol.name);
    }
  };
  visit(symbols, undefined);
  return found;
}

function inOrder(name: string, query: string): boolean {
  let at = 0;
  for (const c of query) {
    at = name.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
