import * as assert from 'node:assert/strict';
import {
  QuoteCode,
  quoteOf,
  TokenFlags,
  TokenKind as T,
  tokenize,
  Word,
  wordOf,
} from '../../../server/src/syntax/snippet/lexer';

/** Tokens as `Kind:text` strings (EOF left out), for compact assertions. */
function lex(text: string): string[] {
  const s = tokenize(text);
  const out: string[] = [];
  for (let i = 0; i < s.count - 1; i++) {
    out.push(`${kindName(s.kinds[i]!)}:${text.slice(s.starts[i]!, s.ends[i]!)}`);
  }
  return out;
}

const NAMES: Record<number, string> = {
  [T.EOF]: 'EOF',
  [T.Identifier]: 'Id',
  [T.Number]: 'Num',
  [T.True]: 'True',
  [T.False]: 'False',
  [T.StringSimple]: 'Str',
  [T.StringStart]: 'StrStart',
  [T.StringText]: 'Text',
  [T.InterpStart]: 'IStart',
  [T.InterpEnd]: 'IEnd',
  [T.StringEnd]: 'StrEnd',
  [T.KwAssign]: 'ASSIGN',
  [T.KwDynamic]: 'DYNAMIC',
  [T.KwFunction]: 'FUNCTION',
  [T.KwIf]: 'IF',
  [T.KwElse]: 'ELSE',
  [T.KwSelect]: 'SELECT',
  [T.KwSwitch]: 'SWITCH',
  [T.KwCase]: 'CASE',
  [T.KwDefault]: 'DEFAULT',
  [T.KwFor]: 'FOR',
  [T.KwForeach]: 'FOREACH',
  [T.KwRepeat]: 'REPEAT',
  [T.KwBreak]: 'BREAK',
  [T.KwReturn]: 'RETURN',
  [T.KwTrace]: 'TRACE',
  [T.KwUses]: 'USES',
  [T.LParen]: '(',
  [T.RParen]: ')',
  [T.LBracket]: '[',
  [T.RBracket]: ']',
  [T.LBrace]: '{',
  [T.RBrace]: '}',
  [T.Comma]: ',',
  [T.Dot]: '.',
  [T.Eq]: '=',
  [T.NotEq]: '!=',
  [T.Lt]: '<',
  [T.LtEq]: '<=',
  [T.Gt]: '>',
  [T.GtEq]: '>=',
  [T.EqGt]: '=>',
  [T.Amp]: '&',
  [T.Pipe]: '|',
  [T.Plus]: '+',
  [T.Minus]: '-',
  [T.Star]: '*',
  [T.Slash]: '/',
  [T.Backslash]: '\\',
  [T.Percent]: '%',
  [T.Caret]: '^',
  [T.Tilde]: '~',
  [T.LtGt]: '<>',
  [T.Bang]: '!',
  [T.EqEq]: '==',
  [T.AmpAmp]: '&&',
  [T.PipePipe]: '||',
  [T.Semicolon]: ';',
  [T.Unknown]: 'Unknown',
};

function kindName(kind: number): string {
  return NAMES[kind] ?? `?${kind}`;
}

describe('snippet lexer', () => {
  it('reads keywords in any case, and IN/TO/WHILE as contextual words on identifiers', () => {
    assert.deepEqual(lex('ASSIGN assign Assign foreach FOREACH If'), [
      'ASSIGN:ASSIGN',
      'ASSIGN:assign',
      'ASSIGN:Assign',
      'FOREACH:foreach',
      'FOREACH:FOREACH',
      'IF:If',
    ]);
    const all = 'dynamic function else select switch case default for repeat break return trace uses true FALSE';
    assert.deepEqual(
      lex(all).map((t) => t.split(':')[0]),
      [
        'DYNAMIC',
        'FUNCTION',
        'ELSE',
        'SELECT',
        'SWITCH',
        'CASE',
        'DEFAULT',
        'FOR',
        'REPEAT',
        'BREAK',
        'RETURN',
        'TRACE',
        'USES',
        'True',
        'False',
      ],
    );
    const s = tokenize('in To WHILE elseif then not step into ifx');
    assert.deepEqual(Array.from(s.kinds.slice(0, 9)), Array(9).fill(T.Identifier));
    assert.deepEqual(
      Array.from({ length: 9 }, (_, i) => wordOf(s.flags[i]!)),
      [Word.In, Word.To, Word.While, Word.ElseIf, Word.Then, Word.Not, Word.Step, Word.None, Word.None],
    );
  });

  it('reads names with digits, _, $ and a leading underscore; keywords inside longer names stay names', () => {
    assert.deepEqual(lex('__err _ERR name$ x2 assignment iffy $value'), [
      'Id:__err',
      'Id:_ERR',
      'Id:name$',
      'Id:x2',
      'Id:assignment',
      'Id:iffy',
      'Id:$value',
    ]);
  });

  it('reads global: and Global: prefixes as part of one identifier token', () => {
    const s = tokenize('global:customfrom Global:CallerID GLOBAL:x global');
    assert.deepEqual(lex('global:customfrom Global:CallerID GLOBAL:x global'), [
      'Id:global:customfrom',
      'Id:Global:CallerID',
      'Id:GLOBAL:x',
      'Id:global',
    ]);
    assert.equal(s.flags[0]! & TokenFlags.GlobalScope, TokenFlags.GlobalScope);
    assert.equal(s.flags[3]! & TokenFlags.GlobalScope, 0);
  });

  it('reads every documented and undocumented operator', () => {
    assert.deepEqual(
      lex('= != < <= > >= => & | + - * / \\ % ^ ~ ( ) [ ] { } , . <> ! == && || ;').map((t) => t.split(':')[0]),
      [
        '=',
        '!=',
        '<',
        '<=',
        '>',
        '>=',
        '=>',
        '&',
        '|',
        '+',
        '-',
        '*',
        '/',
        '\\',
        '%',
        '^',
        '~',
        '(',
        ')',
        '[',
        ']',
        '{',
        '}',
        ',',
        '.',
        '<>',
        '!',
        '==',
        '&&',
        '||',
        ';',
      ],
    );
  });

  it('reads numbers with an optional fraction', () => {
    assert.deepEqual(lex('1 3.5 86400 1.'), ['Num:1', 'Num:3.5', 'Num:86400', 'Num:1', '.:.']);
  });

  it('reads // comments to the end of the line, braces and quotes included', () => {
    const text = 'x = 1 // a { "comment" \\" }\r\ny = 2';
    const s = tokenize(text);
    assert.deepEqual(lex(text), ['Id:x', '=:=', 'Num:1', 'Id:y', '=:=', 'Num:2']);
    assert.deepEqual(s.comments, [{ start: 6, end: 27 }]);
  });

  it('does not read // inside a string as a comment (pitfall 3)', () => {
    const text = 'url = "https://example.com/a" // real comment';
    assert.deepEqual(lex(text), ['Id:url', '=:=', 'Str:"https://example.com/a"']);
    assert.equal(tokenize(text).comments.length, 1);
  });

  it('marks the first token after a line break (LF, CRLF or CR)', () => {
    const s = tokenize('a\r\nb\rc\nd e');
    const nl = Array.from({ length: 5 }, (_, i) => (s.flags[i]! & TokenFlags.NewlineBefore) !== 0);
    assert.deepEqual(nl, [false, true, true, true, false]);
  });

  it('reads a string without interpolation as one token, with its quote kind', () => {
    const s = tokenize(`"a" 'b' $"c" #"02/09/2023"`);
    assert.deepEqual(Array.from(s.kinds.slice(0, 4)), [T.StringSimple, T.StringSimple, T.StringSimple, T.StringSimple]);
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => quoteOf(s.flags[i]!)),
      [QuoteCode.Double, QuoteCode.Single, QuoteCode.Dollar, QuoteCode.Date],
    );
  });

  it('splits an interpolating string into text, interpolation and end tokens', () => {
    assert.deepEqual(lex('"{baseURL}/v2/{id}"'), [
      'StrStart:"',
      'IStart:{',
      'Id:baseURL',
      'IEnd:}',
      'Text:/v2/',
      'IStart:{',
      'Id:id',
      'IEnd:}',
      'StrEnd:"',
    ]);
  });

  it('nests strings inside interpolations inside strings (pitfall 1)', () => {
    assert.deepEqual(lex(`"{mailbody.replace('"','\\"')}"`), [
      'StrStart:"',
      'IStart:{',
      'Id:mailbody',
      '.:.',
      'Id:replace',
      '(:(',
      `Str:'"'`,
      ',:,',
      `Str:'\\"'`,
      '):)',
      'IEnd:}',
      'StrEnd:"',
    ]);
  });

  it('keeps backslashes literal in ordinary strings', () => {
    assert.deepEqual(lex('"\\bwd\\b" "a\\"'), ['Str:"\\bwd\\b"', 'Str:"a\\"']);
  });

  it('honours \\{, \\" and a bare } in $"…" strings (pitfall 2)', () => {
    assert.deepEqual(lex('$"\\{ \\"channelId\\": \\"{channelId}\\" }"'), [
      'StrStart:$"',
      'Text:\\{ \\"channelId\\": \\"',
      'IStart:{',
      'Id:channelId',
      'IEnd:}',
      'Text:\\" }',
      'StrEnd:"',
    ]);
  });

  it('interpolates inside date literals', () => {
    assert.deepEqual(lex('#"{date} 8:00 AM"'), [
      'StrStart:#"',
      'IStart:{',
      'Id:date',
      'IEnd:}',
      'Text: 8:00 AM',
      'StrEnd:"',
    ]);
  });

  it('ends an unterminated string at the line end, reports it once and closes what was open', () => {
    const text = 'x = "{a.replace(\'b)}\nnext = 1';
    const s = tokenize(text);
    assert.deepEqual(lex(text), [
      'Id:x',
      '=:=',
      'StrStart:"',
      'IStart:{',
      'Id:a',
      '.:.',
      'Id:replace',
      '(:(',
      "Str:'b)}",
      'IEnd:',
      'StrEnd:',
      'Id:next',
      '=:=',
      'Num:1',
    ]);
    assert.equal(s.errors.length, 1);
    assert.deepEqual(s.errors[0]!.range, { start: 16, end: 20 });
    assert.match(s.errors[0]!.message, /^Unterminated string: add the closing ' on this line/);
  });

  it('reports an interpolation cut off by the line end at its {', () => {
    const s = tokenize('u = "https://x/{id\r\n');
    assert.deepEqual(
      s.errors.map((e) => [e.range.start, e.range.end]),
      [[15, 18]],
    );
    assert.match(s.errors[0]!.message, /^Unterminated interpolation/);
  });

  it('reports an unterminated string at the end of the text', () => {
    const s = tokenize('x = "abc');
    assert.deepEqual(
      s.errors.map((e) => [e.range.start, e.range.end]),
      [[4, 8]],
    );
    assert.equal(s.kinds[s.count - 1], T.EOF);
  });

  it('merges runs of junk characters into one Unknown token and keeps surrogate pairs whole', () => {
    assert.deepEqual(lex('a \u0000\u0001@? b'), ['Id:a', 'Unknown:\u0000\u0001@?', 'Id:b']);
    assert.deepEqual(lex('\ud83d\ude00'), ['Unknown:\ud83d\ude00']);
    assert.deepEqual(lex('\ud800 x'), ['Unknown:\ud800', 'Id:x']);
  });

  it('accepts non-ASCII letters in names and Unicode spaces as whitespace', () => {
    assert.deepEqual(lex('größe\u00a0=\u20031'), ['Id:größe', '=:=', 'Num:1']);
  });

  it('always ends with EOF and handles the empty text', () => {
    const s = tokenize('');
    assert.equal(s.count, 1);
    assert.equal(s.kinds[0], T.EOF);
  });

  it('grows its token buffer for long inputs', () => {
    const text = 'a '.repeat(50_000);
    const s = tokenize(text);
    assert.equal(s.count, 50_001);
    assert.equal(s.starts[49_999], 99_998);
  });
});
