import type { BraceStyle } from '../common/settings';
import type { TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import {
  type AstNode,
  type ExpressionNode,
  isExpressionNode,
  pushExpressionChildren,
  walk,
} from '../syntax/snippet/ast';
import { isKeyword, TokenFlags, TokenKind, type TokenStream } from '../syntax/snippet/lexer';
import type { Program } from '../syntax/snippet/ast';

export type { BraceStyle } from '../common/settings';

export interface LayoutOptions {
  /** One level of indentation: a tab, or `tabSize` spaces. */
  readonly indent: string;
  /** The line break inserted when a brace moves to its own line. */
  readonly eol: string;
  readonly braceStyle: BraceStyle;
}

/** Parsed code the layout works on: its text, tokens, tree and comments. */
export interface ParsedCode {
  readonly code: string;
  readonly tokens: TokenStream;
  readonly program: Program;
  readonly comments: readonly TextRange[];
}

/**
 * Moves block braces for a brace style, by rewriting only the whitespace before them: with `ownLine`, a `{` that ends
 * its header's line, and an `ELSE` that follows `}` on its line, start a line of their own; with `sameLine`, a `{` (or
 * `ELSE`) alone at the start of the line after its header joins it, unless a comment or a blank line is in between.
 * Returns the code unchanged for `keep`.
 */
export function moveBraces(parsed: ParsedCode, options: LayoutOptions): string {
  if (options.braceStyle === 'keep') return parsed.code;
  const { code, tokens, comments } = parsed;
  const gaps: { start: number; end: number; text: string }[] = [];
  for (let i = 1; i < tokens.count - 1; i++) {
    const kind = tokens.kinds[i] as TokenKind;
    const previous = tokens.kinds[i - 1] as TokenKind;
    const isBrace = kind === TokenKind.LBrace;
    const isElse = kind === TokenKind.KwElse && previous === TokenKind.RBrace;
    if (!isBrace && !isElse) continue;
    const gapStart = tokens.ends[i - 1]!;
    const gapEnd = tokens.starts[i]!;
    const onNewLine = (tokens.flags[i]! & TokenFlags.NewlineBefore) !== 0;
    if (options.braceStyle === 'ownLine') {
      if (onNewLine) continue;
      // Only a `{` that ends its line: a one-line block `CASE 4 { x = 1 }` stays as it is.
      const endsLine = isElse || (tokens.flags[i + 1]! & TokenFlags.NewlineBefore) !== 0 || i + 1 === tokens.count - 1;
      if (endsLine) gaps.push({ start: gapStart, end: gapEnd, text: options.eol });
    } else {
      if (!onNewLine || previous === TokenKind.LBrace || (isBrace && previous === TokenKind.RBrace)) continue;
      const between = code.slice(gapStart, gapEnd);
      const breaks = between.match(/\r\n|\r|\n/g)?.length ?? 0;
      const commented = comments.some((c) => c.start >= gapStart && c.start < gapEnd);
      if (breaks === 1 && !commented) gaps.push({ start: gapStart, end: gapEnd, text: ' ' });
    }
  }
  if (gaps.length === 0) return code;
  let out = '';
  let at = 0;
  for (const gap of gaps) {
    out += code.slice(at, gap.start) + gap.text;
    at = gap.end;
  }
  return out + code.slice(at);
}

/**
 * Re-indents and re-spaces Snippet code without changing anything but whitespace or moving any line break, as edits
 * of `parsed.code` (only where something changes): each line is indented by its depth in `{…}` blocks (a line
 * starting with `}` one level less), blank lines become empty, trailing whitespace goes, and between tokens of a line:
 * one space around `=` of assignments and around binary operators, after commas and keywords and before `{`; none
 * before commas; other runs of blanks become one space. Text inside `{…}` interpolations is left exactly as written,
 * and the gap before a trailing comment is kept.
 */
export function layoutEdits(parsed: ParsedCode, options: LayoutOptions): TextEdit[] {
  const { code, tokens } = parsed;
  const spaced = spacedOperators(parsed);
  const interpolated = interpolationDepths(tokens);
  const lineStarts = lineStartsOf(code);
  const indents: string[] = [''];
  const indentOf = (depth: number): string => {
    while (indents.length <= depth) indents.push(indents[indents.length - 1]! + options.indent);
    return indents[depth]!;
  };
  const edits: TextEdit[] = [];
  const replace = (start: number, end: number, newText: string): void => {
    if (end - start === newText.length && code.startsWith(newText, start)) return;
    edits.push({ range: { start, end }, newText });
  };
  let token = 0;
  let depth = 0;
  const last = tokens.count - 1; // EOF
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line]!;
    const next = line + 1 < lineStarts.length ? lineStarts[line + 1]! : code.length;
    let contentEnd = next;
    if (contentEnd > start && code.charCodeAt(contentEnd - 1) === 10) contentEnd--;
    if (contentEnd > start && code.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    let firstBlank = start;
    while (firstBlank < contentEnd && isBlank(code.charCodeAt(firstBlank))) firstBlank++;
    if (firstBlank === contentEnd) {
      if (contentEnd > start) replace(start, contentEnd, '');
      continue;
    }
    const first = token;
    while (token < last && tokens.starts[token]! < contentEnd) token++;
    const lineDepth = first < token && tokens.kinds[first] === TokenKind.RBrace ? depth - 1 : depth;
    replace(start, firstBlank, indentOf(Math.max(0, lineDepth)));
    for (let i = first; i < token; i++) {
      const kind = tokens.kinds[i] as TokenKind;
      if (kind === TokenKind.LBrace) depth++;
      else if (kind === TokenKind.RBrace) depth--;
      if (i + 1 < token) {
        const gap = gapBetween(tokens, i, spaced, interpolated);
        if (gap !== undefined) replace(tokens.ends[i]!, tokens.starts[i + 1]!, gap);
      }
    }
    // The rest of the line: a trailing comment (its gap kept), or a comment line; then trailing blanks go.
    let end = contentEnd;
    while (end > firstBlank && isBlank(code.charCodeAt(end - 1))) end--;
    if (end < contentEnd) replace(end, contentEnd, '');
  }
  return edits;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12;
}

/** The blank run wanted between tokens `i` and `i + 1` of one line; undefined to keep it as written. */
function gapBetween(
  tokens: TokenStream,
  i: number,
  spaced: ReadonlySet<number>,
  interpolated: Uint16Array,
): string | undefined {
  if (interpolated[i]! > 0 || interpolated[i + 1]! > 0) return undefined;
  const a = tokens.kinds[i] as TokenKind;
  const b = tokens.kinds[i + 1] as TokenKind;
  // Inside a string (between its quote, text and interpolations) nothing is blank space of the code.
  if (a === TokenKind.StringStart || a === TokenKind.StringText) return undefined;
  if (b === TokenKind.StringText || b === TokenKind.StringEnd) return undefined;
  if (b === TokenKind.Comma) return '';
  if (a === TokenKind.Comma) return ' ';
  if (spaced.has(tokens.starts[i]!) || spaced.has(tokens.starts[i + 1]!)) return ' ';
  if (b === TokenKind.LBrace) return ' ';
  if (isKeyword(a)) return ' ';
  if (isKeyword(b) && a === TokenKind.RBrace) return ' ';
  return tokens.ends[i] === tokens.starts[i + 1] ? '' : ' ';
}

/** Per token: how many `{…}` interpolations it is inside (the braces themselves count as inside). */
function interpolationDepths(tokens: TokenStream): Uint16Array {
  const depths = new Uint16Array(tokens.count);
  let depth = 0;
  for (let i = 0; i < tokens.count; i++) {
    const kind = tokens.kinds[i] as TokenKind;
    if (kind === TokenKind.InterpStart) depth++;
    depths[i] = depth;
    if (kind === TokenKind.InterpEnd) depth = Math.max(0, depth - 1);
  }
  return depths;
}

/** Code offsets of the operators that get a space on both sides: assignment `=` and binary operators. */
function spacedOperators(parsed: ParsedCode): Set<number> {
  const { tokens } = parsed;
  const starts = new Set<number>();
  const firstEqAfter = (offset: number): void => {
    // The `=` right after an assignment target or FOR variable.
    let low = 0;
    let high = tokens.count - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (tokens.starts[middle]! < offset) low = middle + 1;
      else high = middle;
    }
    if (tokens.kinds[low] === TokenKind.Eq) starts.add(tokens.starts[low]!);
  };
  const stack: ExpressionNode[] = [];
  walk(parsed.program, (node: AstNode) => {
    if (node.kind === 'Assign') firstEqAfter(node.target.end);
    else if (node.kind === 'For' && node.variable) firstEqAfter(node.variable.end);
    if (!isExpressionNode(node)) return undefined;
    // Expressions: an explicit stack, no callback per node; nothing inside a string is re-spaced.
    stack.push(node);
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.kind === 'StringLiteral') continue;
      if (e.kind === 'Binary') starts.add(e.operatorStart);
      pushExpressionChildren(e, stack);
    }
    return false;
  });
  return starts;
}

function lineStartsOf(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 13 && code.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}
