import { TokenFlags, TokenKind, type TokenStream } from './lexer';

/**
 * Where the parser's recovery finds the closer of a group left open: "scanning from token `p` on its line, which
 * `close` token has no `open` of its own before it?" A scan per question costs the rest of the line, and the parser
 * asks once per broken group, so `ASSIGN x = a[[[[…` on one 100 KB line took 33 s. Here every answer for one bracket
 * kind comes from a single right-to-left pass over the tokens (built on the first question, so correct code never
 * pays for it): O(1) per question, O(n) in all.
 *
 * The answer is the scan's, exactly: it stops (no closer) at the end of the code, at `{` or `}` (recovery never
 * leaves a block), at the end of an enclosing interpolation, and at a line break after the first token; it steps
 * over whole strings (line breaks inside an interpolation included).
 */
export class GroupClosers {
  private readonly kinds: Uint8Array;
  private readonly flags: Uint16Array;
  private readonly count: number;
  /** For each StringStart, the index of its StringEnd (-1 when the code ends first); built with the first table. */
  private stringEnds: Int32Array | undefined;
  private readonly tables = new Map<number, Int32Array>();

  constructor(tokens: TokenStream) {
    this.kinds = tokens.kinds;
    this.flags = tokens.flags;
    this.count = tokens.count;
  }

  /** The index of the `close` token that ends a group open before token `p`, on `p`'s line; -1 when there is none. */
  closeFrom(p: number, open: TokenKind, close: TokenKind): number {
    const key = (open << 8) | close;
    let table = this.tables.get(key);
    if (table === undefined) {
      table = this.build(open, close);
      this.tables.set(key, table);
    }
    return p < this.count ? table[p]! : -1;
  }

  /**
   * `answer[i]`: the scan's result when it starts at token i. Right to left, each answer depends only on answers
   * further right: a closer answers itself; an opener skips to after its own closer (the answer just after it);
   * a string skips to after its end; any other token defers to the next one, unless that one starts a new line.
   */
  private build(open: TokenKind, close: TokenKind): Int32Array {
    const { kinds, count } = this;
    const stringEnds = this.matchStrings();
    const answer = new Int32Array(count);
    /** The answer from token j when j is not the first token of the scan (its line break stops the scan). */
    const after = (j: number): number => (j >= count || this.newlineBefore(j) ? -1 : answer[j]!);
    for (let i = count - 1; i >= 0; i--) {
      const k = kinds[i]!;
      if (k === TokenKind.EOF || k === TokenKind.LBrace || k === TokenKind.RBrace || k === TokenKind.InterpEnd) {
        answer[i] = -1;
      } else if (k === TokenKind.StringStart) {
        const end = stringEnds[i]!;
        answer[i] = end < 0 ? -1 : after(end + 1);
      } else if (k === close) {
        answer[i] = i;
      } else if (k === open) {
        const ownCloser = after(i + 1);
        answer[i] = ownCloser < 0 ? -1 : after(ownCloser + 1);
      } else {
        answer[i] = after(i + 1);
      }
    }
    return answer;
  }

  /** Pairs each StringStart with its StringEnd (they nest through interpolations). */
  private matchStrings(): Int32Array {
    if (this.stringEnds) return this.stringEnds;
    const { kinds, count } = this;
    const ends = new Int32Array(count).fill(-1);
    const open: number[] = [];
    for (let i = 0; i < count; i++) {
      const k = kinds[i]!;
      if (k === TokenKind.StringStart) open.push(i);
      else if (k === TokenKind.StringEnd && open.length > 0) ends[open.pop()!] = i;
    }
    this.stringEnds = ends;
    return ends;
  }

  private newlineBefore(i: number): boolean {
    return (this.flags[i]! & TokenFlags.NewlineBefore) !== 0;
  }
}
