import { TokenFlags, TokenKind, type TokenStream } from '../syntax/snippet/lexer';
import type { AuthoringDocument } from './authoring-document';
import { functionNamed, memberNamed, systemVariableNamed } from './builtins';
import { type SnippetUnit, tokensOf } from './code-units';
import { syntaxWordStarts } from './syntax-words';

/**
 * The legend: standard LSP token types, plus `interpolation` for the braces of `{…}` in strings (package.json maps it
 * to the TextMate scope of template-expression punctuation, so themes colour it).
 */
export const SEMANTIC_TOKEN_TYPES = [
  'keyword',
  'variable',
  'parameter',
  'function',
  'method',
  'property',
  'string',
  'number',
  'operator',
  'comment',
  'namespace',
  'interpolation',
] as const;

export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary'] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

const DECLARATION = 1;
const READONLY = 2;
const DEFAULT_LIBRARY = 4;

/** One coloured stretch of the document (document offsets; never spans a line break). */
export interface SemanticToken {
  readonly start: number;
  readonly end: number;
  /** Index into SEMANTIC_TOKEN_TYPES. */
  readonly type: number;
  /** Bits of SEMANTIC_TOKEN_MODIFIERS. */
  readonly modifiers: number;
}

/**
 * The semantic tokens of a document, in document order: Snippet code of a `.snippet` file or of every SNIPPET action
 * of an export (so it is coloured inside the XML like a `.snippet` file, ranges exact across entities and CRLF), and
 * `{name}` substitutions in the export's other actions; in a `.studio` file, the script variables and their `{…}`
 * substitutions (its JavaScript-like bodies keep the grammar's colouring).
 */
export function semanticTokensOf(model: AuthoringDocument): SemanticToken[] {
  const out: SemanticToken[] = [];
  if (model.document.kind === 'guide') {
    guideTokens(model, out);
    return out.sort((a, b) => a.start - b.start);
  }
  const cursor = { next: 0 };
  for (const unit of model.units) unitTokens(model, unit, cursor, out);
  const substitutions: SemanticToken[] = [];
  for (const o of model.index.occurrences) {
    if (o.place === 'substitution') push(substitutions, o.range.start, o.range.end, VARIABLE, 0);
  }
  return substitutions.length === 0 ? out : merge(out, substitutions);
}

const typeIndex = (type: SemanticTokenType): number => SEMANTIC_TOKEN_TYPES.indexOf(type);
const KEYWORD = typeIndex('keyword');
const VARIABLE = typeIndex('variable');
const FUNCTION = typeIndex('function');
const METHOD = typeIndex('method');
const PROPERTY = typeIndex('property');
const STRING = typeIndex('string');
const NUMBER = typeIndex('number');
const OPERATOR = typeIndex('operator');
const COMMENT = typeIndex('comment');
const NAMESPACE = typeIndex('namespace');
const INTERPOLATION = typeIndex('interpolation');
const KIND_TYPES: Record<string, number> = {
  variable: VARIABLE,
  parameter: typeIndex('parameter'),
  function: FUNCTION,
};

function push(out: SemanticToken[], start: number, end: number, type: number, modifiers: number): void {
  if (end > start) out.push({ start, end, type, modifiers });
}

/** Two runs of tokens in document order, as one. */
function merge(a: readonly SemanticToken[], b: readonly SemanticToken[]): SemanticToken[] {
  const out: SemanticToken[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/**
 * One unit's tokens, comments merged in, in code order. `cursor` walks the symbol index alongside (occurrences and
 * tokens are both in document order), so names are classified without a search each.
 */
function unitTokens(model: AuthoringDocument, unit: SnippetUnit, cursor: { next: number }, out: SemanticToken[]): void {
  const tokens = tokensOf(unit);
  const words = syntaxWordStarts(unit);
  const occurrences = model.index.occurrences;
  const comments = unit.comments;
  let comment = 0;
  const emit = (start: number, end: number, type: number, modifiers = 0): void => {
    while (comment < comments.length && comments[comment]!.start < start) {
      const c = comments[comment++]!;
      push(out, unit.toDocument(c.start), unit.toDocument(c.end), COMMENT, 0);
    }
    push(out, unit.toDocument(start), unit.toDocument(end), type, modifiers);
  };
  for (let i = 0; i < tokens.count; i++) {
    const kind = tokens.kinds[i] as TokenKind;
    const start = tokens.starts[i]!;
    const end = tokens.ends[i]!;
    if (kind === TokenKind.Identifier) {
      if (words.has(start)) {
        emit(start, end, KEYWORD);
        continue;
      }
      let nameStart = start;
      if ((tokens.flags[i]! & TokenFlags.GlobalScope) !== 0) {
        nameStart = unit.code.indexOf(':', start) + 1;
        emit(start, nameStart, NAMESPACE);
      }
      const documentStart = unit.toDocument(nameStart);
      while (cursor.next < occurrences.length && occurrences[cursor.next]!.range.start < documentStart) cursor.next++;
      const occurrence = occurrences[cursor.next];
      if (occurrence && occurrence.range.start === documentStart) {
        const declares = occurrence.role === 'declaration' || occurrence.role === 'write' ? DECLARATION : 0;
        emit(nameStart, end, KIND_TYPES[occurrence.kind]!, declares);
        continue;
      }
      builtinName(unit, tokens, i, nameStart, emit);
    } else if (kind >= TokenKind.KwAssign && kind <= TokenKind.KwUses) emit(start, end, KEYWORD);
    else if (kind === TokenKind.True || kind === TokenKind.False) emit(start, end, KEYWORD);
    else if (kind === TokenKind.Number) emit(start, end, NUMBER);
    else if (
      kind === TokenKind.StringSimple ||
      kind === TokenKind.StringStart ||
      kind === TokenKind.StringText ||
      kind === TokenKind.StringEnd
    )
      emit(start, end, STRING);
    else if (kind === TokenKind.InterpStart || kind === TokenKind.InterpEnd) emit(start, end, INTERPOLATION);
    else if (kind >= TokenKind.Eq && kind <= TokenKind.PipePipe) emit(start, end, OPERATOR);
  }
  for (; comment < comments.length; comment++) {
    push(out, unit.toDocument(comments[comment]!.start), unit.toDocument(comments[comment]!.end), COMMENT, 0);
  }
}

type Emit = (start: number, end: number, type: number, modifiers?: number) => void;

/** A name the symbol index does not hold: a member, a built-in function or system variable, or an unknown read. */
function builtinName(unit: SnippetUnit, tokens: TokenStream, i: number, nameStart: number, emit: Emit): void {
  const end = tokens.ends[i]!;
  const name = unit.code.slice(nameStart, end);
  const afterDot = i > 0 && tokens.kinds[i - 1] === TokenKind.Dot;
  const called = tokens.kinds[i + 1] === TokenKind.LParen;
  if (afterDot) {
    emit(nameStart, end, called ? METHOD : PROPERTY, memberNamed(name) ? DEFAULT_LIBRARY : 0);
  } else if (called) {
    emit(nameStart, end, FUNCTION, functionNamed(name) ? DEFAULT_LIBRARY : 0);
  } else if (systemVariableNamed(name)) {
    emit(nameStart, end, VARIABLE, READONLY | DEFAULT_LIBRARY);
  } else {
    emit(nameStart, end, VARIABLE);
  }
}

function guideTokens(model: AuthoringDocument, out: SemanticToken[]): void {
  const { document } = model;
  if (document.kind !== 'guide') return;
  for (const o of model.index.occurrences) {
    push(out, o.range.start, o.range.end, VARIABLE, o.role === 'write' ? DECLARATION : 0);
  }
  for (const item of document.guide.items) {
    if (!('substitutions' in item)) continue;
    for (const s of item.substitutions) {
      push(out, s.range.start, s.range.start + 1, INTERPOLATION, 0);
      push(out, s.range.end - 1, s.range.end, INTERPOLATION, 0);
    }
  }
}
