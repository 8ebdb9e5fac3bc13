import type { BraceStyle } from '../common/settings';
import type { TextRange } from '../common/text-range';
import { type AstNode, walk } from '../syntax/snippet/ast';
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
 * Re-indents and re-spaces Snippet code without changing anything but whitespace or moving any line break: each line
 * is indented by its depth in `{…}` blocks (a line starting with `}` one level less), blank lines become empty,
 * trailing whitespace goes, and between tokens of a line: one space around `=` of assignments and around binary
 * operators, after commas and keywords and before `{`; none before commas; other runs of blanks become one space.
 * Text inside `{…}` interpolations is left exactly as written, and the gap before a trailing comment is kept.
 */
export function indentAndSpace(parsed: ParsedCode, options: LayoutOptions): string {
  const { code, tokens } = parsed;
  const spaced = spacedOperators(parsed);
  const interpolated = interpolationDepths(tokens);
  const lineStarts = lineStartsOf(code);
  const out: string[] = [];
  let token = 0;
  let depth = 0;
  const last = tokens.count - 1; // EOF
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line]!;
    const next = line + 1 < lineStarts.length ? lineStarts[line + 1]! : code.length;
    const eolMatch = /(?:\r\n|\r|\n)$/.exec(code.slice(start, next));
    const eol = eolMatch ? eolMatch[0] : '';
    const contentEnd = next - eol.length;
    const content = code.slice(start, contentEnd);
    if (content.trim() === '') {
      out.push(eol);
      continue;
    }
    const first = token;
    while (token < last && tokens.starts[token]! < contentEnd) token++;
    const lineDepth = first < token && tokens.kinds[first] === TokenKind.RBrace ? depth - 1 : depth;
    let text = options.indent.repeat(Math.max(0, lineDepth));
    let cursor = first < token ? tokens.starts[first]! : start + (content.length - content.trimStart().length);
    for (let i = first; i < token; i++) {
      const kind = tokens.kinds[i] as TokenKind;
      if (kind === TokenKind.LBrace) depth++;
      else if (kind === TokenKind.RBrace) depth--;
      text += code.slice(tokens.starts[i]!, tokens.ends[i]!);
      cursor = tokens.ends[i]!;
      if (i + 1 < token) {
        const gap = code.slice(cursor, tokens.starts[i + 1]!);
        text += gapBetween(tokens, i, gap, spaced, interpolated);
        cursor = tokens.starts[i + 1]!;
      }
    }
    // The rest of the line: a trailing comment (its gap kept), or a comment line; then trailing blanks go.
    text += code.slice(cursor, contentEnd).trimEnd();
    out.push(text + eol);
  }
  return out.join('');
}

function gapBetween(
  tokens: TokenStream,
  i: number,
  gap: string,
  spaced: ReadonlySet<number>,
  interpolated: Uint16Array,
): string {
  if (/[^ \t]/.test(gap)) return gap;
  if (interpolated[i]! > 0 || interpolated[i + 1]! > 0) return gap;
  const a = tokens.kinds[i] as TokenKind;
  const b = tokens.kinds[i + 1] as TokenKind;
  // Inside a string (between its quote, text and interpolations) nothing is blank space of the code.
  if (a === TokenKind.StringStart || a === TokenKind.StringText) return gap;
  if (b === TokenKind.StringText || b === TokenKind.StringEnd) return gap;
  if (b === TokenKind.Comma) return '';
  if (a === TokenKind.Comma) return ' ';
  if (spaced.has(tokens.starts[i]!) || spaced.has(tokens.starts[i + 1]!)) return ' ';
  if (b === TokenKind.LBrace) return ' ';
  if (isKeyword(a)) return ' ';
  if (isKeyword(b) && a === TokenKind.RBrace) return ' ';
  return gap === '' ? '' : ' ';
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
  walk(parsed.program, (node: AstNode) => {
    switch (node.kind) {
      case 'Assign':
        firstEqAfter(node.target.range.end);
        break;
      case 'For':
        if (node.variable) firstEqAfter(node.variable.range.end);
        break;
      case 'Binary':
        starts.add(node.operatorRange.start);
        break;
      case 'StringLiteral':
        // Interpolations keep their spacing: nothing inside a string is re-spaced.
        return false;
      default:
        break;
    }
    return undefined;
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
