import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as A from '../../../server/src/syntax/snippet/ast';
import {
  assignmentRoot,
  childrenOf,
  foldName as foldNameFromAst,
  staticStringValue,
  walk,
} from '../../../server/src/syntax/snippet/ast';
import { foldName, parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { treeRangeProblems } from '../../../server/src/syntax/snippet/tree-check';
import { rangeOf } from '../../../server/src/syntax/snippet/ast';

const FIXTURES = join(__dirname, '../../fixtures/snippet');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Parses code that must be error-free and range-consistent. */
function parseClean(text: string): A.Program {
  const result = parseSnippet(text);
  assert.deepEqual(
    result.errors.map((e) => `${e.range.start}-${e.range.end} ${e.message}`),
    [],
  );
  assert.deepEqual(treeRangeProblems(result.program, text.length), []);
  return result.program;
}

/** A compact rendering of an expression: binaries in parentheses, strings with their parts. */
function show(e: A.Expression): string {
  switch (e.kind) {
    case 'Identifier':
      return e.text;
    case 'NumberLiteral':
      return e.raw;
    case 'BooleanLiteral':
      return String(e.value);
    case 'StringLiteral': {
      const body = e.parts.map((p) => (p.kind === 'StringText' ? p.raw : `{${show(p.expression)}}`)).join('');
      return `${e.quote}${body}${e.terminated ? e.quote.slice(-1) : ''}`;
    }
    case 'Member':
      return `${show(e.object)}.${e.property}`;
    case 'Call':
      return `${show(e.callee)}(${e.args.map(show).join(', ')})`;
    case 'Index':
      return `${show(e.object)}[${show(e.index)}]`;
    case 'Binary':
      return `(${show(e.left)} ${e.operator} ${show(e.right)})`;
    case 'Unary':
      return `(${e.operator}${show(e.operand)})`;
    case 'Paren':
      return `(${show(e.expression)})`;
    case 'ErrorExpression':
      return '<error>';
  }
}

function showBlock(b: A.Block): string {
  return b.missing ? '<no block>' : `{ ${b.body.map(showStatement).join('; ')} }`;
}

function showClause(c: A.SwitchClause): string {
  return c.kind === 'DefaultClause'
    ? `DEFAULT ${showBlock(c.body)}`
    : `${c.labels.map((l) => `CASE ${show(l.value)}`).join(' ')} ${showBlock(c.body)}`;
}

/** A compact rendering of a statement, blocks inline. */
function showStatement(s: A.Statement): string {
  switch (s.kind) {
    case 'Assign':
      return `${s.hasAssignKeyword ? 'ASSIGN ' : ''}${show(s.target)} = ${show(s.value)}`;
    case 'Dynamic':
      return `DYNAMIC ${s.name?.text ?? '<none>'}`;
    case 'Function':
      return `FUNCTION ${s.name?.text ?? '<none>'}(${s.params.map((p) => p.text).join(', ')}) ${showBlock(s.body)}`;
    case 'Return':
      return s.value ? `RETURN ${show(s.value)}` : 'RETURN';
    case 'If': {
      const head = `IF ${show(s.condition)} ${showBlock(s.then)}`;
      if (!s.else) return head;
      return `${head} ELSE ${s.else.kind === 'If' ? showStatement(s.else) : showBlock(s.else)}`;
    }
    case 'Switch':
      return `SWITCH ${show(s.discriminant)} [${s.clauses.map(showClause).join(' | ')}]`;
    case 'Select':
      return `SELECT [${s.clauses.map(showClause).join(' | ')}]`;
    case 'For':
      return `FOR ${s.variable?.text ?? '<none>'} = ${show(s.from)} TO ${show(s.to)} ${showBlock(s.body)}`;
    case 'Foreach':
      return `FOREACH ${s.variable?.text ?? '<none>'} IN ${show(s.iterable)} ${showBlock(s.body)}`;
    case 'Repeat':
      return `REPEAT ${show(s.count)} ${showBlock(s.body)}`;
    case 'Break':
      return 'BREAK';
    case 'Trace':
      return `TRACE ${show(s.value)}`;
    case 'Uses':
      return `USES ${show(s.value)}`;
    case 'ExpressionStatement':
      return show(s.expression);
    case 'ErrorStatement':
      return `<error${s.block ? ` ${showBlock(s.block)}` : ''}>`;
  }
}

function statements(text: string): string[] {
  return parseClean(text).body.map(showStatement);
}

function expression(text: string): A.Expression {
  const s = parseClean(`x = ${text}`).body[0]!;
  assert.equal(s.kind, 'Assign');
  return (s as A.AssignStatement).value;
}

function slice(text: string, r: { start: number; end: number }): string {
  return text.slice(r.start, r.end);
}

describe('snippet parser: statements', () => {
  it('parses ASSIGN and bare assignment to names, members, indexes and globals', () => {
    assert.deepEqual(statements('ASSIGN x = 1\nx = 2\nASSIGN x[10] = "ten"\no.items[2].name = "y"\nglobal:t = ""'), [
      'ASSIGN x = 1',
      'x = 2',
      'ASSIGN x[10] = "ten"',
      'o.items[2].name = "y"',
      'global:t = ""',
    ]);
    const program = parseClean('ASSIGN a=1 b=2');
    const [a, b] = program.body as A.AssignStatement[];
    assert.equal(a!.hasAssignKeyword, true);
    assert.equal(b!.hasAssignKeyword, false);
    assert.deepEqual(rangeOf(a!), { start: 0, end: 10 });
    assert.deepEqual(rangeOf(b!), { start: 11, end: 14 });
  });

  it('finds the variable an assignment writes with assignmentRoot', () => {
    const [s] = parseClean('o.items[2].name = 1').body as A.AssignStatement[];
    assert.equal(assignmentRoot(s!.target)?.text, 'o');
    assert.equal(assignmentRoot({ kind: 'ErrorExpression', start: 0, end: 0 }), null);
  });

  it('parses DYNAMIC, TRACE, USES, BREAK and RETURN', () => {
    assert.deepEqual(statements('DYNAMIC body\nTRACE "status {code}"\nUSES "Proxy.dll"'), [
      'DYNAMIC body',
      'TRACE "status {code}"',
      'USES "Proxy.dll"',
    ]);
    assert.deepEqual(statements('FOR i = 1 TO 3 { BREAK }'), ['FOR i = 1 TO 3 { BREAK }']);
  });

  it('parses FUNCTION with parameters, RETURN with and without a value, and calls to it', () => {
    assert.deepEqual(statements('FUNCTION Add(a, b) { RETURN a + b }\nFUNCTION Done() {\n RETURN\n}\nx = Add(1, 2)'), [
      'FUNCTION Add(a, b) { RETURN (a + b) }',
      'FUNCTION Done() { RETURN }',
      'x = Add(1, 2)',
    ]);
  });

  it('reads a RETURN value only on the same line', () => {
    assert.deepEqual(statements('FUNCTION f() {\n RETURN\n x = 1\n}'), ['FUNCTION f() { RETURN; x = 1 }']);
  });

  it('parses IF with and without ELSE, and a bare variable as the condition', () => {
    assert.deepEqual(statements('IF Conexiom { a = 1 } ELSE { a = 2 }\nIF c > 1\n{\n}'), [
      'IF Conexiom { a = 1 } ELSE { a = 2 }',
      'IF (c > 1) {  }',
    ]);
  });

  it('accepts ELSE followed by IF without braces and notes it in the tree (pitfall 12)', () => {
    const text = 'IF REJ = 1 { m = 1 }\nELSE\nIF REJ = 2 { m = 2 }\nELSE { m = 3 }';
    const [s] = parseClean(text).body as A.IfStatement[];
    assert.equal(showStatement(s!), 'IF (REJ = 1) { m = 1 } ELSE IF (REJ = 2) { m = 2 } ELSE { m = 3 }');
    assert.equal(s!.elseIfWithoutBraces, true);
    assert.equal(slice(text, s!.elseKeywordRange!), 'ELSE');
    const inner = s!.else as A.IfStatement;
    assert.equal(inner.elseIfWithoutBraces, false);
    assert.deepEqual(rangeOf(inner), { start: 26, end: text.length });
    assert.deepEqual(rangeOf(s!), { start: 0, end: text.length });
  });

  it('reads a long ELSE IF chain without deep recursion', () => {
    const elseIfs = Array.from({ length: 3000 }, (_, i) => ` ELSE IF x = ${i + 1} { y = ${i + 1} }`).join('');
    const text = `IF x = 0 { y = 0 }${elseIfs}`;
    const result = parseSnippet(text);
    assert.deepEqual(result.errors, []);
    let depth = 0;
    for (let s: A.Statement | A.Block | null = result.program.body[0]!; s && s.kind === 'If'; s = s.else) depth++;
    assert.equal(depth, 3001);
  });

  it('parses SWITCH with one-line CASE blocks and DEFAULT (pitfall 8)', () => {
    assert.deepEqual(
      statements('SWITCH n {\nCASE 4 { ASSIGN item="FOUR" }\nCASE "5" { ASSIGN item="FIVE" } DEFAULT { item = "" } }'),
      ['SWITCH n [CASE 4 { ASSIGN item = "FOUR" } | CASE "5" { ASSIGN item = "FIVE" } | DEFAULT { item = "" }]'],
    );
  });

  it('groups stacked CASE lines, with comment and blank lines between them and before { (pitfall 4)', () => {
    const text = [
      'SELECT',
      '{',
      '  CASE code = 401',
      '  //CASE code = 402 //disabled',
      '  CASE code = 403',
      '  //\t',
      '',
      '  {',
      '    token = ""',
      '  }',
      '  CASE code = 200 { ok = true }',
      '  DEFAULT { ok = false }',
      '}',
    ].join('\n');
    const [s] = parseClean(text).body as A.SelectStatement[];
    assert.equal(
      showStatement(s!),
      'SELECT [CASE (code = 401) CASE (code = 403) { token = "" } | ' +
        'CASE (code = 200) { ok = true } | DEFAULT { ok = false }]',
    );
    const group = s!.clauses[0] as A.CaseGroup;
    assert.equal(group.labels.length, 2);
    assert.equal(slice(text, rangeOf(group.labels[1]!)), 'CASE code = 403');
    assert.equal(slice(text, rangeOf(group)).split('\n').length, 8);
  });

  it('parses FOR (counting either way), FOREACH with lower-case in, and REPEAT (pitfall 9)', () => {
    assert.deepEqual(
      statements('FOR i = 10 TO 1 { x = i }\nforeach Name in Names { TRACE Name }\nREPEAT n + 1 { c = c + 1 }'),
      ['FOR i = 10 TO 1 { x = i }', 'FOREACH Name IN Names { TRACE Name }', 'REPEAT (n + 1) { c = (c + 1) }'],
    );
  });

  it('reads lower-case keywords and mixed-case builtins such as GETRESTProxy() (pitfall 9)', () => {
    assert.deepEqual(statements('assign p = GETRESTProxy()\nif p.StatusCode != 200 { return }\nelse { break }'), [
      'ASSIGN p = GETRESTProxy()',
      'IF (p.StatusCode != 200) { RETURN } ELSE { BREAK }',
    ]);
  });

  it('parses calls used as statements, including on global: names', () => {
    assert.deepEqual(statements('proxy.AddHeader("k", "v")\nGlobal:SpoofPass.savetodb(1)\nERROR_MESSAGE.throw()'), [
      'proxy.AddHeader("k", "v")',
      'Global:SpoofPass.savetodb(1)',
      'ERROR_MESSAGE.throw()',
    ]);
  });

  it('parses several statements and nested blocks on one line (pitfall 8)', () => {
    const text = fixture('one-line-program.snippet');
    assert.deepEqual(parseClean(text).body.map(showStatement), [
      'ASSIGN Names = "Odin|Freya|Thor|Loki"',
      'ASSIGN SubCounter = 1',
      'FOREACH Name IN Names { IF ((Name = "Odin") | (Name = "Freya")) { ASSIGN SubCounter = (SubCounter + 1) } }',
    ]);
  });

  it('mixes ASSIGN and bare assignment, with or without spaces around = (pitfall 6)', () => {
    assert.deepEqual(statements('ASSIGN URI="{baseURL}/x"\nadminuser = "13650" // name\nASSIGN n=1'), [
      'ASSIGN URI = "{baseURL}/x"',
      'adminuser = "13650"',
      'ASSIGN n = 1',
    ]);
  });

  it('gives the program the whole text as its range, and an empty body for an empty file', () => {
    const { tokens, ...result } = parseSnippet('');
    assert.deepEqual(result, {
      program: { kind: 'Program', start: 0, end: 0, body: [] },
      errors: [],
      comments: [],
    });
    assert.equal(tokens?.count, 1, 'the tokens it read: EOF alone');
    assert.deepEqual(rangeOf(parseSnippet('  // only a comment\r\n').program), { start: 0, end: 21 });
  });
});

describe('snippet parser: expressions', () => {
  it('treats = as equality inside expressions and follows the documented precedence', () => {
    assert.equal(show(expression('a = b')), '(a = b)');
    assert.equal(show(expression('b+10*c-a^2')), '((b + (10 * c)) - (a ^ 2))');
    assert.equal(show(expression('a = 1 & b != 2 | c')), '(((a = 1) & (b != 2)) | c)');
    assert.equal(show(expression('( a.contains(x) | b.contains(x) ) & c')), '(((a.contains(x) | b.contains(x))) & c)');
    assert.equal(show(expression('a \\ 2 % 3 / 4')), '(((a \\ 2) % 3) / 4)');
    assert.equal(show(expression('a < 1 ~ b <= 2 ~ c >= 3')), '(((a < 1) ~ (b <= 2)) ~ (c >= 3))');
  });

  it('reads => as >= (the IF action spelling)', () => {
    const e = expression('TOTAL=>0') as A.BinaryExpression;
    assert.equal(e.operator, '>=');
    assert.deepEqual([e.operatorStart, e.operatorEnd], [9, 11]);
  });

  it('folds a minus on a number into the literal, and keeps -x as a unary', () => {
    const n = expression('-1') as A.NumberLiteral;
    assert.deepEqual([n.kind, n.value, n.raw], ['NumberLiteral', -1, '-1']);
    assert.equal(show(expression('-x')), '(-x)');
    assert.equal(show(expression('-a^2')), '(-(a ^ 2))');
    assert.equal(show(expression('-2^2')), '(-(2 ^ 2))');
    assert.equal(show(expression('a - -3.5')), '(a - -3.5)');
    assert.equal((expression('3.5') as A.NumberLiteral).value, 3.5);
  });

  it('reads booleans, member paths, calls and indexes', () => {
    assert.equal((expression('TRUE') as A.BooleanLiteral).value, true);
    assert.equal((expression('false') as A.BooleanLiteral).value, false);
    assert.equal(show(expression('o.items[i + 1].name.left(8)')), 'o.items[(i + 1)].name.left(8)');
    assert.equal(
      show(expression('proxy.MakeRestRequest(url, "", 0, "GET")')),
      'proxy.MakeRestRequest(url, "", 0, "GET")',
    );
    assert.equal(show(expression('f()')), 'f()');
  });

  it('keeps member names as written, with a folded copy and an exact range', () => {
    const text = 'x = result.Access_Token';
    const m = (parseClean(text).body[0] as A.AssignStatement).value as A.MemberExpression;
    assert.equal(m.property, 'Access_Token');
    assert.equal(m.propertyFolded, 'access_token');
    assert.equal(text.slice(m.propertyStart, m.end), 'Access_Token');
    assert.equal(slice(text, rangeOf(m)), 'result.Access_Token');
  });

  it('allows reserved words as member names', () => {
    assert.equal(show(expression('o.case + o.Default')), '(o.case + o.Default)');
  });

  it('gives identifiers their text, folded name and scope (pitfalls 5 and 7)', () => {
    const text = 'x = "{global:customfrom} <tel:1{Global:CallerID}> {HTTPStatus}{httpstatus}"';
    const ids: A.Identifier[] = [];
    walk(parseClean(text), (n) => {
      if (n.kind === 'Identifier') ids.push(n);
    });
    assert.deepEqual(
      ids.map((i) => [i.text, i.name, i.folded, i.scope, slice(text, rangeOf(i))]),
      [
        ['x', 'x', 'x', null, 'x'],
        ['global:customfrom', 'customfrom', 'customfrom', 'global', 'global:customfrom'],
        ['Global:CallerID', 'CallerID', 'callerid', 'global', 'Global:CallerID'],
        ['HTTPStatus', 'HTTPStatus', 'httpstatus', null, 'HTTPStatus'],
        ['httpstatus', 'httpstatus', 'httpstatus', null, 'httpstatus'],
      ],
    );
  });

  it('folds names for comparison with foldName', () => {
    assert.equal(foldName('HTTPStatus'), foldName('httpstatus'));
    assert.equal(foldName('Proxy'), 'proxy');
    assert.equal(foldNameFromAst, foldName);
  });
});

describe('snippet parser: strings', () => {
  function stringOf(text: string): A.StringLiteral {
    const v = expression(text);
    assert.equal(v.kind, 'StringLiteral');
    return v as A.StringLiteral;
  }

  it('splits interpolating strings into text and expression parts with exact ranges', () => {
    const text = 'x = "{baseURL}/v2/{id}"';
    const s = (parseClean(text).body[0] as A.AssignStatement).value as A.StringLiteral;
    assert.deepEqual(
      s.parts.map((p) => [p.kind, slice(text, rangeOf(p))]),
      [
        ['Interpolation', '{baseURL}'],
        ['StringText', '/v2/'],
        ['Interpolation', '{id}'],
      ],
    );
    const interp = s.parts[0] as A.Interpolation;
    assert.equal(slice(text, rangeOf(interp.expression)), 'baseURL');
    assert.equal(interp.closed, true);
    assert.equal(s.quote, '"');
    assert.equal(s.terminated, true);
  });

  it('parses any expression inside an interpolation', () => {
    assert.equal(
      show(stringOf('"{b+10*c-a^2} {i.friendlyName} {Proxy.StatusCode} {x.left(32)}"')),
      '"{((b + (10 * c)) - (a ^ 2))} {i.friendlyName} {Proxy.StatusCode} {x.left(32)}"',
    );
  });

  it('nests quotes inside interpolations (pitfall 1)', () => {
    const text = `x = "{mailbody.replace('"','\\"')}"`;
    const s = (parseClean(text).body[0] as A.AssignStatement).value as A.StringLiteral;
    const call = (s.parts[0] as A.Interpolation).expression as A.CallExpression;
    assert.deepEqual(
      call.args.map((a) => (a as A.StringLiteral).parts.map((p) => (p as A.StringText).raw)),
      [['"'], ['\\"']],
    );
    assert.deepEqual(
      call.args.map((a) => (a as A.StringLiteral).quote),
      ["'", "'"],
    );
  });

  it('keeps backslashes literal in ordinary strings', () => {
    assert.equal(staticStringValue(stringOf('"\\bwd\\b"')), '\\bwd\\b');
  });

  it('decodes $"…" escapes, keeps \\{ literal and a bare } literal (pitfall 2)', () => {
    const s = stringOf('$"\\{ \\"channelId\\": \\"{channelId}\\", \\"t\\": \\"a\\tb\\n\\" }"');
    assert.equal(s.quote, '$"');
    assert.deepEqual(
      s.parts.map((p) => (p.kind === 'StringText' ? p.value : `{${show(p.expression)}}`)),
      ['{ "channelId": "', '{channelId}', '", "t": "a\tb\n" }'],
    );
    assert.equal((s.parts[0] as A.StringText).raw, '\\{ \\"channelId\\": \\"');
    assert.equal(staticStringValue(stringOf('$"\\{\\}\\\\"')), '{}\\');
  });

  it('reads date literals with interpolation', () => {
    const s = stringOf('#"{date} 8:00 AM"');
    assert.equal(s.quote, '#"');
    assert.equal(show(s), '#"{date} 8:00 AM"');
    assert.equal(staticStringValue(stringOf('#"02/09/2023"')), '02/09/2023');
  });

  it('reads single-quoted strings and empty strings', () => {
    const s = stringOf("'Réponse automatique'");
    assert.equal(s.quote, "'");
    assert.equal(staticStringValue(s), 'Réponse automatique');
    assert.deepEqual(stringOf('""').parts, []);
    assert.equal(staticStringValue(stringOf('"a{b}"')), null);
  });

  it('keeps non-ASCII text and HTML entities exactly (pitfall 10)', () => {
    const text = fixture('non-ascii-strings.snippet');
    const values: string[] = [];
    walk(parseClean(text), (n) => {
      if (n.kind === 'StringText') values.push(n.value);
    });
    assert.deepEqual(values, [
      'Adressänderung – Kundennummer ',
      'Réponse automatique',
      'Sehr geehrte Damen &amp; Herren &ndash; Grüße',
      'Danke 👍 ',
    ]);
  });

  it('does not treat // inside a string as a comment, but finds real comments (pitfall 3)', () => {
    const text = 'url = "https://x.example.com/a" // comment { with "quotes" and \\" }\nnext = 1';
    const result = parseSnippet(text);
    assert.deepEqual(result.errors, []);
    assert.equal(result.program.body.length, 2);
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      ['// comment { with "quotes" and \\" }'],
    );
  });
});

describe('snippet parser: tree helpers', () => {
  it('walks every node in source order, into interpolations, with parents and leave calls', () => {
    const text = 'IF a { x = "{f(y)}" }';
    const entered: string[] = [];
    const left: string[] = [];
    const parents = new Map<A.AstNode, A.AstNode | null>();
    walk(
      parseClean(text),
      (n, parent) => {
        entered.push(n.kind);
        parents.set(n, parent);
      },
      (n) => left.push(n.kind),
    );
    assert.deepEqual(entered, [
      'Program',
      'If',
      'Identifier',
      'Block',
      'Assign',
      'Identifier',
      'StringLiteral',
      'Interpolation',
      'Call',
      'Identifier',
      'Identifier',
    ]);
    assert.deepEqual(left, [
      'Identifier',
      'Identifier',
      'Identifier',
      'Identifier',
      'Call',
      'Interpolation',
      'StringLiteral',
      'Assign',
      'Block',
      'If',
      'Program',
    ]);
    const call = [...parents.keys()].find((n) => n.kind === 'Call')!;
    assert.equal(parents.get(call)!.kind, 'Interpolation');
  });

  it('skips children when enter returns false', () => {
    const kinds: string[] = [];
    walk(parseClean('x = f(a, b)'), (n) => {
      kinds.push(n.kind);
      return n.kind !== 'Call';
    });
    assert.deepEqual(kinds, ['Program', 'Assign', 'Identifier', 'Call']);
  });

  it('lists the children of every node kind in source order', () => {
    const text = [
      'FUNCTION f(a) { RETURN -a }',
      'DYNAMIC d',
      'SWITCH s { CASE 1 { BREAK } DEFAULT { } }',
      'SELECT { CASE a[1] { TRACE "t" } }',
      'FOR i = 1 TO 2 { }',
      'FOREACH e IN l { }',
      'REPEAT 2 { }',
      'USES "p.dll"',
      'p.q(true, (1))',
      'IF a { } ELSE { }',
    ].join('\n');
    const program = parseClean(text);
    const seen = new Set<string>();
    walk(program, (n) => {
      seen.add(n.kind);
      const kids = childrenOf(n);
      for (let i = 1; i < kids.length; i++) assert.ok(kids[i]!.start >= kids[i - 1]!.end);
    });
    for (const kind of [
      'Function',
      'Return',
      'Unary',
      'Dynamic',
      'Switch',
      'CaseGroup',
      'CaseLabel',
      'DefaultClause',
      'Break',
      'Select',
      'Index',
      'Trace',
      'For',
      'Foreach',
      'Repeat',
      'Uses',
      'ExpressionStatement',
      'Call',
      'BooleanLiteral',
      'Paren',
      'If',
      'Block',
    ]) {
      assert.ok(seen.has(kind), kind);
    }
  });

  it('walks a 100,000-term operator chain without overflowing the stack', () => {
    const text = `x = ${Array.from({ length: 100_000 }, (_, i) => `a${i}`).join(' + ')}`;
    const result = parseSnippet(text);
    assert.deepEqual(result.errors, []);
    let count = 0;
    walk(result.program, () => {
      count++;
    });
    assert.equal(count, 1 + 1 + 1 + 99_999 + 100_000);
    assert.deepEqual(treeRangeProblems(result.program, text.length), []);
  });
});

describe('snippet parser: realistic fixtures', () => {
  it('rest-call-with-token: REST proxy, bearer header, StatusCode copy and stacked CASEs', () => {
    const text = fixture('rest-call-with-token.snippet');
    const body = parseClean(text).body;
    const lines = body.map(showStatement);
    assert.ok(lines.includes('ASSIGN proxy = GetRESTProxy()'));
    assert.ok(lines.includes('proxy.AddHeader("Authorization", "Bearer {token}")'));
    assert.ok(
      lines.includes('ASSIGN result = proxy.MakeRestRequest("{baseURL}/tickets?source=ivr", ticketJson, 0, "POST")'),
    );
    assert.ok(lines.includes('HTTPStatus = "{proxy.StatusCode}"'));
    assert.ok(lines.includes('ticket.tags[1] = "ivr"'));
    const select = body.find((s) => s.kind === 'Select') as A.SelectStatement;
    assert.deepEqual(
      select.clauses.map((c) => (c.kind === 'CaseGroup' ? c.labels.map((l) => show(l.value)) : 'DEFAULT')),
      [['(httpstatus = 201)', '(HTTPStatus = 200)'], ['(HTTPStatus = 401)', '(HTTPStatus = 403)'], 'DEFAULT'],
    );
    assert.equal(parseSnippet(text).comments.length, 3);
  });

  it('mail-parser-with-nested-quotes: nested quotes, literal backslashes, comments holding braces', () => {
    const text = fixture('mail-parser-with-nested-quotes.snippet');
    const lines = parseClean(text).body.map(showStatement);
    assert.deepEqual(lines.slice(0, 3), [
      `ASSIGN mailbody = "{mailbody.replace('"', '\\"')}"`,
      `ASSIGN htmlbody = "{mailbody.replace(char(13), '<br>')}"`,
      'ASSIGN pattern = "\\bwd\\b"',
    ]);
    assert.match(lines[3]!, /^IF \(\(\(mailsubject\.contains\("Adressänderung"\) \| /);
    assert.match(lines[3]!, /ELSE \{ IF Conexiom \{ ASSIGN queue = "orders" \} \}$/);
    assert.equal(lines[4], 'adminuser = "13650"');
    assert.equal(
      lines[5],
      'FOREACH i IN mailattach { ASSIGN names = "{names}{i.friendlyName}|"; ' +
        'ASSIGN link = "https://files.example.com/{i.url}" }',
    );
  });

  it('switch-and-loops: SWITCH with one-line CASEs, FOR, lower-case foreach/in, REPEAT', () => {
    const lines = parseClean(fixture('switch-and-loops.snippet')).body.map(showStatement);
    assert.deepEqual(lines, [
      'ASSIGN item = ""',
      'SWITCH choice [CASE 1 { ASSIGN item = "ONE" } | CASE "2" { ASSIGN item = "TWO" } | ' +
        'CASE 4 { ASSIGN item = "FOUR" } | CASE 5 { ASSIGN item = "FIVE" } | DEFAULT { ASSIGN item = "OTHER" }]',
      'FOR i = 10 TO 1 { ASSIGN countdown = "{countdown}{i}"; IF (i = 3) { BREAK } }',
      'FOREACH Name IN Names { TRACE "name {Name} of {Names.size}" }',
      'REPEAT 3 { ASSIGN attempts = (attempts + 1) }',
      'ASSIGN x[10] = "ten"',
      'ASSIGN order.items[2].name = "y"',
    ]);
  });

  it('functions: declarations, calls in interpolations, USES, commented-out function', () => {
    const text = fixture('functions.snippet');
    const lines = parseClean(text).body.map(showStatement);
    assert.deepEqual(lines, [
      'USES "Proxy.dll"',
      'FUNCTION BuildAuthHeader(tokenValue) { RETURN "Bearer {tokenValue}" }',
      'FUNCTION Log(level, message) { TRACE "{level}: {message}"; RETURN }',
      'FUNCTION IsExpired() { RETURN (now >= (global:tokenExpiry - ((300 / 86400)))) }',
      'ASSIGN proxy = GETRESTProxy()',
      'proxy.AddHeader("Authorization", "{BuildAuthHeader(global:accessToken)}")',
      'Log("info", "header set")',
    ]);
    assert.equal(parseSnippet(text).comments.length, 4);
  });

  it('crlf-line-endings: CRLF text with ELSE + IF on the next line (pitfalls 11 and 12)', () => {
    const text = fixture('crlf-line-endings.snippet');
    assert.ok(text.includes('\r\n'), 'the fixture must keep its CRLF line endings');
    const [s] = parseClean(text).body.slice(1) as A.IfStatement[];
    assert.equal(
      showStatement(s!),
      'IF (REJ = 1) { ASSIGN msg = "first" } ELSE IF (REJ = 2) { ASSIGN msg = "second" } ELSE { ASSIGN msg = "other" }',
    );
    assert.equal(s!.elseIfWithoutBraces, true);
    const result = parseSnippet(text);
    assert.deepEqual(
      result.comments.map((c) => slice(text, c)),
      ['// still CRLF'],
    );
    walk(result.program, (n) => {
      if (n.kind === 'StringText') assert.ok(!n.raw.includes('\r'));
    });
  });

  it('dollar-string-json-body: a JSON body built with $"…"', () => {
    const text = fixture('dollar-string-json-body.snippet');
    const [body] = parseClean(text).body as A.AssignStatement[];
    const s = body!.value as A.StringLiteral;
    assert.deepEqual(
      s.parts.map((p) => (p.kind === 'StringText' ? p.value : `{${show(p.expression)}}`)),
      ['{ "channelId": "', '{channelId}', '", "text": "Line1\nLine2" }'],
    );
  });

  it('dates: date literals, interpolated dates and day-count arithmetic', () => {
    const lines = parseClean(fixture('dates.snippet')).body.map(showStatement);
    assert.deepEqual(lines, [
      'ASSIGN opens = #"{date} 8:00 AM"',
      'ASSIGN holiday = #"02/09/2023"',
      'IF ((now > opens) & (now < #"{date} 5:00 PM")) { ASSIGN isOpen = true }',
      'ASSIGN tokenExpiry = (now + (((expiresIn - 60)) / 86400))',
    ]);
  });

  it('global-scope-in-interpolation: global: and Global: prefixes (pitfall 7)', () => {
    const lines = parseClean(fixture('global-scope-in-interpolation.snippet')).body.map(showStatement);
    assert.deepEqual(lines, [
      'ASSIGN global:customfrom = "support@example.com"',
      'Global:SpoofPass.savetodb(1)',
      'ASSIGN from = "{global:customfrom}"',
      'ASSIGN tel = " <tel:1{Global:CallerID}>"',
    ]);
  });
});
