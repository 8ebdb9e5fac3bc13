import { type CommonEnds, commonEnds } from '../../common/common-ends';
import type { ParseError } from '../../common/text-range';
import type * as A from './ast';
import { firstTokenAtOrAfter, type TokenStream } from './lexer';
import { shiftedStatement } from './shift';

/** A top-level statement of the previous version taken over, and the token the parser goes on from. */
export interface ReusedStatement {
  readonly statement: A.Statement;
  /** Index (in the new token stream) of the first token after the statement. */
  readonly next: number;
}

/** What the parse of a new version may take over from the previous version's parse: whole top-level statements. */
export interface StatementReuse {
  /** The statement that starts at new token `p` at top level, when it can be taken over; undefined otherwise. */
  at(p: number): ReusedStatement | undefined;
}

/** The parts of the previous parse that reuse reads. */
export interface PreviousParse {
  readonly program: A.Program;
  readonly errors: readonly ParseError[];
  readonly tokens?: TokenStream;
}

let reusedCount = 0;

/** Top-level statements taken over so far in this process (tests check that reuse happens). */
export function snippetStatementsReused(): number {
  return reusedCount;
}

/** Tokens after a statement that its parse may have looked at (ELSE after IF's block, the next line's start). */
const LOOKAHEAD = 2;

/**
 * Reuse of the previous version's top-level statements, for a parse of `tokens` (the new text's tokens; `ends`: where
 * the two texts differ, when the caller has it).
 * A statement is taken over when the parser reaches, at top level, the place where it now starts, and its tokens and
 * the `LOOKAHEAD` tokens after it are among the tokens both versions share (the leading ones, or the trailing ones
 * moved by the edit's length change: same kinds, flags and offsets over the same text), and neither version had a
 * lexer or parse error from its first token to the token after it. The parser then reads the same tokens in the same
 * state (nothing carries over between top-level statements but errors), so it would build the same statement. Before
 * the edit the statement is the same object; after it, a copy moved by the length change (syntax/snippet/shift.ts).
 * Undefined when there is nothing to take over.
 */
export function statementReuse(
  previous: PreviousParse,
  tokens: TokenStream,
  ends?: CommonEnds,
): StatementReuse | undefined {
  const old = previous.tokens;
  if (!old || previous.program.body.length === 0) return undefined;
  const before = old.text;
  const after = tokens.text;
  const { prefix, suffix } = ends ?? commonEnds(before, after);
  if (prefix === before.length && prefix === after.length) return undefined;
  const delta = after.length - before.length;
  const tokenDelta = tokens.count - old.count;
  const same = (i: number, j: number, shift: number): boolean =>
    tokens.kinds[j] === old.kinds[i] &&
    tokens.flags[j] === old.flags[i] &&
    tokens.starts[j] === old.starts[i]! + shift &&
    tokens.ends[j] === old.ends[i]! + shift;
  // Tokens 0 … samePrefix - 1 are the same tokens of the same text in both versions.
  let samePrefix = 0;
  while (samePrefix < Math.min(old.count, tokens.count) - 1 && old.ends[samePrefix]! <= prefix) {
    if (!same(samePrefix, samePrefix, 0)) break;
    samePrefix++;
  }
  // Old tokens sameSuffix … old.count - 1 are the same tokens of the same text, moved by `delta`, in the new version.
  const suffixStart = after.length - suffix;
  let sameSuffix = old.count;
  while (sameSuffix > 0 && sameSuffix - 1 + tokenDelta >= 0) {
    const i = sameSuffix - 1;
    if (old.starts[i]! + delta < suffixStart || !same(i, i + tokenDelta, delta)) break;
    sameSuffix = i;
  }
  const body = previous.program.body;
  const newLexerErrors = tokens.errors.map((e) => e.range.start).sort((a, b) => a - b);
  let cursor = 0;

  return {
    at(p) {
      const inPrefix = p < samePrefix;
      const oldIndex = inPrefix ? p : p - tokenDelta;
      if (!inPrefix && (oldIndex < sameSuffix || oldIndex >= old.count)) return undefined;
      const shift = inPrefix ? 0 : delta;
      const oldStart = old.starts[oldIndex]!;
      while (cursor < body.length && body[cursor]!.start < oldStart) cursor++;
      const statement = body[cursor];
      if (!statement || statement.start !== oldStart) return undefined;
      // The statement's last token, and the lookahead after it: all among the tokens that did not change. The EOF
      // token (at the text's end) always follows a statement, so `last + 1` is a token.
      const last = firstTokenAtOrAfter(old, statement.end) - 1;
      const through = Math.min(last + LOOKAHEAD, old.count - 1);
      if (inPrefix && through >= samePrefix) return undefined;
      const windowEnd = old.starts[last + 1]!;
      if (hasErrorIn(previous.errors, oldStart, windowEnd)) return undefined;
      if (hasStartIn(newLexerErrors, oldStart + shift, windowEnd + shift)) return undefined;
      const taken = shift === 0 ? statement : shiftedStatement(statement, shift);
      if (!taken) return undefined;
      reusedCount++;
      return { statement: taken, next: last + 1 + (p - oldIndex) };
    },
  };
}

/** Whether an error (sorted by start) starts in [from, to]. */
function hasErrorIn(errors: readonly ParseError[], from: number, to: number): boolean {
  let low = 0;
  let high = errors.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (errors[middle]!.range.start < from) low = middle + 1;
    else high = middle;
  }
  return low < errors.length && errors[low]!.range.start <= to;
}

/** Whether one of the offsets lies in [from, to] (the lexer's errors: few, so a scan). */
function hasStartIn(starts: readonly number[], from: number, to: number): boolean {
  for (const start of starts) if (start >= from && start <= to) return true;
  return false;
}
