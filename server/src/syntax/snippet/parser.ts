import { type CommonEnds, commonEnds } from '../../common/common-ends';
import { quoteSource } from '../../common/quote-source';
import type { ParseError, TextRange } from '../../common/text-range';
import type * as A from './ast';
import { GroupClosers } from './group-closers';
import { type PreviousParse, type StatementReuse, statementReuse } from './reuse';
import { relex, tokenize, type QuoteCode, type TokenFlags, type TokenKind, type TokenStream, type Word } from './lexer';

export { foldName } from './ast';

/*
 * The lexer's enums, mirrored with literal values. esbuild (which also runs the tests and the benchmark through tsx)
 * inlines enum members only within one file, and the parser's hottest code switches on token kinds; without the
 * mirror every comparison would be a property lookup on another module's enum. The `mirrored` check below does
 * not compile if a value drifts from lexer.ts.
 */
enum T {
  EOF = 0,
  Identifier = 1,
  Number = 2,
  True = 3,
  False = 4,
  StringSimple = 5,
  StringStart = 6,
  StringText = 7,
  InterpStart = 8,
  InterpEnd = 9,
  StringEnd = 10,
  KwAssign = 11,
  KwDynamic = 12,
  KwFunction = 13,
  KwIf = 14,
  KwElse = 15,
  KwSelect = 16,
  KwSwitch = 17,
  KwCase = 18,
  KwDefault = 19,
  KwFor = 20,
  KwForeach = 21,
  KwRepeat = 22,
  KwBreak = 23,
  KwReturn = 24,
  KwTrace = 25,
  KwUses = 26,
  LParen = 27,
  RParen = 28,
  LBracket = 29,
  RBracket = 30,
  LBrace = 31,
  RBrace = 32,
  Comma = 33,
  Dot = 34,
  Eq = 35,
  NotEq = 36,
  Lt = 37,
  LtEq = 38,
  Gt = 39,
  GtEq = 40,
  EqGt = 41,
  Amp = 42,
  Pipe = 43,
  Plus = 44,
  Minus = 45,
  Star = 46,
  Slash = 47,
  Backslash = 48,
  Percent = 49,
  Caret = 50,
  Tilde = 51,
  LtGt = 52,
  Bang = 53,
  EqEq = 54,
  AmpAmp = 55,
  PipePipe = 56,
  Semicolon = 57,
  Unknown = 58,
}

enum F {
  None = 0,
  NewlineBefore = 1,
  GlobalScope = 2,
  Synthesized = 4,
  QuoteShift = 3,
  QuoteMask = 3 << 3,
  WordShift = 5,
  WordMask = 15 << 5,
}

enum Q {
  Double = 0,
  Single = 1,
  Dollar = 2,
  Date = 3,
}

enum W {
  None = 0,
  In = 1,
  To = 2,
  While = 3,
  ElseIf = 4,
  Then = 5,
  Not = 6,
  Step = 7,
}

type EnumValues<E> = { [K in keyof E]: E[K] extends number ? `${E[K]}` : never };
type SameEnum<P, R> = [EnumValues<P>] extends [EnumValues<R>]
  ? [EnumValues<R>] extends [EnumValues<P>]
    ? true
    : false
  : false;
const mirrored: [
  SameEnum<typeof T, typeof TokenKind>,
  SameEnum<typeof F, typeof TokenFlags>,
  SameEnum<typeof Q, typeof QuoteCode>,
  SameEnum<typeof W, typeof Word>,
] = [true, true, true, true];
void mirrored;

function isKeyword(kind: T): boolean {
  return kind >= T.KwAssign && kind <= T.KwUses;
}

function quoteOf(flags: number): Q {
  return ((flags & F.QuoteMask) >> F.QuoteShift) as Q;
}

function wordOf(flags: number): W {
  return ((flags & F.WordMask) >> F.WordShift) as W;
}

/** The result of parsing one piece of Snippet code. Errors are sorted by position. */
export interface SnippetParseResult {
  readonly program: A.Program;
  readonly errors: ParseError[];
  /** `//` comments, in order. */
  readonly comments: TextRange[];
  /**
   * The tokens the tree was read from (absent only after an internal error): the authoring features read the same
   * stream instead of lexing the code again (4-5 ms at 20,000 lines; the arrays cost about 2.75 bytes per character).
   */
  readonly tokens?: TokenStream;
}

/** Blocks and expressions nested deeper than this are skipped with one error instead of being parsed. */
export const MAX_NESTING_DEPTH = 256;
/** At most this many errors are reported (then one "too many errors" note). */
export const MAX_ERRORS = 1000;

/** Message prefix of the last-resort error returned if the parser itself fails (a bug, never expected). */
export const INTERNAL_ERROR_PREFIX = 'Internal parser error';

/**
 * Parses Snippet code. Never throws: syntax problems become `errors` and the tree is built around them.
 * Statements are read token by token (newlines are soft separators), so several statements and whole blocks
 * may share a line.
 */
export function parseSnippet(text: string): SnippetParseResult {
  let tokens: TokenStream;
  try {
    tokens = tokenize(text);
  } catch (e) {
    return internalError(text, e);
  }
  return parseSnippetTokens(tokens);
}

/**
 * `parseSnippet` for code already split by `tokenize` (the stream's `text` is the code). Never throws. The parser
 * only reads the stream, so a caller can watch what it reads (the linear-work test counts its reads of `kinds`).
 */
export function parseSnippetTokens(tokens: TokenStream): SnippetParseResult {
  try {
    return new Parser(tokens).parse();
  } catch (e) {
    return internalError(tokens.text, e);
  }
}

/**
 * `parseSnippet` of a new version of code whose previous version's parse is at hand: only the lines an edit touched
 * are lexed again (`relex`), and top-level statements that did not change are taken over instead of read again
 * (syntax/snippet/reuse.ts). The
 * result is the one `parseSnippet(text)` gives (a property test compares them). Never throws.
 */
export function reparseSnippet(previous: PreviousParse, text: string): SnippetParseResult {
  let tokens: TokenStream;
  let ends: CommonEnds | undefined;
  try {
    ends = previous.tokens && commonEnds(previous.tokens.text, text);
    tokens = previous.tokens && ends ? relex(previous.tokens, text, ends) : tokenize(text);
  } catch (e) {
    return internalError(text, e);
  }
  try {
    return new Parser(tokens, statementReuse(previous, tokens, ends)).parse();
  } catch (e) {
    return internalError(text, e);
  }
}

/** Last resort so an editor keeps working; tests assert this never happens. */
function internalError(text: string, thrown: unknown): SnippetParseResult {
  const detail = quoteSource(thrown instanceof Error ? thrown.message : String(thrown), 200);
  return {
    program: { kind: 'Program', start: 0, end: text.length, body: [] },
    errors: [{ range: { start: 0, end: 0 }, message: `${INTERNAL_ERROR_PREFIX}: ${detail}` }],
    comments: [],
  };
}

interface InternedName {
  readonly text: string;
  readonly folded: string;
}

const QUOTES: readonly A.QuoteKind[] = ['"', "'", '$"', '#"'];

const NESTING_ADVICE = 'this code is skipped; split it into smaller pieces';
const NESTING_MESSAGE = `Nesting deeper than ${MAX_NESTING_DEPTH} levels: ${NESTING_ADVICE}`;

function undocumentedOperatorHint(kind: T): string | null {
  switch (kind) {
    case T.LtGt:
      return '<> is not a Snippet operator: use != for "not equal"';
    case T.EqEq:
      return '== is not a Snippet operator: use = to compare';
    case T.AmpAmp:
      return '&& is not a Snippet operator: use & for "and"';
    case T.PipePipe:
      return '|| is not a Snippet operator: use | for "or"';
    case T.Bang:
      return '! is not a Snippet operator: compare instead, e.g. x = false, or use != for "not equal"';
    default:
      return null;
  }
}

class Parser {
  private readonly text: string;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly flags: Uint16Array;
  private readonly errors: ParseError[] = [];
  /** Current token index. The token stream always ends with EOF, which is never consumed. */
  private p = 0;
  /** End offset of the last consumed token. */
  private lastEnd = 0;
  private depth = 0;
  /** Inside ( ) or [ ] or an interpolation: a name on the next line may continue the expression there. */
  private groupDepth = 0;
  /** Token index of the last error reported on a token, so one bad token gets one message. */
  private lastErrorToken = -1;
  private readonly names = new Map<string, InternedName>();
  private reportedTooDeep = false;
  /** Recovery's closer lookups, built on the first broken group. */
  private groupClosers: GroupClosers | undefined;

  constructor(
    private readonly tokens: TokenStream,
    /** Top-level statements of the previous version that can be taken over (reparseSnippet). */
    private readonly reuse?: StatementReuse,
  ) {
    this.text = tokens.text;
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.flags = tokens.flags;
    for (const e of tokens.errors) this.error(e.range.start, e.range.end, e.message);
  }

  parse(): SnippetParseResult {
    const body = this.parseStatements(false);
    const program: A.Program = { kind: 'Program', start: 0, end: this.text.length, body };
    const errors = this.errors.slice().sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
    return { program, errors, comments: this.tokens.comments, tokens: this.tokens };
  }

  // ---------------------------------------------------------------- token helpers

  private advance(): void {
    const p = this.p;
    if (this.kinds[p] !== T.EOF) {
      this.lastEnd = this.ends[p]!;
      this.p = p + 1;
    }
  }

  /** Where a node that began at `start` ends: after the last token taken (never before its start). */
  private endFrom(start: number): number {
    return Math.max(this.lastEnd, start);
  }

  private newlineBefore(i: number): boolean {
    return (this.flags[i]! & F.NewlineBefore) !== 0;
  }

  private tokenText(i: number): string {
    return this.text.slice(this.starts[i]!, this.ends[i]!);
  }

  private describe(i: number): string {
    const kind = this.kinds[i]!;
    if (kind === T.EOF) return 'the end of the code';
    if (kind === T.StringSimple || kind === T.StringStart) return 'a string';
    if (kind === T.Unknown) return describeCharacters(this.tokenText(i));
    return `"${quoteSource(this.tokenText(i))}"`;
  }

  private error(start: number, end: number, message: string): void {
    const n = this.errors.length;
    if (n < MAX_ERRORS) this.errors.push({ range: { start, end }, message });
    else if (n === MAX_ERRORS) {
      this.errors.push({
        range: { start, end },
        message: `Too many syntax errors: only the first ${MAX_ERRORS} are shown`,
      });
    }
  }

  private errorAtToken(message: string, i: number = this.p): void {
    if (this.lastErrorToken === i) return;
    this.lastErrorToken = i;
    if (this.kinds[i] === T.EOF && i > 0) {
      this.error(this.starts[i - 1]!, this.ends[i - 1]!, message);
    } else {
      this.error(this.starts[i]!, this.ends[i]!, message);
    }
  }

  /** Reports that `what` is missing at the current token (or after the previous one, at a line end). */
  private reportExpected(what: string): void {
    const p = this.p;
    const f = this.flags[p]!;
    // A string or interpolation cut off by the line end was reported by the lexer; do not pile on.
    if ((f & F.Synthesized) !== 0) return;
    if (p > 0 && (this.kinds[p] === T.EOF || (f & F.NewlineBefore) !== 0)) {
      if ((this.flags[p - 1]! & F.Synthesized) !== 0) return;
      this.errorAtToken(`Expected ${what}`, p - 1);
      return;
    }
    // Past the cap nothing more is kept: do not build (and quote) messages for nothing.
    if (this.errors.length > MAX_ERRORS) return;
    const hint = undocumentedOperatorHint(this.kinds[p]!);
    this.errorAtToken(hint ?? `Expected ${what}, found ${this.describe(p)}`);
  }

  /** The nesting limit is reported once per parse: one deep region usually trips it at several levels. */
  private reportTooDeep(): void {
    if (this.reportedTooDeep) return;
    this.reportedTooDeep = true;
    this.error(this.starts[this.p]!, this.ends[this.p]!, NESTING_MESSAGE);
  }

  private missing(): A.ErrorExpression {
    return { kind: 'ErrorExpression', start: this.lastEnd, end: this.lastEnd };
  }

  private missingBlock(): A.Block {
    return { kind: 'Block', start: this.lastEnd, end: this.lastEnd, body: [], closed: false, missing: true };
  }

  /** Skips a whole string literal (StringStart … matching StringEnd). */
  private skipString(): void {
    let nested = 0;
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k === T.EOF) return;
      if (k === T.StringStart) nested++;
      else if (k === T.StringEnd) nested--;
      this.advance();
      if (nested <= 0) return;
    }
  }

  private skipTo(index: number): void {
    while (this.p < index && this.kinds[this.p] !== T.EOF) this.advance();
  }

  /** After an error: skip to a token that can start a statement (keyword, new line, brace). */
  private recover(): void {
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k === T.EOF || k === T.RBrace || k === T.LBrace || isKeyword(k) || this.newlineBefore(this.p)) return;
      if (k === T.StringStart) this.skipString();
      else this.advance();
    }
  }

  /**
   * Finds the `close` token that matches an already-open group on the current line, or -1. Stops at braces and at
   * the end of an enclosing interpolation, so recovery never leaves a block or a string. O(1): see GroupClosers.
   */
  private findCloseOnLine(open: T.LParen | T.LBracket, close: T.RParen | T.RBracket): number {
    this.groupClosers ??= new GroupClosers(this.tokens);
    return this.groupClosers.closeFrom(this.p, open as number, close as number);
  }

  // ---------------------------------------------------------------- statements

  private parseStatements(inBlock: boolean): A.Statement[] {
    const body: A.Statement[] = [];
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k === T.EOF) break;
      if (k === T.RBrace) {
        if (inBlock) break;
        this.errorAtToken('Unmatched }: there is no { for it to close');
        this.advance();
        continue;
      }
      const reused = inBlock ? undefined : this.reuse?.at(this.p);
      if (reused) {
        body.push(reused.statement);
        this.p = reused.next;
        this.lastEnd = reused.statement.end;
        continue;
      }
      const before = this.p;
      const statement = this.parseStatement();
      if (statement) body.push(statement);
      if (this.p === before) {
        // Defensive: every statement consumes at least one token.
        this.errorAtToken(`Unexpected ${this.describe(before)}: expected a statement`);
        this.advance();
      }
    }
    return exact(body);
  }

  private parseStatement(): A.Statement | null {
    switch (this.kinds[this.p]!) {
      case T.KwAssign:
        return this.parseAssign();
      case T.KwDynamic:
        return this.parseDynamic();
      case T.KwFunction:
        return this.parseFunction();
      case T.KwIf:
        return this.parseIf();
      case T.KwElse:
        return this.parseStrayElse();
      case T.KwSwitch:
        return this.parseSwitch();
      case T.KwSelect:
        return this.parseSelect();
      case T.KwCase:
      case T.KwDefault:
        return this.parseStrayClause();
      case T.KwFor:
        return this.parseFor();
      case T.KwForeach:
        return this.parseForeach();
      case T.KwRepeat:
        return this.parseRepeat();
      case T.KwBreak: {
        const start = this.starts[this.p]!;
        this.advance();
        return { kind: 'Break', start, end: this.endFrom(start) };
      }
      case T.KwReturn:
        return this.parseReturn();
      case T.KwTrace:
        return this.parseTrace();
      case T.KwUses:
        return this.parseUses();
      case T.Identifier: {
        const word = wordOf(this.flags[this.p]!);
        if (word === W.While) {
          return this.parseUnsupportedHeader(
            'WHILE is not a Snippet loop: use FOR, FOREACH or REPEAT (and BREAK to leave early)',
          );
        }
        if (word === W.ElseIf) {
          return this.parseUnsupportedHeader(
            'ELSEIF is not a Snippet keyword, and ELSE needs an IF before it: write IF … { … } ELSE { IF … { … } }',
          );
        }
        return this.parseAssignOrCall();
      }
      case T.LBrace: {
        const start = this.starts[this.p]!;
        this.errorAtToken('A { … } block must follow IF, ELSE, FOR, FOREACH, REPEAT, FUNCTION, CASE or DEFAULT');
        const block = this.parseBraced();
        return { kind: 'ErrorStatement', start, end: this.endFrom(start), block };
      }
      case T.Semicolon:
        this.errorAtToken('Snippet has no semicolons: remove this ;');
        this.advance();
        return null;
      case T.Number:
      case T.True:
      case T.False:
      case T.StringSimple:
      case T.StringStart:
      case T.LParen:
      case T.Minus: {
        const start = this.starts[this.p]!;
        this.errorAtToken(
          `A statement cannot start with ${this.describe(this.p)}: ` +
            'write ASSIGN name = value, a call, or a keyword statement',
        );
        this.parseExpression();
        this.recover();
        return { kind: 'ErrorStatement', start, end: this.endFrom(start), block: null };
      }
      default: {
        const start = this.starts[this.p]!;
        const hint = undocumentedOperatorHint(this.kinds[this.p]!);
        this.errorAtToken(hint ?? `Unexpected ${this.describe(this.p)}: expected a statement`);
        this.advance();
        this.recover();
        return { kind: 'ErrorStatement', start, end: this.endFrom(start), block: null };
      }
    }
  }

  /** `ASSIGN target = value`. */
  private parseAssign(): A.AssignStatement {
    const start = this.starts[this.p]!;
    const keyword = this.p;
    this.advance();
    let target: A.Expression;
    const k = this.kinds[this.p]!;
    if (k === T.Identifier) {
      target = this.parseTarget();
    } else if ((isKeyword(k) || k === T.True || k === T.False) && this.kinds[this.p + 1] === T.Eq) {
      this.errorAtToken(`${this.tokenText(this.p).toUpperCase()} is a reserved word and cannot be a variable name`);
      target = this.identifierFromToken();
    } else {
      this.reportExpected('a variable name after ASSIGN');
      target = this.missing();
      if (k !== T.Eq && k !== T.EqEq)
        return {
          kind: 'Assign',
          start,
          end: this.endFrom(start),
          hasAssignKeyword: true,
          target,
          value: this.missing(),
        };
    }
    if (!this.eatAssignOperator()) {
      if (target.kind !== 'ErrorExpression') {
        const written = this.text.slice(target.start, target.end);
        this.reportExpected(`= after ${this.tokenText(keyword).toUpperCase()} ${quoteSource(written)}`);
      }
      return { kind: 'Assign', start, end: this.endFrom(start), hasAssignKeyword: true, target, value: this.missing() };
    }
    const value = this.parseRequired('a value after =');
    return { kind: 'Assign', start, end: this.endFrom(start), hasAssignKeyword: true, target, value };
  }

  /** Consumes `=` (or a reported `==`). */
  private eatAssignOperator(): boolean {
    const k = this.kinds[this.p]!;
    if (k === T.Eq) {
      this.advance();
      return true;
    }
    if (k === T.EqEq) {
      this.errorAtToken('== is not a Snippet operator: use = to assign');
      this.advance();
      return true;
    }
    return false;
  }

  /** Reads an assignment target: a name followed by `.member` and `[index]` parts. */
  private parseTarget(): A.Expression {
    const target = this.parsePostfixTail(this.parseIdentifier());
    this.checkTarget(target);
    return target;
  }

  private checkTarget(target: A.Expression): void {
    for (let e = target; ; ) {
      if (e.kind === 'Member' || e.kind === 'Index') {
        e = e.object;
      } else {
        if (e.kind === 'Call') {
          this.error(
            target.start,
            target.end,
            'Cannot assign to the result of a call: assign to a variable or a member',
          );
        }
        return;
      }
    }
  }

  /** A statement starting with a name: `x = …` (assignment without ASSIGN) or a call such as `p.AddHeader(…)`. */
  private parseAssignOrCall(): A.Statement {
    const start = this.starts[this.p]!;
    const first = this.p;
    const expression = this.parsePostfixTail(this.parseIdentifier());
    const k = this.kinds[this.p]!;
    if (k === T.Eq || k === T.EqEq) {
      this.checkTarget(expression);
      this.eatAssignOperator();
      const value = this.parseRequired('a value after =');
      return { kind: 'Assign', start, end: this.endFrom(start), hasAssignKeyword: false, target: expression, value };
    }
    if (expression.kind === 'Call') return { kind: 'ExpressionStatement', start, end: this.endFrom(start), expression };
    if (isArithmetic(k) && this.kinds[this.p + 1] === T.Eq && this.starts[this.p + 1] === this.ends[this.p]) {
      const op = this.tokenText(this.p);
      const name = exampleName(this.text.slice(expression.start, expression.end));
      this.error(
        this.starts[this.p]!,
        this.ends[this.p + 1]!,
        `${op}= is not a Snippet operator: write ${name} = ${name} ${op} value`,
      );
      this.advance();
      this.advance();
      const value = this.parseRequired(`a value after ${op}=`);
      return { kind: 'Assign', start, end: this.endFrom(start), hasAssignKeyword: false, target: expression, value };
    }
    const word = expression.kind === 'Identifier' ? wordOf(this.flags[first]!) : W.None;
    if (word === W.Then) {
      this.errorAtToken('THEN is not used in Snippet: write IF condition { … }', first);
    } else if (word === W.Not) {
      this.errorAtToken('NOT is not a Snippet operator: compare instead, e.g. IF x = false { … }', first);
    } else {
      const written = this.text.slice(expression.start, expression.end);
      const name = exampleName(written);
      this.error(
        expression.start,
        expression.end,
        `Expected = after ${quoteSource(written)}: a statement is an assignment (${name} = value), ` +
          `a call such as ${name}.method(…), or starts with a keyword`,
      );
      this.lastErrorToken = first;
    }
    this.recover();
    return { kind: 'ExpressionStatement', start, end: this.endFrom(start), expression };
  }

  private parseDynamic(): A.DynamicStatement {
    const start = this.starts[this.p]!;
    this.advance();
    let name: A.Identifier | null = null;
    if (this.kinds[this.p] === T.Identifier) name = this.parseIdentifier();
    else this.reportExpected('a name after DYNAMIC, e.g. DYNAMIC body');
    return { kind: 'Dynamic', start, end: this.endFrom(start), name };
  }

  /** `FUNCTION Name(a, b) { … }`. */
  private parseFunction(): A.FunctionDeclaration {
    const start = this.starts[this.p]!;
    this.advance();
    let name: A.Identifier | null = null;
    if (this.kinds[this.p] === T.Identifier) name = this.parseIdentifier();
    else this.reportExpected('a function name, e.g. FUNCTION Name(a, b) { … }');
    const params: A.Identifier[] = [];
    if (this.kinds[this.p] === T.LParen) {
      const open = this.starts[this.p]!;
      this.advance();
      if (this.kinds[this.p] === T.RParen) {
        this.advance();
      } else {
        for (;;) {
          if (this.kinds[this.p] === T.Identifier) params.push(this.parseIdentifier());
          else this.reportExpected('a parameter name');
          const k = this.kinds[this.p]!;
          if (k === T.Comma) {
            this.advance();
            continue;
          }
          if (k === T.RParen) {
            this.advance();
            break;
          }
          const close = this.findCloseOnLine(T.LParen, T.RParen);
          if (close >= 0) {
            this.reportExpected(', or ) in the parameter list');
            this.skipTo(close);
            this.advance();
          } else {
            this.error(open, open + 1, 'This ( is never closed: add the matching )');
          }
          break;
        }
      }
    } else if (name) {
      this.reportExpected('( after the function name, e.g. FUNCTION Name(a, b) { … }');
    }
    const body = this.parseBlock('FUNCTION', start);
    return { kind: 'Function', start, end: this.endFrom(start), name, params, body };
  }

  private parseReturn(): A.ReturnStatement {
    const start = this.starts[this.p]!;
    this.advance();
    // The value must start on RETURN's line; a name on the next line is the next statement.
    const value = !this.newlineBefore(this.p) && this.canStartExpression(this.p) ? this.parseExpression() : null;
    return { kind: 'Return', start, end: this.endFrom(start), value };
  }

  private parseTrace(): A.TraceStatement {
    const start = this.starts[this.p]!;
    this.advance();
    const value = this.parseRequired('the text to trace after TRACE, e.g. TRACE "status {code}"');
    return { kind: 'Trace', start, end: this.endFrom(start), value };
  }

  private parseUses(): A.UsesStatement {
    const start = this.starts[this.p]!;
    this.advance();
    const value = this.parseRequired('the DLL name after USES, e.g. USES "Proxy.dll"');
    if (value.kind !== 'StringLiteral' && value.kind !== 'ErrorExpression') {
      this.error(value.start, value.end, 'USES needs the DLL name in quotes, e.g. USES "Proxy.dll"');
    }
    return { kind: 'Uses', start, end: this.endFrom(start), value };
  }

  /** IF … { } [ELSE { } | ELSE IF …]; an ELSE IF chain is read in a loop, so long chains cost no stack. */
  private parseIf(): A.IfStatement {
    interface Head {
      start: number;
      condition: A.Expression;
      then: A.Block;
      elseKeywordRange: TextRange | null;
      elseIsIf: boolean;
    }
    const heads: Head[] = [];
    let finalElse: A.Block | null = null;
    for (;;) {
      const start = this.starts[this.p]!;
      this.advance(); // IF, or an ELSEIF that was reported
      const condition = this.parseRequired('a condition after IF');
      const then = this.parseBlock('IF', start);
      const head: Head = { start, condition, then, elseKeywordRange: null, elseIsIf: false };
      heads.push(head);
      const k = this.kinds[this.p]!;
      if (k === T.KwElse) {
        const elseStart = this.starts[this.p]!;
        head.elseKeywordRange = { start: elseStart, end: this.ends[this.p]! };
        this.advance();
        const next = this.kinds[this.p]!;
        if (next === T.KwIf) {
          head.elseIsIf = true;
          continue;
        }
        finalElse = this.parseBlock('ELSE', elseStart);
        break;
      }
      if (k === T.Identifier && wordOf(this.flags[this.p]!) === W.ElseIf) {
        this.errorAtToken('ELSEIF is not a Snippet keyword: write ELSE { IF … { … } }');
        head.elseKeywordRange = { start: this.starts[this.p]!, end: this.ends[this.p]! };
        head.elseIsIf = true;
        continue;
      }
      break;
    }
    const end = this.lastEnd;
    let node: A.IfStatement | null = null;
    for (let i = heads.length - 1; i >= 0; i--) {
      const h = heads[i]!;
      node = {
        kind: 'If',
        start: h.start,
        end: Math.max(end, h.start),
        condition: h.condition,
        // biome-ignore lint/suspicious/noThenProperty: the IF branch is named after the keyword; never awaited
        then: h.then,
        else: h.elseIsIf ? node : finalElse,
        elseKeywordRange: h.elseKeywordRange,
        elseIfWithoutBraces: h.elseIsIf,
      };
    }
    return node!;
  }

  private parseStrayElse(): A.ErrorStatement {
    const start = this.starts[this.p]!;
    this.errorAtToken('ELSE without IF: ELSE must come right after the closing } of an IF block');
    this.advance();
    const block = this.kinds[this.p] === T.LBrace ? this.parseBraced() : null;
    return { kind: 'ErrorStatement', start, end: this.endFrom(start), block };
  }

  /** WHILE / a stray ELSEIF: report, then read `header-expression { … }` so the braces stay balanced. */
  private parseUnsupportedHeader(message: string): A.ErrorStatement {
    const start = this.starts[this.p]!;
    this.errorAtToken(message);
    this.advance();
    if (this.kinds[this.p] !== T.LBrace && this.canStartExpression(this.p)) this.parseExpression();
    const block = this.kinds[this.p] === T.LBrace ? this.parseBraced() : null;
    return { kind: 'ErrorStatement', start, end: this.endFrom(start), block };
  }

  private parseSwitch(): A.SwitchStatement {
    const start = this.starts[this.p]!;
    this.advance();
    const discriminant = this.parseRequired('a value after SWITCH');
    const { clauses, closed } = this.parseClauses('SWITCH', start);
    return { kind: 'Switch', start, end: this.endFrom(start), discriminant, clauses, closed };
  }

  private parseSelect(): A.SelectStatement {
    const start = this.starts[this.p]!;
    this.advance();
    if (this.kinds[this.p] !== T.LBrace && !this.newlineBefore(this.p) && this.canStartExpression(this.p)) {
      this.errorAtToken('SELECT takes no value: write the test in each CASE, or use SWITCH value { CASE … }');
      this.parseExpression();
    }
    const { clauses, closed } = this.parseClauses('SELECT', start);
    return { kind: 'Select', start, end: this.endFrom(start), clauses, closed };
  }

  /** The `{ CASE … DEFAULT … }` body of SWITCH and SELECT. */
  private parseClauses(owner: string, headerStart: number): { clauses: A.SwitchClause[]; closed: boolean } {
    const clauses: A.SwitchClause[] = [];
    if (this.kinds[this.p] !== T.LBrace) {
      this.error(
        headerStart,
        Math.max(headerStart, this.lastEnd),
        `${owner} needs a { … } block holding CASE … { … } and DEFAULT { … }`,
      );
      return { clauses, closed: false };
    }
    if (this.depth >= MAX_NESTING_DEPTH) return { clauses, closed: this.skipTooDeepBlock().closed };
    this.depth++;
    const open = this.starts[this.p]!;
    this.advance();
    let closed = false;
    let complained = false;
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k === T.RBrace) {
        this.advance();
        closed = true;
        break;
      }
      if (k === T.EOF) {
        this.error(open, open + 1, 'This { is never closed: add the matching }');
        break;
      }
      if (k === T.KwCase) {
        clauses.push(this.parseCaseGroup());
        complained = false;
      } else if (k === T.KwDefault) {
        clauses.push(this.parseDefault());
        complained = false;
      } else {
        if (!complained) {
          this.errorAtToken(
            `Only CASE and DEFAULT blocks can appear directly inside ${owner}: put this inside a CASE or DEFAULT block`,
          );
          complained = true;
        }
        const before = this.p;
        this.parseStatement();
        if (this.p === before) this.advance();
      }
    }
    this.depth--;
    return { clauses, closed };
  }

  /** One or more stacked `CASE value` lines and the block they share. */
  private parseCaseGroup(): A.CaseGroup {
    const start = this.starts[this.p]!;
    const labels: A.CaseLabel[] = [];
    let lastLabel = start;
    while (this.kinds[this.p] === T.KwCase) {
      lastLabel = this.starts[this.p]!;
      this.advance();
      const value = this.parseRequired('a value after CASE');
      labels.push({ kind: 'CaseLabel', start: lastLabel, end: this.endFrom(lastLabel), value });
    }
    const body = this.parseBlock('CASE', lastLabel);
    return { kind: 'CaseGroup', start, end: this.endFrom(start), labels: exact(labels), body };
  }

  private parseDefault(): A.DefaultClause {
    const start = this.starts[this.p]!;
    this.advance();
    const body = this.parseBlock('DEFAULT', start);
    return { kind: 'DefaultClause', start, end: this.endFrom(start), body };
  }

  private parseStrayClause(): A.ErrorStatement {
    const start = this.starts[this.p]!;
    const keyword = this.tokenText(this.p).toUpperCase();
    this.errorAtToken(`${keyword} outside SWITCH or SELECT: put it inside SWITCH value { … } or SELECT { … }`);
    const clause = this.kinds[this.p] === T.KwCase ? this.parseCaseGroup() : this.parseDefault();
    return { kind: 'ErrorStatement', start, end: this.endFrom(start), block: clause.body.missing ? null : clause.body };
  }

  /** `FOR i = from TO to { … }` (also reads `FOR x IN list`, reported, as FOREACH). */
  private parseFor(): A.ForStatement | A.ForeachStatement {
    const start = this.starts[this.p]!;
    this.advance();
    const variable = this.parseLoopVariable('FOR i = 1 TO 10 { … }');
    if (this.kinds[this.p] === T.Identifier && wordOf(this.flags[this.p]!) === W.In) {
      this.errorAtToken('FOR … IN is written FOREACH: FOREACH item IN list { … }');
      this.advance();
      const iterable = this.parseRequired('a list after IN');
      const body = this.parseBlock('FOREACH', start);
      return { kind: 'Foreach', start, end: this.endFrom(start), variable, iterable, body };
    }
    let from: A.Expression;
    if (this.eatAssignOperator()) {
      from = this.parseRequired('a start value after =, e.g. FOR i = 1 TO 10 { … }');
    } else {
      this.reportExpected('= after the loop variable, e.g. FOR i = 1 TO 10 { … }');
      from = this.missing();
    }
    let to: A.Expression;
    if (this.kinds[this.p] === T.Identifier && wordOf(this.flags[this.p]!) === W.To) {
      this.advance();
      to = this.parseRequired('an end value after TO');
    } else {
      if (from.kind !== 'ErrorExpression') this.reportExpected('TO and an end value, e.g. FOR i = 1 TO 10 { … }');
      to = this.sameLineOperand() ? this.parseExpression() : this.missing();
    }
    if (this.kinds[this.p] === T.Identifier && wordOf(this.flags[this.p]!) === W.Step && !this.newlineBefore(this.p)) {
      this.errorAtToken('STEP is not supported: FOR always counts by 1 (and counts down when the start is bigger)');
      this.advance();
      if (this.kinds[this.p] !== T.LBrace && this.canStartExpression(this.p)) this.parseExpression();
    }
    const body = this.parseBlock('FOR', start);
    return { kind: 'For', start, end: this.endFrom(start), variable, from, to, body };
  }

  private parseForeach(): A.ForeachStatement {
    const start = this.starts[this.p]!;
    this.advance();
    const variable = this.parseLoopVariable('FOREACH item IN list { … }');
    let iterable: A.Expression;
    if (this.kinds[this.p] === T.Identifier && wordOf(this.flags[this.p]!) === W.In) {
      this.advance();
      iterable = this.parseRequired('a list after IN');
    } else {
      this.reportExpected('IN and a list, e.g. FOREACH item IN list { … }');
      // Read a value on the same line as the list, as if only IN were missing.
      iterable = this.sameLineOperand() ? this.parseExpression() : this.missing();
    }
    const body = this.parseBlock('FOREACH', start);
    return { kind: 'Foreach', start, end: this.endFrom(start), variable, iterable, body };
  }

  private parseLoopVariable(example: string): A.Identifier | null {
    const k = this.kinds[this.p]!;
    const w = wordOf(this.flags[this.p]!);
    if (k === T.Identifier && w !== W.In && w !== W.To) return this.parseIdentifier();
    if (isKeyword(k)) {
      this.errorAtToken(
        `${this.tokenText(this.p).toUpperCase()} is a reserved word and cannot be a loop variable: ${example}`,
      );
      // Step over the word when the loop header clearly goes on (`= …` or `IN …`).
      const next = this.kinds[this.p + 1]!;
      if (next === T.Eq || next === T.EqEq || (next === T.Identifier && wordOf(this.flags[this.p + 1]!) === W.In)) {
        this.advance();
      }
    } else {
      this.reportExpected(`a loop variable: ${example}`);
    }
    return null;
  }

  private parseRepeat(): A.RepeatStatement {
    const start = this.starts[this.p]!;
    this.advance();
    const count = this.parseRequired('a count after REPEAT, e.g. REPEAT 3 { … }');
    const body = this.parseBlock('REPEAT', start);
    return { kind: 'Repeat', start, end: this.endFrom(start), count, body };
  }

  // ---------------------------------------------------------------- blocks

  /** The mandatory `{ … }` after a header; a missing one is reported over the header. */
  private parseBlock(owner: string, headerStart: number): A.Block {
    if (this.kinds[this.p] === T.Identifier && wordOf(this.flags[this.p]!) === W.Then && !this.newlineBefore(this.p)) {
      this.errorAtToken(`THEN is not used in Snippet: write ${owner} … { … }`);
      this.advance();
    }
    if (this.kinds[this.p] !== T.LBrace) {
      if (
        (this.flags[this.p]! & F.Synthesized) === 0 &&
        (this.p === 0 || (this.flags[this.p - 1]! & F.Synthesized) === 0)
      ) {
        this.error(
          headerStart,
          Math.max(headerStart, this.lastEnd),
          `${owner} needs a { … } block: braces are required, even around a single statement`,
        );
      }
      return this.missingBlock();
    }
    return this.parseBraced();
  }

  /** `{ statements }` at the current `{`. */
  private parseBraced(): A.Block {
    if (this.depth >= MAX_NESTING_DEPTH) return this.skipTooDeepBlock();
    const start = this.starts[this.p]!;
    this.depth++;
    const savedGroup = this.groupDepth;
    this.groupDepth = 0;
    this.advance();
    const body = this.parseStatements(true);
    let closed = false;
    if (this.kinds[this.p] === T.RBrace) {
      this.advance();
      closed = true;
    } else {
      this.error(start, start + 1, 'This { is never closed: add the matching }');
    }
    this.groupDepth = savedGroup;
    this.depth--;
    return { kind: 'Block', start, end: this.endFrom(start), body, closed, missing: false };
  }

  /** Past the nesting limit: skip the block at the current `{` without recursion. */
  private skipTooDeepBlock(): A.Block {
    const start = this.starts[this.p]!;
    this.reportTooDeep();
    let nested = 0;
    let closed = false;
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k === T.EOF) break;
      this.advance();
      if (k === T.LBrace) nested++;
      else if (k === T.RBrace && --nested === 0) {
        closed = true;
        break;
      }
    }
    if (!closed) this.error(start, start + 1, 'This { is never closed: add the matching }');
    return { kind: 'Block', start, end: this.endFrom(start), body: [], closed, missing: false };
  }

  // ---------------------------------------------------------------- expressions

  private canStartExpression(i: number): boolean {
    switch (this.kinds[i]!) {
      case T.Identifier:
      case T.Number:
      case T.True:
      case T.False:
      case T.StringSimple:
      case T.StringStart:
      case T.LParen:
      case T.Minus:
      case T.Bang:
        return true;
      default:
        return false;
    }
  }

  /**
   * Whether a required expression (after `=`, IF, CASE, …) starts here. Outside brackets, a name on a new line
   * starts the next statement instead, so `ASSIGN x =` followed by a line `y = 1` reports the missing value
   * rather than swallowing `y`. After an operator the expression may go on across the line break.
   */
  private canStartOperand(): boolean {
    const p = this.p;
    if (!this.canStartExpression(p)) return false;
    return this.kinds[p] !== T.Identifier || this.groupDepth > 0 || !this.newlineBefore(p);
  }

  private sameLineOperand(): boolean {
    return !this.newlineBefore(this.p) && this.canStartExpression(this.p);
  }

  private parseRequired(what: string): A.Expression {
    if (!this.canStartOperand()) {
      this.reportExpected(what);
      return this.missing();
    }
    return this.parseExpression();
  }

  private parseExpression(): A.Expression {
    if (this.depth >= MAX_NESTING_DEPTH) return this.skipTooDeepExpression();
    this.depth++;
    const e = this.parseLogical();
    this.depth--;
    return e;
  }

  /** Past the nesting limit: skip the rest of this expression without recursion. */
  private skipTooDeepExpression(): A.ErrorExpression {
    const start = this.starts[this.p]!;
    this.reportTooDeep();
    let nested = 0;
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k === T.EOF || k === T.LBrace || k === T.RBrace || k === T.InterpEnd) break;
      if (nested === 0 && (k === T.RParen || k === T.RBracket || k === T.Comma)) break;
      if (nested === 0 && this.p > 0 && this.newlineBefore(this.p) && this.lastEnd > start) break;
      if (k === T.StringStart) {
        this.skipString();
        continue;
      }
      if (k === T.LParen || k === T.LBracket) nested++;
      else if (k === T.RParen || k === T.RBracket) nested--;
      this.advance();
    }
    return { kind: 'ErrorExpression', start, end: this.endFrom(start) };
  }

  private binary(
    left: A.Expression,
    operator: A.BinaryOperator,
    opStart: number,
    opEnd: number,
    right: A.Expression,
  ): A.BinaryExpression {
    return {
      kind: 'Binary',
      start: left.start,
      end: this.endFrom(left.start),
      operator,
      operatorStart: opStart,
      operatorEnd: opEnd,
      left,
      right,
    };
  }

  /** Consumes the operator at the current token and reads the right operand with `next`. */
  private operand(level: 0 | 1 | 2 | 3): A.Expression {
    const opToken = this.p;
    this.advance();
    // An operator at the end of a line continues the expression on the next line.
    if (!this.canStartExpression(this.p)) {
      this.reportExpected(`a value after ${this.tokenText(opToken)}`);
      return this.missing();
    }
    switch (level) {
      case 0:
        return this.parseComparison();
      case 1:
        return this.parseAdditive();
      case 2:
        return this.parseMultiplicative();
      default:
        return this.parseUnary();
    }
  }

  /** `&`, `|` and `~` (xor) bind loosest; real code puts parentheses around mixed `&`/`|`. */
  private parseLogical(): A.Expression {
    let left = this.parseComparison();
    for (;;) {
      const k = this.kinds[this.p]!;
      let op: A.BinaryOperator;
      if (k === T.Amp) op = '&';
      else if (k === T.Pipe) op = '|';
      else if (k === T.Tilde) op = '~';
      else if (k === T.AmpAmp || k === T.PipePipe) {
        this.errorAtToken(undocumentedOperatorHint(k)!);
        op = k === T.AmpAmp ? '&' : '|';
      } else return left;
      const s = this.starts[this.p]!;
      const e = this.ends[this.p]!;
      left = this.binary(left, op, s, e, this.operand(0));
    }
  }

  private parseComparison(): A.Expression {
    let left = this.parseAdditive();
    for (;;) {
      const k = this.kinds[this.p]!;
      let op: A.BinaryOperator;
      switch (k) {
        case T.Eq:
          op = '=';
          break;
        case T.NotEq:
          op = '!=';
          break;
        case T.Lt:
          op = '<';
          break;
        case T.LtEq:
          op = '<=';
          break;
        case T.Gt:
          op = '>';
          break;
        case T.GtEq:
        case T.EqGt:
          op = '>=';
          break;
        case T.LtGt:
          this.errorAtToken(undocumentedOperatorHint(k)!);
          op = '!=';
          break;
        case T.EqEq:
          this.errorAtToken(undocumentedOperatorHint(k)!);
          op = '=';
          break;
        default:
          return left;
      }
      const s = this.starts[this.p]!;
      const e = this.ends[this.p]!;
      left = this.binary(left, op, s, e, this.operand(1));
    }
  }

  private parseAdditive(): A.Expression {
    let left = this.parseMultiplicative();
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k !== T.Plus && k !== T.Minus) return left;
      const s = this.starts[this.p]!;
      const e = this.ends[this.p]!;
      left = this.binary(left, k === T.Plus ? '+' : '-', s, e, this.operand(2));
    }
  }

  private parseMultiplicative(): A.Expression {
    let left = this.parseUnary();
    for (;;) {
      const k = this.kinds[this.p]!;
      let op: A.BinaryOperator;
      if (k === T.Star) op = '*';
      else if (k === T.Slash) op = '/';
      else if (k === T.Backslash) op = '\\';
      else if (k === T.Percent) op = '%';
      else return left;
      const s = this.starts[this.p]!;
      const e = this.ends[this.p]!;
      left = this.binary(left, op, s, e, this.operand(3));
    }
  }

  /** Unary minus (a minus directly on a number is folded into the literal); `!`/NOT are reported. */
  private parseUnary(): A.Expression {
    const p = this.p;
    const k = this.kinds[p]!;
    let operator: '-' | '!';
    if (k === T.Minus) {
      operator = '-';
      if (this.kinds[p + 1] === T.Number && this.kinds[p + 2] !== T.Caret) {
        const start = this.starts[p]!;
        this.advance();
        const digits = this.tokenText(this.p);
        this.advance();
        return {
          kind: 'NumberLiteral',
          start,
          end: this.endFrom(start),
          raw: this.text.slice(start, this.lastEnd),
          value: -Number(digits),
        };
      }
    } else if (k === T.Bang) {
      this.errorAtToken(undocumentedOperatorHint(k)!);
      operator = '!';
    } else if (
      k === T.Identifier &&
      wordOf(this.flags[p]!) === W.Not &&
      this.canStartExpression(p + 1) &&
      !this.newlineBefore(p + 1)
    ) {
      this.errorAtToken('NOT is not a Snippet operator: compare instead, e.g. x = false, or use != for "not equal"');
      operator = '!';
    } else {
      return this.parsePower();
    }
    if (this.depth >= MAX_NESTING_DEPTH) return this.skipTooDeepExpression();
    const start = this.starts[p]!;
    this.advance();
    this.depth++;
    let operand: A.Expression;
    if (this.canStartExpression(this.p)) {
      operand = this.parseUnary();
    } else {
      this.reportExpected(`a value after ${this.tokenText(p)}`);
      operand = this.missing();
    }
    this.depth--;
    return { kind: 'Unary', start, end: this.endFrom(start), operator, operand };
  }

  /** `^` (power) binds tighter than unary minus on its left: `-a^2` is `-(a^2)`. Read left to right. */
  private parsePower(): A.Expression {
    let left = this.parsePostfixTail(this.parsePrimary());
    while (this.kinds[this.p] === T.Caret) {
      const s = this.starts[this.p]!;
      const e = this.ends[this.p]!;
      const opToken = this.p;
      this.advance();
      let right: A.Expression;
      if (!this.canStartExpression(this.p)) {
        this.reportExpected(`a value after ${this.tokenText(opToken)}`);
        right = this.missing();
      } else if (this.kinds[this.p] === T.Minus || this.kinds[this.p] === T.Bang) {
        right = this.parseUnary();
      } else {
        right = this.parsePostfixTail(this.parsePrimary());
      }
      left = this.binary(left, '^', s, e, right);
    }
    return left;
  }

  /** `.member`, `(args)` and `[index]` after a primary. */
  private parsePostfixTail(expression: A.Expression): A.Expression {
    let e = expression;
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k === T.Dot) {
        const dot = this.p;
        this.advance();
        const m = this.kinds[this.p]!;
        let property = '';
        let propertyFolded = '';
        let propertyStart: number;
        if (
          ((m === T.Identifier && (this.flags[this.p]! & F.GlobalScope) === 0) ||
            isKeyword(m) ||
            m === T.True ||
            m === T.False) &&
          !this.newlineBefore(this.p)
        ) {
          const name = this.intern(this.starts[this.p]!, this.ends[this.p]!);
          property = name.text;
          propertyFolded = name.folded;
          propertyStart = this.starts[this.p]!;
          this.advance();
        } else {
          this.errorAtToken('Expected a member name after .', dot);
          propertyStart = this.lastEnd;
        }
        e = {
          kind: 'Member',
          start: e.start,
          end: this.endFrom(e.start),
          object: e,
          property,
          propertyFolded,
          propertyStart,
        };
      } else if (k === T.LParen) {
        e = this.parseCall(e);
      } else if (k === T.LBracket) {
        e = this.parseIndex(e);
      } else {
        return e;
      }
    }
  }

  private parseCall(callee: A.Expression): A.CallExpression {
    const open = this.starts[this.p]!;
    this.advance();
    this.groupDepth++;
    const args: A.Expression[] = [];
    let closed = false;
    if (this.kinds[this.p] === T.RParen) {
      this.advance();
      closed = true;
    } else {
      for (;;) {
        args.push(this.parseRequired('an argument'));
        const k = this.kinds[this.p]!;
        if (k === T.Comma) {
          this.advance();
          continue;
        }
        if (k === T.RParen) {
          this.advance();
          closed = true;
          break;
        }
        closed = this.closeGroup(T.LParen, T.RParen, open, ', or ) after the argument');
        break;
      }
    }
    this.groupDepth--;
    return { kind: 'Call', start: callee.start, end: this.endFrom(callee.start), callee, args: exact(args), closed };
  }

  private parseIndex(object: A.Expression): A.IndexExpression {
    const open = this.starts[this.p]!;
    this.advance();
    this.groupDepth++;
    const index = this.parseRequired('an index, e.g. list[1]');
    let closed = false;
    if (this.kinds[this.p] === T.RBracket) {
      this.advance();
      closed = true;
    } else {
      closed = this.closeGroup(T.LBracket, T.RBracket, open, ']');
    }
    this.groupDepth--;
    return { kind: 'Index', start: object.start, end: this.endFrom(object.start), object, index, closed };
  }

  private parseParen(): A.ParenExpression {
    const open = this.starts[this.p]!;
    this.advance();
    this.groupDepth++;
    const expression = this.parseRequired('an expression after (');
    let closed = false;
    if (this.kinds[this.p] === T.RParen) {
      this.advance();
      closed = true;
    } else {
      closed = this.closeGroup(T.LParen, T.RParen, open, ')');
    }
    this.groupDepth--;
    return { kind: 'Paren', start: open, end: this.endFrom(open), expression, closed };
  }

  /**
   * The group opened at `open` did not end where expected. If its closer is later on the line, report the
   * unexpected token and skip to it; otherwise report the unclosed opener. Returns whether the group was closed.
   */
  private closeGroup(
    openKind: T.LParen | T.LBracket,
    closeKind: T.RParen | T.RBracket,
    open: number,
    expected: string,
  ): boolean {
    const close = this.findCloseOnLine(openKind, closeKind);
    if (close >= 0) {
      this.reportExpected(expected);
      this.skipTo(close);
      this.advance();
      return true;
    }
    // A line cut off by an unterminated string was reported already.
    const cut =
      (this.flags[this.p]! & F.Synthesized) !== 0 || (this.p > 0 && (this.flags[this.p - 1]! & F.Synthesized) !== 0);
    if (!cut) {
      const opener = openKind === T.LParen ? '(' : '[';
      const closer = closeKind === T.RParen ? ')' : ']';
      this.error(open, open + 1, `This ${opener} is never closed: add the matching ${closer}`);
    }
    return false;
  }

  private parsePrimary(): A.Expression {
    const p = this.p;
    switch (this.kinds[p]!) {
      case T.Identifier:
        return this.parseIdentifier();
      case T.Number: {
        const start = this.starts[p]!;
        const raw = this.tokenText(p);
        this.advance();
        return { kind: 'NumberLiteral', start, end: this.lastEnd, raw, value: Number(raw) };
      }
      case T.True:
      case T.False: {
        const start = this.starts[p]!;
        this.advance();
        return { kind: 'BooleanLiteral', start, end: this.lastEnd, value: this.kinds[p] === T.True };
      }
      case T.StringSimple:
        return this.parseSimpleString();
      case T.StringStart:
        return this.parseString();
      case T.LParen:
        return this.parseParen();
      default:
        break;
    }
    this.reportExpected('a value');
    return this.missing();
  }

  private parseIdentifier(): A.Identifier {
    const p = this.p;
    const start = this.starts[p]!;
    const end = this.ends[p]!;
    this.advance();
    if ((this.flags[p]! & F.GlobalScope) !== 0) {
      const text = this.intern(start, end).text;
      const name = this.intern(start + 7, end); // after "global:"
      return { kind: 'Identifier', start, end, text, name: name.text, folded: name.folded, scope: 'global' };
    }
    const name = this.intern(start, end);
    return {
      kind: 'Identifier',
      start,
      end,
      text: name.text,
      name: name.text,
      folded: name.folded,
      scope: null,
    };
  }

  /** A reserved word used as a name (already reported), read as an identifier to keep going. */
  private identifierFromToken(): A.Identifier {
    const start = this.starts[this.p]!;
    const end = this.ends[this.p]!;
    this.advance();
    const name = this.intern(start, end);
    return {
      kind: 'Identifier',
      start,
      end,
      text: name.text,
      name: name.text,
      folded: name.folded,
      scope: null,
    };
  }

  /**
   * One shared string (and its folded form) per distinct name. A big tree is retained by the caller, so fewer
   * retained strings means less garbage-collector work; the temporary slice used for the lookup dies young.
   */
  private intern(start: number, end: number): InternedName {
    const text = this.text.slice(start, end);
    let entry = this.names.get(text);
    if (entry === undefined) {
      entry = { text, folded: text.toLowerCase() };
      this.names.set(text, entry);
    }
    return entry;
  }

  // ---------------------------------------------------------------- strings

  private textPart(start: number, end: number, quote: Q): A.StringText {
    const raw = this.text.slice(start, end);
    const value = quote === Q.Dollar ? decodeEscapes(raw) : raw;
    return { kind: 'StringText', start, end, raw, value };
  }

  private parseSimpleString(): A.StringLiteral {
    const p = this.p;
    const start = this.starts[p]!;
    const end = this.ends[p]!;
    const f = this.flags[p]!;
    const quote = quoteOf(f);
    const terminated = (f & F.Synthesized) === 0;
    const contentStart = start + (quote >= Q.Dollar ? 2 : 1);
    const contentEnd = terminated ? end - 1 : end;
    this.advance();
    const parts: A.StringPart[] = contentEnd > contentStart ? [this.textPart(contentStart, contentEnd, quote)] : [];
    return { kind: 'StringLiteral', start, end, quote: QUOTES[quote]!, parts, terminated };
  }

  private parseString(): A.StringLiteral {
    const start = this.starts[this.p]!;
    const quote = quoteOf(this.flags[this.p]!);
    this.advance();
    const parts: A.StringPart[] = [];
    let terminated = false;
    for (;;) {
      const k = this.kinds[this.p]!;
      if (k === T.StringText) {
        parts.push(this.textPart(this.starts[this.p]!, this.ends[this.p]!, quote));
        this.advance();
      } else if (k === T.InterpStart) {
        parts.push(this.parseInterpolation());
      } else {
        if (k === T.StringEnd) {
          terminated = (this.flags[this.p]! & F.Synthesized) === 0;
          this.advance();
        }
        break;
      }
    }
    return {
      kind: 'StringLiteral',
      start,
      end: this.endFrom(start),
      quote: QUOTES[quote]!,
      parts: exact(parts),
      terminated,
    };
  }

  private parseInterpolation(): A.Interpolation {
    const start = this.starts[this.p]!;
    this.advance();
    let expression: A.Expression;
    if (this.kinds[this.p] === T.InterpEnd) {
      if ((this.flags[this.p]! & F.Synthesized) === 0) {
        this.error(
          start,
          this.ends[this.p]!,
          'Empty interpolation {}: put a name or expression inside, or for literal braces use $"…" and write \\{',
        );
      }
      expression = this.missing();
    } else {
      const savedGroup = this.groupDepth;
      this.groupDepth = 1;
      expression = this.parseExpression();
      this.groupDepth = savedGroup;
      if (this.kinds[this.p] !== T.InterpEnd) {
        let end = this.p;
        for (let nested = 0; ; end++) {
          const k = this.kinds[end]!;
          if (k === T.EOF) break;
          if (k === T.InterpStart) nested++;
          else if (k === T.InterpEnd && nested-- === 0) break;
        }
        // An interpolation cut off by the line end was reported by the lexer; one message is enough.
        if ((this.flags[end]! & F.Synthesized) === 0) {
          const hint = undocumentedOperatorHint(this.kinds[this.p]!);
          this.errorAtToken(
            hint ??
              `Unexpected ${this.describe(this.p)} in {…}: ` +
                'an interpolation holds one expression (for a literal { use $"…" and write \\{)',
          );
        }
        this.skipTo(end);
      }
    }
    let closed = false;
    if (this.kinds[this.p] === T.InterpEnd) {
      closed = (this.flags[this.p]! & F.Synthesized) === 0;
      this.advance();
    }
    return { kind: 'Interpolation', start, end: this.endFrom(start), expression, closed };
  }
}

/**
 * An exact-size copy of a short array built by push (which leaves room for ~17 items). Trees are retained, so
 * the slack would cost memory and garbage-collector time for every block, argument list and string.
 */
function exact<T>(items: T[]): T[] {
  return items.length < 16 ? items.slice() : items;
}

function isArithmetic(kind: T): boolean {
  return (
    kind === T.Plus || kind === T.Minus || kind === T.Star || kind === T.Slash || kind === T.Amp || kind === T.Pipe
  );
}

function describeCharacters(text: string): string {
  const c = text.charCodeAt(0);
  if (c < 32 || c === 127 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffd) {
    const hex = c.toString(16).toUpperCase().padStart(4, '0');
    return text.length > 1 ? `characters starting with U+${hex}` : `character U+${hex}`;
  }
  return `character${text.length > 1 ? 's' : ''} "${quoteSource(text, 20)}"`;
}

/**
 * The code as written, for the examples of a message (`write x = x + value`), when it can be shown whole; else the
 * placeholder `name`: the message then quotes the code once, masked and shortened, instead of three times.
 */
function exampleName(written: string): string {
  return quoteSource(written) === written ? written : 'name';
}

/** Decodes the backslash escapes of a `$"…"` string: \n \r \t, and \x for any other x gives x. */
function decodeEscapes(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) !== 92) continue;
    out += raw.slice(from, i);
    const next = raw[i + 1];
    if (next === undefined) {
      out += '\\';
    } else {
      out += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next;
    }
    i++;
    from = i + 1;
  }
  return out + raw.slice(from);
}
