import type { TextRange } from '../common/text-range';
import { type AstNode, holdsStatements, walk } from '../syntax/snippet/ast';
import { isKeyword, TokenFlags, TokenKind, type TokenStream } from '../syntax/snippet/lexer';
import type { AuthoringDocument } from './authoring-document';
import { BUILTINS, type Builtin, builtinMarkdown, membersOf, signatureOf } from './builtins';
import { documentRange, inComment, type SnippetUnit, tokenBefore, tokensOf, unitAt } from './code-units';
import { keywordCaseOf, spellKeyword } from './keyword-case';
import { variableKey } from './symbol-index';

export type CompletionKind = 'keyword' | 'variable' | 'parameter' | 'function' | 'method' | 'property' | 'field';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Text to insert instead of the label; a snippet (`${1:url}` placeholders) when `snippet` is true. */
  readonly insertText?: string;
  readonly snippet?: boolean;
  /** Groups the list: the script's own names first, then members, built-ins, system variables, keywords. */
  readonly sortText: string;
  /** The document range the item replaces: the part of the name already typed (empty at the cursor). */
  readonly range: TextRange;
}

/**
 * What can be typed at `offset`: after `x.`, the members of what `x` holds (the REST proxy's, a dynamic object's
 * members seen in the script, value methods); elsewhere in Snippet code (and inside `{…}` interpolations) the script's
 * variables (assigned in any SNIPPET action of an export), the FUNCTION's parameters, the action's FUNCTIONs, built-in
 * functions, system variables and, outside interpolations, keywords in the case the document already writes them.
 * In a `.studio` file: the script variables. Nothing in comments or in string text.
 */
export function completionsAt(model: AuthoringDocument, offset: number): CompletionEntry[] {
  if (model.document.kind === 'guide') return guideCompletions(model, offset);
  const unit = unitAt(model.units, offset);
  const code = unit?.toCode(offset);
  if (!unit || code === undefined || inComment(unit, code)) return [];
  const tokens = tokensOf(unit);
  const context = contextAt(unit, tokens, code);
  if (!context) return [];
  const range = documentRange(unit, { start: context.prefixStart, end: context.prefixEnd });
  if (context.kind === 'member') return memberCompletions(model, unit, tokens, context.dot, range);
  const entries: CompletionEntry[] = [...variableCompletions(model, range), ...parameterCompletions(unit, code, range)];
  if (context.kind === 'global') return entries;
  entries.push(...functionCompletions(unit, range));
  for (const entry of BUILTINS) {
    if (entry.kind === 'function') entries.push(builtinEntry(entry, range, '2'));
    else if (entry.kind === 'variable') entries.push(builtinEntry(entry, range, '3'));
  }
  if (!context.inInterpolation) {
    const style = keywordCaseOf(model);
    for (const entry of BUILTINS) {
      if (entry.kind !== 'keyword') continue;
      const label = spellKeyword(entry.name, style);
      entries.push({ ...builtinEntry(entry, range, '4'), label, insertText: label });
    }
  }
  return entries;
}

type Context =
  | { kind: 'member'; dot: number; prefixStart: number; prefixEnd: number }
  | { kind: 'global' | 'expression'; inInterpolation: boolean; prefixStart: number; prefixEnd: number };

const NAME_CHAR = /[\w$]/;

function contextAt(unit: SnippetUnit, tokens: TokenStream, code: number): Context | undefined {
  const text = unit.code;
  let i = tokenBefore(tokens, code);
  let prefixStart = code;
  let prefixEnd = code;
  if (i >= 0 && tokens.ends[i]! >= code) {
    const kind = tokens.kinds[i] as TokenKind;
    const inside = tokens.ends[i]! > code;
    const unterminated = (tokens.flags[i]! & TokenFlags.Synthesized) !== 0;
    if (isStringPart(kind) && (inside || unterminated || kind === TokenKind.StringStart)) return undefined;
    if (kind === TokenKind.Number) return undefined;
    if (kind === TokenKind.Identifier || isKeyword(kind) || kind === TokenKind.True || kind === TokenKind.False) {
      prefixStart = tokens.starts[i]!;
      prefixEnd = tokens.ends[i]!;
      if ((tokens.flags[i]! & TokenFlags.GlobalScope) !== 0) {
        prefixStart += text.indexOf(':', prefixStart) + 1 - prefixStart;
        return { kind: 'global', inInterpolation: inInterpolation(tokens, i), prefixStart, prefixEnd };
      }
      i--;
    }
  }
  if (/global:$/i.test(text.slice(Math.max(0, prefixStart - 7), prefixStart))) {
    return { kind: 'global', inInterpolation: inInterpolation(tokens, i), prefixStart, prefixEnd };
  }
  // A cursor right after a name character that the lexer did not make a name (`$` alone) has nothing to complete.
  if (prefixStart === code && code > 0 && NAME_CHAR.test(text[code - 1]!) && i >= 0 && tokens.ends[i] === code) {
    if (tokens.kinds[i] !== TokenKind.Dot) return undefined;
  }
  if (i >= 0 && tokens.kinds[i] === TokenKind.Dot && tokens.ends[i] === prefixStart) {
    return { kind: 'member', dot: i, prefixStart, prefixEnd };
  }
  return { kind: 'expression', inInterpolation: inInterpolation(tokens, i), prefixStart, prefixEnd };
}

function isStringPart(kind: TokenKind): boolean {
  return (
    kind === TokenKind.StringSimple ||
    kind === TokenKind.StringStart ||
    kind === TokenKind.StringText ||
    kind === TokenKind.StringEnd
  );
}

/** True when token `i` (and so the cursor after it) is inside a `{…}` interpolation: looks back along its line. */
function inInterpolation(tokens: TokenStream, i: number): boolean {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    const kind = tokens.kinds[j] as TokenKind;
    if (kind === TokenKind.InterpEnd) depth++;
    else if (kind === TokenKind.InterpStart) {
      if (depth === 0) return true;
      depth--;
    }
    if ((tokens.flags[j]! & TokenFlags.NewlineBefore) !== 0) break;
  }
  return false;
}

function variableCompletions(model: AuthoringDocument, range: TextRange): CompletionEntry[] {
  const { index } = model;
  const entries: CompletionEntry[] = [];
  for (const key of index.keys()) {
    if (!key.startsWith('var:') || !index.isAssigned(key)) continue;
    const first = index.definitionsOf(key)[0] ?? index.occurrencesOf(key)[0]!;
    const assignments = index.definitionsOf(key).length;
    entries.push({
      label: first.name,
      kind: 'variable',
      detail:
        model.document.kind === 'export'
          ? `script variable, assigned in ${describeActions(model, key)}`
          : `variable, assigned ${assignments === 1 ? 'once' : `${assignments} times`}`,
      sortText: '0',
      range,
    });
  }
  return entries;
}

function describeActions(model: AuthoringDocument, key: string): string {
  const ids = new Set<number>();
  for (const o of model.index.definitionsOf(key)) if (o.actionId !== undefined) ids.add(o.actionId);
  const list = [...ids];
  return list.length === 1 ? `action ${list[0]}` : `actions ${list.join(', ')}`;
}

function parameterCompletions(unit: SnippetUnit, code: number, range: TextRange): CompletionEntry[] {
  const entries: CompletionEntry[] = [];
  walk(unit.program, (node: AstNode) => {
    if (node.end < code || node.start > code) return false;
    if (node.kind === 'Function' && node.body.start < code) {
      for (const p of node.params) {
        entries.push({
          label: p.name,
          kind: 'parameter',
          detail: `parameter of ${node.name?.name ?? 'FUNCTION'}`,
          sortText: '0',
          range,
        });
      }
    }
    return holdsStatements(node);
  });
  return entries;
}

function functionCompletions(unit: SnippetUnit, range: TextRange): CompletionEntry[] {
  const entries: CompletionEntry[] = [];
  walk(unit.program, (node: AstNode) => {
    if (node.kind === 'Function' && node.name) {
      const params = node.params.map((p) => p.name);
      const placeholders = params.map((p, i) => `\${${i + 1}:${p}}`).join(', ');
      entries.push({
        label: node.name.name,
        kind: 'function',
        detail: `FUNCTION ${node.name.name}(${params.join(', ')})`,
        insertText: `${node.name.name}(${placeholders})`,
        snippet: true,
        sortText: '1',
        range,
      });
    }
    return node.kind !== 'Function' && holdsStatements(node);
  });
  return entries;
}

function builtinEntry(entry: Builtin, range: TextRange, sortText: string): CompletionEntry {
  const kind: CompletionKind =
    entry.kind === 'keyword'
      ? 'keyword'
      : entry.kind === 'function'
        ? 'function'
        : entry.kind === 'method'
          ? 'method'
          : entry.kind === 'property'
            ? 'property'
            : 'variable';
  const base = {
    label: entry.name,
    kind,
    detail: signatureOf(entry),
    documentation: builtinMarkdown(entry),
    sortText,
    range,
  };
  if (entry.kind !== 'function' && entry.kind !== 'method') return base;
  const params = entry.parameters ?? [];
  if (params.length === 0) return { ...base, insertText: `${entry.name}()` };
  const placeholders = params.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ');
  return { ...base, insertText: `${entry.name}(${placeholders})`, snippet: true };
}

/** The members after the dot at token `dot`: of the REST proxy, of a dynamic object, or of any value. */
function memberCompletions(
  model: AuthoringDocument,
  unit: SnippetUnit,
  tokens: TokenStream,
  dot: number,
  range: TextRange,
): CompletionEntry[] {
  const chain = chainBefore(unit, tokens, dot);
  const { members } = model;
  const entries: CompletionEntry[] = [];
  const add = (list: readonly Builtin[]): void => {
    for (const entry of list) entries.push(builtinEntry(entry, range, '1'));
  };
  if (chain === 'rest-proxy') {
    add(membersOf('rest-proxy').filter((m) => m.owner === 'rest-proxy'));
    return entries;
  }
  if (chain && chain.path.length === 0 && members.proxies.has(chain.key)) {
    add(membersOf('rest-proxy').filter((m) => m.owner === 'rest-proxy'));
    return entries;
  }
  if (chain) {
    for (const [name, use] of members.membersAt(chain.key, chain.path)) {
      entries.push({
        label: name,
        kind: 'field',
        detail: use === 'assigned' ? 'member assigned in the script' : 'member read in the script',
        sortText: '0',
        range,
      });
    }
  }
  add(membersOf('dynamic'));
  return entries;
}

/**
 * What the dot at token `dot` follows: a variable and member path (`result.data.` → result, ['data']; index groups
 * skipped), `'rest-proxy'` for `GetRESTProxy().`, or undefined for anything else (a call result, a literal).
 */
function chainBefore(
  unit: SnippetUnit,
  tokens: TokenStream,
  dot: number,
): { key: string; path: string[] } | 'rest-proxy' | undefined {
  const path: string[] = [];
  let i = dot - 1;
  for (;;) {
    if (i < 0) return undefined;
    let kind = tokens.kinds[i] as TokenKind;
    while (kind === TokenKind.RBracket) {
      let depth = 0;
      for (; i >= 0; i--) {
        const k = tokens.kinds[i] as TokenKind;
        if (k === TokenKind.RBracket) depth++;
        else if (k === TokenKind.LBracket && --depth === 0) break;
      }
      i--;
      if (i < 0) return undefined;
      kind = tokens.kinds[i] as TokenKind;
    }
    if (kind === TokenKind.RParen) {
      const isProxyCall =
        i >= 2 &&
        tokens.kinds[i - 1] === TokenKind.LParen &&
        tokens.kinds[i - 2] === TokenKind.Identifier &&
        unit.code.slice(tokens.starts[i - 2]!, tokens.ends[i - 2]!).toLowerCase() === 'getrestproxy';
      return isProxyCall && path.length === 0 ? 'rest-proxy' : undefined;
    }
    if (kind !== TokenKind.Identifier) return undefined;
    const name = unit.code.slice(tokens.starts[i]!, tokens.ends[i]!);
    if (i > 0 && tokens.kinds[i - 1] === TokenKind.Dot) {
      path.unshift(name);
      i -= 2;
      continue;
    }
    return { key: variableKey(name), path };
  }
}

/** `.studio`: the script variables, inside a `{…}` substitution or wherever a name is being typed. */
function guideCompletions(model: AuthoringDocument, offset: number): CompletionEntry[] {
  const { document } = model;
  if (document.kind !== 'guide') return [];
  if (document.guide.comments.some((c) => c.start < offset && offset <= c.end)) return [];
  const text = model.text;
  let start = offset;
  while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
  if (/global:$/i.test(text.slice(Math.max(0, start - 7), start))) {
    // `{global:na|`: complete the name after the prefix.
  } else if (start > 0 && text[start - 1] === '.') {
    return [];
  }
  let end = offset;
  while (end < text.length && NAME_CHAR.test(text[end]!)) end++;
  return variableCompletions(model, { start, end });
}
