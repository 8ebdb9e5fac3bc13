import { type CommonEnds, commonEnds } from '../../common/common-ends';
import { type ParseError, shiftedRange, type TextRange } from '../../common/text-range';

/**
 * Hand-written lexer for Snippet code. It runs once over the text and writes tokens into typed arrays (no token
 * objects), scanning by char code. Strings are split into tokens so the parser can read interpolations:
 *
 *   "a{x}b"  ->  StringStart `"`, StringText `a`, InterpStart `{`, Identifier `x`, InterpEnd `}`,
 *                StringText `b`, StringEnd `"`
 *   "plain"  ->  StringSimple (one token for the whole literal, the common case)
 *
 * The lexer keeps a mode stack (code, string, interpolation), so strings nest inside interpolations inside strings.
 * It always produces balanced StringStart/StringEnd and InterpStart/InterpEnd pairs: when a string or an
 * interpolation is cut off by the end of the line, it reports the innermost one and adds zero-width closing
 * tokens flagged `Synthesized`. The last token is always EOF.
 */

export enum TokenKind {
  EOF,
  Identifier,
  Number,
  True,
  False,
  /** A whole string literal without interpolation (quotes included). */
  StringSimple,
  /** The opening delimiter of a string with interpolation: `"`, `'`, `$"` or `#"`. */
  StringStart,
  StringText,
  InterpStart,
  InterpEnd,
  StringEnd,
  // Reserved words (keep contiguous: see isKeyword).
  KwAssign,
  KwDynamic,
  KwFunction,
  KwIf,
  KwElse,
  KwSelect,
  KwSwitch,
  KwCase,
  KwDefault,
  KwFor,
  KwForeach,
  KwRepeat,
  KwBreak,
  KwReturn,
  KwTrace,
  KwUses,
  // Punctuation and operators.
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Dot,
  Eq,
  NotEq,
  Lt,
  LtEq,
  Gt,
  GtEq,
  /** `=>`, a tolerated spelling of `>=`. */
  EqGt,
  Amp,
  Pipe,
  Plus,
  Minus,
  Star,
  Slash,
  Backslash,
  Percent,
  Caret,
  Tilde,
  // Undocumented operators, lexed so the parser can say what to write instead.
  LtGt,
  Bang,
  EqEq,
  AmpAmp,
  PipePipe,
  Semicolon,
  /** A run of characters that cannot start any token (control characters, `@`, `?`, lone surrogates, …). */
  Unknown,
}

export enum TokenFlags {
  None = 0,
  /** A line break comes between this token and the previous one. */
  NewlineBefore = 1,
  /** An identifier written with the `global:` prefix. */
  GlobalScope = 2,
  /** An unterminated StringSimple, or a zero-width StringEnd/InterpEnd added by the lexer (already reported). */
  Synthesized = 4,
  /** Bits 3-4: the quote kind of string tokens (see QuoteCode). */
  QuoteShift = 3,
  QuoteMask = 3 << 3,
  /** Bits 5-8: which contextual word an identifier is (see Word). */
  WordShift = 5,
  WordMask = 15 << 5,
}

/** Quote kinds of string tokens, stored in the flags. */
export enum QuoteCode {
  Double = 0,
  Single = 1,
  Dollar = 2,
  Date = 3,
}

/** Identifiers with a meaning in some positions (not reserved), stored in the flags. */
export enum Word {
  None = 0,
  In = 1,
  To = 2,
  While = 3,
  ElseIf = 4,
  Then = 5,
  Not = 6,
  Step = 7,
}

export interface TokenStream {
  readonly text: string;
  /** Number of tokens, including the final EOF. */
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint16Array;
  /** Ranges of `//` comments, in order (each from `//` to the end of its line, line break excluded). */
  readonly comments: TextRange[];
  /** Unterminated strings, interpolations and dates. */
  readonly errors: ParseError[];
}

export function isKeyword(kind: TokenKind): boolean {
  return kind >= TokenKind.KwAssign && kind <= TokenKind.KwUses;
}

export function quoteOf(flags: number): QuoteCode {
  return ((flags & TokenFlags.QuoteMask) >> TokenFlags.QuoteShift) as QuoteCode;
}

export function wordOf(flags: number): Word {
  return ((flags & TokenFlags.WordMask) >> TokenFlags.WordShift) as Word;
}

// ---------------------------------------------------------------- character classes (ASCII)

const C_IDSTART = 1;
const C_IDPART = 2;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const lower = c | 32;
  const letter = lower >= 97 && lower <= 122;
  if (letter || c === 95 /* _ */) ASCII[c] = C_IDSTART | C_IDPART;
  else if ((c >= 48 && c <= 57) || c === 36 /* $ */) ASCII[c] = C_IDPART;
}

// Non-ASCII only (rare in code): letters may appear in names; these checks are off the hot path.
const UNICODE_ID_START = /^[\p{L}\p{Nl}]$/u;
const UNICODE_ID_PART = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]$/u;

function isUnicodeWhitespace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Length in UTF-16 units of the code point at `pos` if it can continue (or, with `start`, begin) a name; else 0. */
function unicodeNameCharLength(text: string, pos: number, start: boolean): number {
  const cp = text.codePointAt(pos);
  if (cp === undefined || cp < 128) return 0;
  const ch = String.fromCodePoint(cp);
  return (start ? UNICODE_ID_START : UNICODE_ID_PART).test(ch) ? ch.length : 0;
}

// ---------------------------------------------------------------- reserved and contextual words

interface WordEntry {
  readonly text: string;
  readonly kind: TokenKind;
  readonly word: Word;
}

const WORDS: WordEntry[] = [
  { text: 'assign', kind: TokenKind.KwAssign, word: Word.None },
  { text: 'dynamic', kind: TokenKind.KwDynamic, word: Word.None },
  { text: 'function', kind: TokenKind.KwFunction, word: Word.None },
  { text: 'if', kind: TokenKind.KwIf, word: Word.None },
  { text: 'else', kind: TokenKind.KwElse, word: Word.None },
  { text: 'select', kind: TokenKind.KwSelect, word: Word.None },
  { text: 'switch', kind: TokenKind.KwSwitch, word: Word.None },
  { text: 'case', kind: TokenKind.KwCase, word: Word.None },
  { text: 'default', kind: TokenKind.KwDefault, word: Word.None },
  { text: 'for', kind: TokenKind.KwFor, word: Word.None },
  { text: 'foreach', kind: TokenKind.KwForeach, word: Word.None },
  { text: 'repeat', kind: TokenKind.KwRepeat, word: Word.None },
  { text: 'break', kind: TokenKind.KwBreak, word: Word.None },
  { text: 'return', kind: TokenKind.KwReturn, word: Word.None },
  { text: 'trace', kind: TokenKind.KwTrace, word: Word.None },
  { text: 'uses', kind: TokenKind.KwUses, word: Word.None },
  { text: 'true', kind: TokenKind.True, word: Word.None },
  { text: 'false', kind: TokenKind.False, word: Word.None },
  { text: 'in', kind: TokenKind.Identifier, word: Word.In },
  { text: 'to', kind: TokenKind.Identifier, word: Word.To },
  { text: 'while', kind: TokenKind.Identifier, word: Word.While },
  { text: 'elseif', kind: TokenKind.Identifier, word: Word.ElseIf },
  { text: 'then', kind: TokenKind.Identifier, word: Word.Then },
  { text: 'not', kind: TokenKind.Identifier, word: Word.Not },
  { text: 'step', kind: TokenKind.Identifier, word: Word.Step },
];
/** Index into WORDS + 1 of the word `global` (handled apart: it may start a `global:` prefix). */
const GLOBAL_WORD = WORDS.push({ text: 'global', kind: TokenKind.Identifier, word: Word.None });

const WORD_MIN = 2;
const WORD_MAX = 8;

function foldedHash(text: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = (Math.imul(h, 31) + (text.charCodeAt(i) | 32)) | 0;
  return h;
}

/** Direct-mapped table from folded hash to WORDS index + 1, sized so that no two words collide. */
const { table: WORD_TABLE, mask: WORD_MASK } = ((): { table: Uint8Array; mask: number } => {
  for (let size = 64; ; size *= 2) {
    const table = new Uint8Array(size);
    let ok = true;
    WORDS.forEach((w, i) => {
      const slot = foldedHash(w.text, 0, w.text.length) & (size - 1);
      if (table[slot] !== 0) ok = false;
      table[slot] = i + 1;
    });
    if (ok) return { table, mask: size - 1 };
  }
})();

// ---------------------------------------------------------------- scanner

const MODE_CODE = -1;
const MODE_INTERP = -2;
// String modes are the QuoteCode values 0..3.

const CH_LF = 10;
const CH_CR = 13;
const CH_DQUOTE = 34;
const CH_SQUOTE = 39;
const CH_BACKSLASH = 92;
const CH_LBRACE = 123;

class Scanner {
  private pos = 0;
  private readonly len: number;
  private pendingNewline = 0;
  /** Mode stack: MODE_CODE at the bottom, then strings (QuoteCode) and MODE_INTERP alternating. */
  private readonly modes: number[] = [MODE_CODE];
  private readonly modeStarts: number[] = [0];
  private mode = MODE_CODE;

  private count = 0;
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private flags: Uint16Array;
  readonly comments: TextRange[] = [];
  readonly errors: ParseError[] = [];

  /** Scans `text` from `from` to `to` (a window of it: see `relex`), starting in code mode with `pendingNewline`. */
  constructor(
    private readonly text: string,
    from = 0,
    to = text.length,
    pendingNewline = 0,
  ) {
    this.pos = from;
    this.len = to;
    this.pendingNewline = pendingNewline;
    const capacity = ((to - from) >> 2) + 16;
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint16Array(capacity);
  }

  run(): TokenStream {
    for (;;) {
      if (this.mode >= 0) this.scanStringPart(this.mode);
      else if (!this.scanCodeToken()) break;
    }
    return {
      text: this.text,
      count: this.count,
      kinds: this.kinds,
      starts: this.starts,
      ends: this.ends,
      flags: this.flags,
      comments: this.comments,
      errors: this.errors,
    };
  }

  private push(kind: TokenKind, start: number, end: number, flags: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = flags | this.pendingNewline;
    this.pendingNewline = 0;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const starts = new Int32Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(capacity);
    ends.set(this.ends);
    this.ends = ends;
    const flags = new Uint16Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
  }

  private pushMode(mode: number, start: number): void {
    this.modes.push(mode);
    this.modeStarts.push(start);
    this.mode = mode;
  }

  private popMode(): void {
    this.modes.pop();
    this.modeStarts.pop();
    this.mode = this.modes[this.modes.length - 1]!;
  }

  /** Scans one token in code or interpolation mode. Returns false after pushing EOF. */
  private scanCodeToken(): boolean {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    let c = 0;
    for (;;) {
      if (pos >= len) {
        if (this.mode === MODE_INTERP) {
          this.abandonNesting(pos);
          this.pos = pos;
          return true;
        }
        this.push(TokenKind.EOF, len, len, 0);
        this.pos = len;
        return false;
      }
      c = text.charCodeAt(pos);
      if (c === 32 || c === 9) {
        pos++;
      } else if (c === CH_LF || c === CH_CR) {
        if (this.mode === MODE_INTERP) {
          // Interpolations and strings end at the line end: close them and rescan the break in code mode.
          this.abandonNesting(pos);
          this.pos = pos;
          return true;
        }
        this.pendingNewline = TokenFlags.NewlineBefore;
        pos++;
      } else if (c === 47 /* / */ && text.charCodeAt(pos + 1) === 47 && this.mode === MODE_CODE) {
        const start = pos;
        pos += 2;
        while (pos < len) {
          const d = text.charCodeAt(pos);
          if (d === CH_LF || d === CH_CR) break;
          pos++;
        }
        this.comments.push({ start, end: pos });
      } else if (c === 11 || c === 12 || (c >= 128 && isUnicodeWhitespace(c))) {
        pos++;
      } else {
        break;
      }
    }

    const start = pos;
    if (c < 128 && (ASCII[c]! & C_IDSTART) !== 0) {
      this.pos = this.scanName(start, start + 1, 0);
      return true;
    }
    if (c >= 48 && c <= 57) {
      pos++;
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) === 46 /* . */ && isDigit(text.charCodeAt(pos + 1))) {
        pos += 2;
        while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
      }
      this.push(TokenKind.Number, start, pos, 0);
      this.pos = pos;
      return true;
    }
    const next = text.charCodeAt(pos + 1);
    let kind: TokenKind;
    let width = 1;
    switch (c) {
      case CH_DQUOTE:
        this.pos = this.openString(start, start + 1, QuoteCode.Double);
        return true;
      case CH_SQUOTE:
        this.pos = this.openString(start, start + 1, QuoteCode.Single);
        return true;
      case 36: // $
        if (next === CH_DQUOTE) {
          this.pos = this.openString(start, start + 2, QuoteCode.Dollar);
          return true;
        }
        if (next < 128 ? (ASCII[next]! & C_IDPART) !== 0 : unicodeNameCharLength(text, pos + 1, false) > 0) {
          // `$value`, the special member of dynamic objects.
          this.pos = this.scanName(start, start + 1, 0);
          return true;
        }
        kind = TokenKind.Unknown;
        break;
      case 35: // #
        if (next === CH_DQUOTE) {
          this.pos = this.openString(start, start + 2, QuoteCode.Date);
          return true;
        }
        kind = TokenKind.Unknown;
        break;
      case 40:
        kind = TokenKind.LParen;
        break;
      case 41:
        kind = TokenKind.RParen;
        break;
      case 91:
        kind = TokenKind.LBracket;
        break;
      case 93:
        kind = TokenKind.RBracket;
        break;
      case CH_LBRACE:
        kind = TokenKind.LBrace;
        break;
      case 125: // }
        if (this.mode === MODE_INTERP) {
          this.push(TokenKind.InterpEnd, start, start + 1, 0);
          this.popMode();
          this.pos = start + 1;
          return true;
        }
        kind = TokenKind.RBrace;
        break;
      case 44:
        kind = TokenKind.Comma;
        break;
      case 46:
        kind = TokenKind.Dot;
        break;
      case 61: // =
        if (next === 61) {
          kind = TokenKind.EqEq;
          width = 2;
        } else if (next === 62) {
          kind = TokenKind.EqGt;
          width = 2;
        } else kind = TokenKind.Eq;
        break;
      case 33: // !
        if (next === 61) {
          kind = TokenKind.NotEq;
          width = 2;
        } else kind = TokenKind.Bang;
        break;
      case 60: // <
        if (next === 61) {
          kind = TokenKind.LtEq;
          width = 2;
        } else if (next === 62) {
          kind = TokenKind.LtGt;
          width = 2;
        } else kind = TokenKind.Lt;
        break;
      case 62: // >
        if (next === 61) {
          kind = TokenKind.GtEq;
          width = 2;
        } else kind = TokenKind.Gt;
        break;
      case 38: // &
        if (next === 38) {
          kind = TokenKind.AmpAmp;
          width = 2;
        } else kind = TokenKind.Amp;
        break;
      case 124: // |
        if (next === 124) {
          kind = TokenKind.PipePipe;
          width = 2;
        } else kind = TokenKind.Pipe;
        break;
      case 43:
        kind = TokenKind.Plus;
        break;
      case 45:
        kind = TokenKind.Minus;
        break;
      case 42:
        kind = TokenKind.Star;
        break;
      case 47:
        kind = TokenKind.Slash;
        break;
      case CH_BACKSLASH:
        kind = TokenKind.Backslash;
        break;
      case 37:
        kind = TokenKind.Percent;
        break;
      case 94:
        kind = TokenKind.Caret;
        break;
      case 126:
        kind = TokenKind.Tilde;
        break;
      case 59:
        kind = TokenKind.Semicolon;
        break;
      default: {
        if (c >= 128) {
          const n = unicodeNameCharLength(text, pos, true);
          if (n > 0) {
            this.pos = this.scanName(start, start + n, 0);
            return true;
          }
          // Keep surrogate pairs whole so a token never splits a character.
          if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) width = 2;
        }
        kind = TokenKind.Unknown;
      }
    }
    if (kind === TokenKind.Unknown) {
      const last = this.count - 1;
      // Merge a run of junk characters into one token, so binary data gives one error, not thousands.
      if (
        this.count > 0 &&
        this.kinds[last] === TokenKind.Unknown &&
        this.ends[last] === start &&
        this.pendingNewline === 0
      ) {
        this.ends[last] = start + width;
        this.pos = start + width;
        return true;
      }
    }
    this.push(kind, start, start + width, 0);
    this.pos = start + width;
    return true;
  }

  /** Scans a name whose first character(s) end at `pos`; handles reserved words and the `global:` prefix. */
  private scanName(start: number, pos: number, flags: number): number {
    const text = this.text;
    const len = this.len;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c < 128) {
        if ((ASCII[c]! & C_IDPART) === 0) break;
        pos++;
      } else {
        // Also ends the loop at the end of the text (charCodeAt gives NaN, which fails `c < 128`).
        if (pos >= len) break;
        const n = unicodeNameCharLength(text, pos, false);
        if (n === 0) break;
        pos += n;
      }
    }
    const length = pos - start;
    let kind = TokenKind.Identifier;
    if (length >= WORD_MIN && length <= WORD_MAX) {
      const index = WORD_TABLE[foldedHash(text, start, pos) & WORD_MASK]!;
      if (index !== 0 && equalsFolded(text, start, pos, WORDS[index - 1]!.text)) {
        if (index === GLOBAL_WORD) {
          const after = text.charCodeAt(pos + 1);
          if (
            text.charCodeAt(pos) === 58 /* : */ &&
            (after < 128 ? (ASCII[after]! & C_IDSTART) !== 0 : unicodeNameCharLength(text, pos + 1, true) > 0)
          ) {
            // `global:name` is one identifier token; the parser splits off the prefix.
            return this.scanScopedName(start, pos + 1);
          }
        } else {
          const entry = WORDS[index - 1]!;
          kind = entry.kind;
          flags |= entry.word << TokenFlags.WordShift;
        }
      }
    }
    this.push(kind, start, pos, flags);
    return pos;
  }

  private scanScopedName(start: number, nameStart: number): number {
    const text = this.text;
    let pos = nameStart;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c < 128) {
        if ((ASCII[c]! & C_IDPART) === 0) break;
        pos++;
      } else {
        if (pos >= this.len) break;
        const n = unicodeNameCharLength(text, pos, false);
        if (n === 0) break;
        pos += n;
      }
    }
    this.push(TokenKind.Identifier, start, pos, TokenFlags.GlobalScope);
    return pos;
  }

  /**
   * Scans literal text of a string from `pos` to the next closing quote, `{`, line break or end of text.
   * In `$"…"` strings a backslash escapes the next character (so `\"` and `\{` do not end the text).
   */
  private scanStringText(pos: number, quote: QuoteCode): number {
    const text = this.text;
    const len = this.len;
    const close = quote === QuoteCode.Single ? CH_SQUOTE : CH_DQUOTE;
    const escapes = quote === QuoteCode.Dollar;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === close || c === CH_LBRACE || c === CH_LF || c === CH_CR) break;
      if (c === CH_BACKSLASH && escapes) {
        const n = text.charCodeAt(pos + 1);
        pos += n === CH_LF || n === CH_CR || pos + 1 >= len ? 1 : 2;
      } else {
        pos++;
      }
    }
    return pos;
  }

  /** Starts a string literal whose text begins at `contentStart`; returns the new position. */
  private openString(start: number, contentStart: number, quote: QuoteCode): number {
    const pos = this.scanStringText(contentStart, quote);
    const c = this.text.charCodeAt(pos);
    const quoteFlags = quote << TokenFlags.QuoteShift;
    if (c === CH_LBRACE) {
      this.push(TokenKind.StringStart, start, contentStart, quoteFlags);
      if (pos > contentStart) this.push(TokenKind.StringText, contentStart, pos, 0);
      this.push(TokenKind.InterpStart, pos, pos + 1, 0);
      this.pushMode(quote, start);
      this.pushMode(MODE_INTERP, pos);
      return pos + 1;
    }
    if (c === (quote === QuoteCode.Single ? CH_SQUOTE : CH_DQUOTE)) {
      this.push(TokenKind.StringSimple, start, pos + 1, quoteFlags);
      return pos + 1;
    }
    this.push(TokenKind.StringSimple, start, pos, quoteFlags | TokenFlags.Synthesized);
    this.reportUnterminated(quote, start, pos);
    // A string nested in an interpolation takes the outer ones down with it; report only the innermost.
    this.closeNesting(pos);
    return pos;
  }

  /** Continues a string after an interpolation's `}`. */
  private scanStringPart(quote: QuoteCode): void {
    const start = this.pos;
    const pos = this.scanStringText(start, quote);
    if (pos > start) this.push(TokenKind.StringText, start, pos, 0);
    const c = this.text.charCodeAt(pos);
    if (c === CH_LBRACE) {
      this.push(TokenKind.InterpStart, pos, pos + 1, 0);
      this.pushMode(MODE_INTERP, pos);
      this.pos = pos + 1;
    } else if (c === (quote === QuoteCode.Single ? CH_SQUOTE : CH_DQUOTE)) {
      this.push(TokenKind.StringEnd, pos, pos + 1, quote << TokenFlags.QuoteShift);
      this.popMode();
      this.pos = pos + 1;
    } else {
      this.abandonNesting(pos);
      this.pos = pos;
    }
  }

  /**
   * A line break or the end of the text cut off open strings and interpolations. Reports the innermost one and
   * closes them all with zero-width tokens, so the parser sees balanced pairs.
   */
  private abandonNesting(pos: number): void {
    const top = this.modes.length - 1;
    const mode = this.modes[top]!;
    const start = this.modeStarts[top]!;
    if (mode === MODE_INTERP) {
      this.errors.push({
        range: { start, end: pos },
        message:
          'Unterminated interpolation: add the closing } on this line (for a literal { write \\{ inside a $"…" string)',
      });
    } else {
      this.reportUnterminated(mode as QuoteCode, start, pos);
    }
    this.closeNesting(pos);
  }

  private closeNesting(pos: number): void {
    while (this.mode !== MODE_CODE) {
      if (this.mode === MODE_INTERP) this.push(TokenKind.InterpEnd, pos, pos, TokenFlags.Synthesized);
      else this.push(TokenKind.StringEnd, pos, pos, TokenFlags.Synthesized | (this.mode << TokenFlags.QuoteShift));
      this.popMode();
    }
  }

  private reportUnterminated(quote: QuoteCode, start: number, end: number): void {
    let message: string;
    switch (quote) {
      case QuoteCode.Single:
        message = "Unterminated string: add the closing ' on this line";
        break;
      case QuoteCode.Dollar:
        message =
          'Unterminated string: add the closing " on this line (inside $"…" a \\" is a quote character, not the end)';
        break;
      case QuoteCode.Date:
        message = 'Unterminated date: add the closing " on this line';
        break;
      default:
        message = 'Unterminated string: add the closing " on this line';
    }
    this.errors.push({ range: { start, end }, message });
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function equalsFolded(text: string, from: number, to: number, lower: string): boolean {
  if (to - from !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    if ((text.charCodeAt(from + i) | 32) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Splits Snippet code into tokens. Never throws. */
export function tokenize(text: string): TokenStream {
  return new Scanner(text).run();
}

/**
 * `tokenize(text)` for a new version of code whose previous version's tokens are at hand: only the lines an edit
 * touched are scanned again. Strings and interpolations end at a line break, so right after one the scanner is in code
 * mode with nothing open and a line break pending, whatever came before: the tokens of the unchanged lines before the
 * edit are the old ones, and those after it the old ones moved by the length change (`change`: where the texts
 * differ, when the caller has it). Never throws.
 */
export function relex(old: TokenStream, text: string, change: CommonEnds = commonEnds(old.text, text)): TokenStream {
  const before = old.text;
  const { prefix, suffix } = change;
  if (prefix === before.length && prefix === text.length) return tokenize(text);
  const delta = text.length - before.length;
  // From the start of the line holding the first change (its line break is unchanged) ...
  let from = prefix;
  while (from > 0 && !isLineBreak(text.charCodeAt(from - 1))) from--;
  // ... to just after the first line break in the unchanged text after the last change (or the end).
  let to = text.length - suffix;
  while (to < text.length && !isLineBreak(text.charCodeAt(to))) to++;
  if (to < text.length) to++;
  const window = new Scanner(text, from, to, from > 0 ? TokenFlags.NewlineBefore : 0).run();
  const kept = firstTokenAtOrAfter(old, from);
  const atEnd = to === text.length;
  const windowCount = atEnd ? window.count : window.count - 1; // the window's EOF stands for the old tokens after it
  const moved = atEnd ? old.count : firstTokenAtOrAfter(old, to - delta);
  const count = kept + windowCount + (old.count - moved);
  const kinds = new Uint8Array(count);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const flags = new Uint16Array(count);
  kinds.set(old.kinds.subarray(0, kept));
  starts.set(old.starts.subarray(0, kept));
  ends.set(old.ends.subarray(0, kept));
  flags.set(old.flags.subarray(0, kept));
  kinds.set(window.kinds.subarray(0, windowCount), kept);
  starts.set(window.starts.subarray(0, windowCount), kept);
  ends.set(window.ends.subarray(0, windowCount), kept);
  flags.set(window.flags.subarray(0, windowCount), kept);
  const after = kept + windowCount;
  kinds.set(old.kinds.subarray(moved, old.count), after);
  flags.set(old.flags.subarray(moved, old.count), after);
  for (let i = moved, j = after; i < old.count; i++, j++) {
    starts[j] = old.starts[i]! + delta;
    ends[j] = old.ends[i]! + delta;
  }
  const cut = to - delta;
  return {
    text,
    count,
    kinds,
    starts,
    ends,
    flags,
    comments: [
      ...old.comments.filter((c) => c.start < from),
      ...window.comments,
      ...(atEnd ? [] : old.comments.filter((c) => c.start >= cut).map((c) => shiftedRange(c, delta))),
    ],
    errors: [
      ...old.errors.filter((e) => e.range.start < from),
      ...window.errors,
      ...(atEnd
        ? []
        : old.errors
            .filter((e) => e.range.start >= cut)
            .map((e) => ({ range: shiftedRange(e.range, delta), message: e.message }))),
    ],
  };
}

function isLineBreak(c: number): boolean {
  return c === CH_LF || c === CH_CR;
}

/** Index of the first token that starts at or after `offset`. */
export function firstTokenAtOrAfter(tokens: TokenStream, offset: number): number {
  let low = 0;
  let high = tokens.count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tokens.starts[middle]! < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
