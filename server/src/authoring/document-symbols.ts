import type { TextRange } from '../common/text-range';
import type { ExportDocument, GuideDocument } from '../documents/parsed-document';
import { type AstNode, holdsStatements, walk } from '../syntax/snippet/ast';
import type { ScriptAction } from '../syntax/export/read-export';
import type { GuideItem, SnippetBlock } from '../syntax/guide/ast';
import type { AuthoringDocument } from './authoring-document';
import { documentRange, type SnippetUnit } from './code-units';
import { nameRange } from './snippet-symbols';
import { rangeOf } from '../syntax/snippet/ast';

/** What an Outline entry is; the language server picks an icon for each. */
export type OutlineKind = 'action' | 'snippet' | 'function' | 'variable' | 'object' | 'parameter' | 'line' | 'branch';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  /** The whole construct. */
  readonly range: TextRange;
  /** The part to select and reveal (a name, a caption); inside `range`. */
  readonly selectionRange: TextRange;
  readonly children: readonly OutlineSymbol[];
}

/**
 * The Outline: for an export, every action in flow order (from BEGIN along its links; actions no link reaches come
 * after, in file order), named by caption with its type and id, a SNIPPET action holding its FUNCTIONs and the
 * variables it assigns; for a `.snippet` file, its FUNCTIONs (with their parameters) and the variables it assigns
 * outside them; for a `.studio` file, its script lines and SNIPPET blocks (with the variables they SET and the
 * functions and variables their bodies declare).
 */
export function documentSymbolsOf(model: AuthoringDocument): OutlineSymbol[] {
  const { document } = model;
  switch (document.kind) {
    case 'snippet':
      return unitSymbols(model.units[0]!);
    case 'export':
      return exportSymbols(document, model.units);
    case 'guide':
      return guideSymbols(document);
  }
}

function exportSymbols(document: ExportDocument, units: readonly SnippetUnit[]): OutlineSymbol[] {
  const unitByAction = new Map(units.map((unit) => [unit.action?.id, unit]));
  return flowOrder(document).map((action) => {
    const caption = action.caption.trim();
    const selectionRange =
      action.captionRange && action.captionRange.end > action.captionRange.start ? action.captionRange : action.range;
    const unit = action.type.toUpperCase() === 'SNIPPET' ? unitByAction.get(action.id) : undefined;
    return {
      name: caption || action.type || `action ${action.id}`,
      detail: `${action.type} #${action.id}`,
      kind: 'action',
      range: action.range,
      selectionRange: { start: selectionRange.start, end: selectionRange.end },
      children: unit ? unitSymbols(unit) : [],
    };
  });
}

/** BEGIN first, then breadth-first along the links; unreachable actions after, in file order. */
function flowOrder(document: ExportDocument): ScriptAction[] {
  const { graph, actions } = document.export;
  const ordered: ScriptAction[] = [];
  const seen = new Set<number>();
  const queue: number[] = graph.entry ? [graph.entry.id] : [];
  if (graph.entry) seen.add(graph.entry.id);
  for (let head = 0; head < queue.length; head++) {
    const action = graph.action(queue[head]!);
    if (action) ordered.push(action);
    for (const next of graph.successors(queue[head]!)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  for (const action of actions) {
    if (!seen.has(action.id)) {
      seen.add(action.id);
      ordered.push(action);
    }
  }
  return ordered;
}

/** FUNCTIONs (with their parameters) and the variables assigned outside them, each once, at its first assignment. */
function unitSymbols(unit: SnippetUnit): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  const seen = new Set<string>();
  let functionDepth = 0;
  const variable = (node: AstNode & { kind: 'Identifier' }, statement: TextRange, object: boolean): void => {
    if (functionDepth > 0 || node.name === '' || seen.has(node.folded)) return;
    seen.add(node.folded);
    symbols.push({
      name: node.name,
      kind: object ? 'object' : 'variable',
      range: documentRange(unit, statement),
      selectionRange: nameRange(unit, node),
      children: [],
    });
  };
  walk(
    unit.program,
    (node) => {
      switch (node.kind) {
        case 'Function': {
          if (node.name && functionDepth === 0) {
            symbols.push({
              name: node.name.name,
              detail: `(${node.params.map((p) => p.name).join(', ')})`,
              kind: 'function',
              range: documentRange(unit, rangeOf(node)),
              selectionRange: nameRange(unit, node.name),
              children: node.params.map((p) => ({
                name: p.name,
                kind: 'parameter' as const,
                range: nameRange(unit, p),
                selectionRange: nameRange(unit, p),
                children: [],
              })),
            });
          }
          functionDepth++;
          return undefined;
        }
        case 'Assign':
          if (node.target.kind === 'Identifier') {
            const value = node.value;
            const isProxy =
              value.kind === 'Call' && value.callee.kind === 'Identifier' && value.callee.folded === 'getrestproxy';
            variable(node.target, rangeOf(node), isProxy);
          }
          return false;
        case 'Dynamic':
          if (node.name) variable(node.name, rangeOf(node), true);
          return false;
        case 'For':
        case 'Foreach':
          if (node.variable) variable(node.variable, { start: node.start, end: node.variable.end }, false);
          return undefined;
        default:
          // Assignments are statements: expressions hold none.
          return holdsStatements(node);
      }
    },
    (node) => {
      if (node.kind === 'Function') functionDepth--;
    },
  );
  return symbols;
}

function guideSymbols(document: GuideDocument): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  for (const item of document.guide.items) {
    const symbol = guideItemSymbol(document.text, item);
    if (symbol) symbols.push(symbol);
  }
  return symbols;
}

function guideItemSymbol(text: string, item: GuideItem): OutlineSymbol | undefined {
  const line = (name: string, detail: string, kind: OutlineKind, selection: TextRange): OutlineSymbol => ({
    name,
    detail,
    kind,
    range: item.range,
    selectionRange: selection,
    children: [],
  });
  switch (item.kind) {
    case 'ScriptAssign':
      return line(item.target, item.keyword, 'variable', item.targetRange);
    case 'Decision':
      return line(`DECISION ${short(item.conditionText)}`, '', 'line', item.keywordRange);
    case 'Branch':
      return line(`${item.label || '-->'} ${short(item.targetText)}`.trim(), 'branch', 'branch', item.labelRange);
    case 'Wait':
      return line(`WAIT${item.argsText ? ` ${short(item.argsText)}` : ''}`, '', 'line', item.keywordRange);
    case 'Action':
      return line(`${item.name}${item.argsText ? ` ${short(item.argsText)}` : ''}`, '', 'line', item.nameRange);
    case 'SnippetBlock':
      return snippetBlockSymbol(text, item);
    case 'Elision':
      return undefined;
  }
}

function snippetBlockSymbol(text: string, block: SnippetBlock): OutlineSymbol {
  const children: OutlineSymbol[] = [];
  const seen = new Set<string>();
  for (const set of block.sets) {
    const folded = set.name.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    children.push({
      name: set.name,
      detail: 'SET',
      kind: 'variable',
      range: set.range,
      selectionRange: set.nameRange,
      children: [],
    });
  }
  for (const statement of block.program.body) {
    if (statement.type === 'FunctionDeclaration' && statement.id) {
      children.push({
        name: statement.id.name,
        kind: 'function',
        range: { start: statement.start, end: statement.end },
        selectionRange: { start: statement.id.start, end: statement.id.end },
        children: [],
      });
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== 'Identifier') continue;
        children.push({
          name: declarator.id.name,
          detail: statement.kind,
          kind: 'variable',
          range: { start: statement.start, end: statement.end },
          selectionRange: { start: declarator.id.start, end: declarator.id.end },
          children: [],
        });
      }
    }
  }
  const firstComment = /^[ \t]*\/\/[ \t]*(.+)$/m.exec(text.slice(block.bodyRange.start, block.bodyRange.end));
  return {
    name: 'SNIPPET',
    detail: firstComment ? short(firstComment[1]!.trim()) : '',
    kind: 'snippet',
    range: block.range,
    selectionRange: block.keywordRange,
    children,
  };
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
