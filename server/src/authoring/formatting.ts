import { applyEdits, type TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import { embeddedEditsToDocument } from '../editing/xml-embedding';
import { parseSnippet } from '../syntax/snippet/parser';
import { tokenize, type TokenStream } from '../syntax/snippet/lexer';
import type { AuthoringDocument } from './authoring-document';
import { type SnippetUnit, tokensOf } from './code-units';
import { sameTree } from './same-tree';
import { type BraceStyle, layoutEdits, moveBraces, type ParsedCode } from './snippet-layout';

export interface FormatOptions {
  readonly tabSize: number;
  readonly insertSpaces: boolean;
  readonly braceStyle: BraceStyle;
}

/**
 * Formatting edits for a `.snippet` file, or for the code of every SNIPPET action of an export (each action's edits
 * mapped onto the file through its entities, escaped for XML, CDATA kept), optionally only those touching `range`.
 *
 * The layout is computed from the tree and tokens (snippet-layout.ts), then checked: the new code must lex to the
 * same tokens and parse to the same tree, and differ from the old only in whitespace; otherwise, and for code with
 * syntax errors, the unit is left as it is. The edits replace whitespace runs only, so comments, blank lines and the
 * code's line breaks (CRLF stays CRLF) are kept. The `.studio` notation is not formatted (its bodies are JavaScript
 * illustrations, not code Studio runs).
 */
export function formatDocument(model: AuthoringDocument, options: FormatOptions, range?: TextRange): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const unit of model.units) {
    if (range && (unit.contentRange.end < range.start || unit.contentRange.start > range.end)) continue;
    const codeEdits = formatUnit(unit, options, model.text);
    if (codeEdits.length === 0) continue;
    const mapped =
      model.document.kind === 'export' ? toDocumentEdits(model, unit, codeEdits) : codeEdits.map((e) => ({ ...e }));
    for (const edit of mapped) {
      if (!range || (edit.range.end >= range.start && edit.range.start <= range.end)) edits.push(edit);
    }
  }
  return edits;
}

function toDocumentEdits(model: AuthoringDocument, unit: SnippetUnit, edits: readonly TextEdit[]): TextEdit[] {
  const { document } = model;
  if (document.kind !== 'export') return [];
  const embedded = document.snippets[unit.index]!;
  return embeddedEditsToDocument(model.text, embedded.code, edits);
}

/** The whitespace edits (code offsets) that format one unit; none when it has syntax errors or cannot be verified. */
export function formatUnit(unit: SnippetUnit, options: FormatOptions, documentText: string): TextEdit[] {
  if (unit.errors.length > 0 || unit.code.trim() === '') return [];
  const layout = {
    indent: options.insertSpaces ? ' '.repeat(Math.max(1, Math.min(16, options.tabSize))) : '\t',
    eol: lineEndingOf(unit.code) ?? lineEndingOf(documentText) ?? '\n',
    braceStyle: options.braceStyle,
  };
  const original: ParsedCode = {
    code: unit.code,
    tokens: tokensOf(unit),
    program: unit.program,
    comments: unit.comments,
  };
  const moved = moveBraces(original, layout);
  if (moved === unit.code) {
    const edits = layoutEdits(original, layout);
    if (edits.length === 0) return [];
    return verified(unit, applyEdits(unit.code, edits)) ? edits : [];
  }
  // Braces moved: lay the moved code out, then express the whole change as whitespace edits of the original.
  const reparsed = parseSnippet(moved);
  if (reparsed.errors.length > 0) return [];
  const movedCode: ParsedCode = {
    code: moved,
    tokens: tokenize(moved),
    program: reparsed.program,
    comments: reparsed.comments,
  };
  const formatted = applyEdits(moved, layoutEdits(movedCode, layout));
  if (!verified(unit, formatted)) return [];
  return whitespaceEdits(unit.code, formatted) ?? [];
}

/** The formatted code lexes to the same tokens and parses to the same tree as the unit: nothing but layout changed. */
function verified(unit: SnippetUnit, formatted: string): boolean {
  const check = parseSnippet(formatted);
  return (
    check.errors.length === 0 &&
    sameTokens(tokensOf(unit), unit.code, tokenize(formatted), formatted) &&
    sameTree(unit.program, check.program)
  );
}

function lineEndingOf(text: string): string | undefined {
  return /\r\n|\r|\n/.exec(text)?.[0];
}

function sameTokens(a: TokenStream, aText: string, b: TokenStream, bText: string): boolean {
  if (a.count !== b.count) return false;
  for (let i = 0; i < a.count; i++) {
    if (a.kinds[i] !== b.kinds[i]) return false;
    if (aText.slice(a.starts[i]!, a.ends[i]!) !== bText.slice(b.starts[i]!, b.ends[i]!)) return false;
  }
  return true;
}

const BLANK = /[ \t\r\n\f\v]/;

/**
 * The edits that turn `before` into `after` when they differ only in whitespace: each maximal whitespace run that
 * changed is replaced (code offsets of `before`). Undefined when anything but whitespace differs.
 */
export function whitespaceEdits(before: string, after: string): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const runStart = i;
    while (i < before.length && BLANK.test(before[i]!)) i++;
    const afterStart = j;
    while (j < after.length && BLANK.test(after[j]!)) j++;
    const old = before.slice(runStart, i);
    const replacement = after.slice(afterStart, j);
    if (old !== replacement) edits.push({ range: { start: runStart, end: i }, newText: replacement });
    // Then the same non-blank character on both sides.
    if (i < before.length || j < after.length) {
      if (before[i] !== after[j]) return undefined;
      i++;
      j++;
    }
  }
  return edits;
}
