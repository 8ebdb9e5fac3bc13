import { TokenFlags, TokenKind } from '../syntax/snippet/lexer';
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

const TYPE_INDEX = new Map(SEMANTIC_TOKEN_TYPES.map((type, i) => [type, i]));
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
  } else {
    for (const unit of model.units) unitTokens(model, unit, out);
    for (const o of model.index.occurrences) {
      if (o.place === 'substitution') push(out, o.range.start, o.range.end, 'variable', 0);
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

function push(out: SemanticToken[], start: number, end: number, type: SemanticTokenType, modifiers: number): void {
  if (end > start) out.push({ start, end, type: TYPE_INDEX.get(type)!, modifiers });
}

function unitTokens(model: AuthoringDocument, unit: SnippetUnit, out: SemanticToken[]): void {
  const tokens = tokensOf(unit);
  const words = syntaxWordStarts(unit);
  const at = (offset: number): number => unit.toDocument(offset);
  const emit = (start: number, end: number, type: SemanticTokenType, modifiers = 0): void =>
    push(out, at(start), at(end), type, modifiers);
  for (const comment of unit.comments) emit(comment.start, comment.end, 'comment');
  for (let i = 0; i < tokens.count; i++) {
    const kind = tokens.kinds[i] as TokenKind;
    const start = tokens.starts[i]!;
    const end = tokens.ends[i]!;
    if (kind >= TokenKind.KwAssign && kind <= TokenKind.KwUses) emit(start, end, 'keyword');
    else if (kind === TokenKind.True || kind === TokenKind.False) emit(start, end, 'keyword');
    else if (kind === TokenKind.Number) emit(start, end, 'number');
    else if (
      kind === TokenKind.StringSimple ||
      kind === TokenKind.StringStart ||
      kind === TokenKind.StringText ||
      kind === TokenKind.StringEnd
    )
      emit(start, end, 'string');
    else if (kind === TokenKind.InterpStart || kind === TokenKind.InterpEnd) emit(start, end, 'interpolation');
    else if (kind >= TokenKind.Eq && kind <= TokenKind.PipePipe) emit(start, end, 'operator');
    else if (kind === TokenKind.Identifier) identifierToken(model, unit, i, words, emit);
  }
}

type Emit = (start: number, end: number, type: SemanticTokenType, modifiers?: number) => void;

function identifierToken(
  model: AuthoringDocument,
  unit: SnippetUnit,
  i: number,
  words: ReadonlySet<number>,
  emit: Emit,
): void {
  const tokens = tokensOf(unit);
  const start = tokens.starts[i]!;
  const end = tokens.ends[i]!;
  if (words.has(start)) {
    emit(start, end, 'keyword');
    return;
  }
  let nameStart = start;
  if ((tokens.flags[i]! & TokenFlags.GlobalScope) !== 0) {
    nameStart = unit.code.indexOf(':', start) + 1;
    emit(start, nameStart, 'namespace');
  }
  const name = unit.code.slice(nameStart, end);
  const documentStart = unit.toDocument(nameStart);
  const occurrence = model.index.at(documentStart);
  if (occurrence && occurrence.range.start === documentStart) {
    const declares = occurrence.role === 'declaration' || occurrence.role === 'write' ? DECLARATION : 0;
    emit(nameStart, end, occurrence.kind, declares);
    return;
  }
  const afterDot = i > 0 && tokens.kinds[i - 1] === TokenKind.Dot;
  const called = tokens.kinds[i + 1] === TokenKind.LParen;
  if (afterDot) {
    emit(nameStart, end, called ? 'method' : 'property', memberNamed(name) ? DEFAULT_LIBRARY : 0);
  } else if (called) {
    emit(nameStart, end, 'function', functionNamed(name) ? DEFAULT_LIBRARY : 0);
  } else if (systemVariableNamed(name)) {
    emit(nameStart, end, 'variable', READONLY | DEFAULT_LIBRARY);
  } else {
    emit(nameStart, end, 'variable');
  }
}

function guideTokens(model: AuthoringDocument, out: SemanticToken[]): void {
  const { document } = model;
  if (document.kind !== 'guide') return;
  for (const o of model.index.occurrences) {
    push(out, o.range.start, o.range.end, 'variable', o.role === 'write' ? DECLARATION : 0);
  }
  for (const item of document.guide.items) {
    if (!('substitutions' in item)) continue;
    for (const s of item.substitutions) {
      push(out, s.range.start, s.range.start + 1, 'interpolation', 0);
      push(out, s.range.end - 1, s.range.end, 'interpolation', 0);
    }
  }
}
