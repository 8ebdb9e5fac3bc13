import type { ParseError, TextRange } from '../common/text-range';
import type { ExportDocument, ParsedDocument } from '../documents/parsed-document';
import type { Program } from '../syntax/snippet/ast';
import { tokenize, type TokenStream } from '../syntax/snippet/lexer';

/** The export action a unit of Snippet code belongs to. */
export interface UnitAction {
  readonly id: number;
  readonly caption: string;
}

/**
 * One piece of real Snippet code in a document: the whole `.snippet` file, or the code of one SNIPPET action of an
 * export. Its tree's offsets are code offsets; `toDocument`/`toCode` map them (1:1 for a `.snippet`, through the
 * XML's entities for an export). `index` is the unit's place in the document (the action order of the export).
 */
export interface SnippetUnit {
  readonly index: number;
  readonly code: string;
  readonly program: Program;
  readonly comments: readonly TextRange[];
  readonly errors: readonly ParseError[];
  /** The tokens its parse was read from (see `tokensOf`). */
  readonly tokens?: TokenStream;
  /** The raw range the code occupies in the document (the whole text of a `.snippet`). */
  readonly contentRange: TextRange;
  readonly action?: UnitAction;
  toDocument(codeOffset: number): number;
  toCode(documentOffset: number): number | undefined;
}

/** Every unit of Snippet code in the document, in document order (none for the guide's notation). */
export function snippetUnitsOf(document: ParsedDocument): SnippetUnit[] {
  if (document.kind === 'snippet') {
    const { text } = document;
    return [
      {
        index: 0,
        code: text,
        program: document.snippet.program,
        comments: document.snippet.comments,
        errors: document.snippet.errors,
        ...(document.snippet.tokens ? { tokens: document.snippet.tokens } : {}),
        contentRange: { start: 0, end: text.length },
        toDocument: (offset) => offset,
        toCode: (offset) => (offset >= 0 && offset <= text.length ? offset : undefined),
      },
    ];
  }
  if (document.kind === 'export') return exportUnits(document);
  return [];
}

function exportUnits(document: ExportDocument): SnippetUnit[] {
  return document.snippets.map(({ code, snippet }, index) => ({
    index,
    code: code.code,
    program: snippet.program,
    comments: snippet.comments,
    errors: snippet.errors,
    ...(snippet.tokens ? { tokens: snippet.tokens } : {}),
    contentRange: code.contentRange,
    action: { id: code.actionId, caption: code.caption },
    toDocument: code.toDocumentOffset,
    toCode: code.toCodeOffset,
  }));
}

/** The unit whose code holds a document offset (its end included: a cursor after the last character). */
export function unitAt(units: readonly SnippetUnit[], offset: number): SnippetUnit | undefined {
  for (const unit of units) {
    if (unit.contentRange.start <= offset && offset <= unit.contentRange.end) return unit;
  }
  return undefined;
}

/** A range of a unit's code as a document range. */
export function documentRange(unit: SnippetUnit, range: TextRange): TextRange {
  const start = unit.toDocument(range.start);
  return { start, end: range.end === range.start ? start : unit.toDocument(range.end) };
}

const TOKENS = new WeakMap<SnippetUnit, TokenStream>();

/** The unit's tokens: the ones its parse read (the lexer's output for exactly this code), else lexed once per unit. */
export function tokensOf(unit: SnippetUnit): TokenStream {
  if (unit.tokens && unit.tokens.text === unit.code) return unit.tokens;
  let tokens = TOKENS.get(unit);
  if (!tokens) {
    tokens = tokenize(unit.code);
    TOKENS.set(unit, tokens);
  }
  return tokens;
}

/** Index of the last token that starts before `offset` (-1 when none does); EOF excluded. */
export function tokenBefore(tokens: TokenStream, offset: number): number {
  let low = 0;
  let high = tokens.count - 2; // the last token is EOF
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (tokens.starts[middle]! < offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** True when a code offset lies inside one of the unit's `//` comments (after its first slash). */
export function inComment(unit: SnippetUnit, offset: number): boolean {
  const { comments } = unit;
  let low = 0;
  let high = comments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const comment = comments[middle]!;
    if (offset <= comment.start) high = middle - 1;
    else if (offset > comment.end) low = middle + 1;
    else return true;
  }
  return false;
}
