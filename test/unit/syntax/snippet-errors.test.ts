import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as A from '../../../server/src/syntax/snippet/ast';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { treeRangeProblems } from '../../../server/src/syntax/snippet/tree-check';
import { describeRange, readAnnotated } from '../../helpers/annotated';

const ERROR_FIXTURES = join(__dirname, '../../fixtures/snippet/errors');

/**
 * Parses an annotated source and checks that the errors are exactly the annotated ones: same ranges, and each
 * message starts with the annotated message (when one is given).
 */
function check(source: string): A.Program {
  const { text, expected } = readAnnotated(source);
  const result = parseSnippet(text);
  const actual = result.errors.map((e) => `${describeRange(text, e.range)} ${e.message}`);
  assert.equal(result.errors.length, expected.length, `errors:\n${actual.join('\n')}`);
  expected.forEach((want, i) => {
    const got = result.errors[i]!;
    assert.equal(describeRange(text, got.range), describeRange(text, want.range), `error ${i}: ${got.message}`);
    if (want.message !== undefined) {
      assert.ok(
        got.message.startsWith(want.message),
        `error ${i}: "${got.message}" should start with "${want.message}"`,
      );
    }
  });
  assert.deepEqual(treeRangeProblems(result.program, text.length), []);
  return result.program;
}

function kinds(program: A.Program): string[] {
  return program.body.map((s) => s.kind);
}

describe('snippet parser: error fixtures', () => {
  for (const name of readdirSync(ERROR_FIXTURES).filter((f) => f.endsWith('.snippet'))) {
    it(name, () => {
      check(readFileSync(join(ERROR_FIXTURES, name), 'utf8'));
    });
  }
});

describe('snippet parser: errors and recovery', () => {
  it('reports an unterminated string at its start and keeps parsing the next line', () => {
    const program = check(
      [
        'ASSIGN name = "Odin',
        '              ^^^^^ syntax-error: Unterminated string: add the closing " on this line',
        'ASSIGN next = 1',
      ].join('\n'),
    );
    assert.deepEqual(kinds(program), ['Assign', 'Assign']);
    const value = (program.body[0] as A.AssignStatement).value as A.StringLiteral;
    assert.equal(value.terminated, false);
  });

  it('reports an unterminated interpolation once, not also the string or the call around it', () => {
    const program = check(
      [
        'proxy.AddHeader("Authorization", "Bearer {token)',
        '                                         ^^^^^^^ syntax-error: Unterminated interpolation',
        'x = 1',
      ].join('\n'),
    );
    assert.deepEqual(kinds(program), ['ExpressionStatement', 'Assign']);
    const call = (program.body[0] as A.ExpressionStatement).expression as A.CallExpression;
    const literal = call.args[1] as A.StringLiteral;
    assert.equal((literal.parts[1] as A.Interpolation).closed, false);
    assert.equal(call.closed, false);
  });

  it('reports an unterminated $-string whose last quote is escaped', () => {
    check(
      [
        'ASSIGN body = $"\\{ \\"id\\": \\"{id}\\" }\\"',
        '              ^^^^^^^^^^^^^^^^^^^^^^^^^ syntax-error: Unterminated string',
      ].join('\n'),
    );
  });

  it('reports a missing } at the opening { and a stray } where it is', () => {
    check(['IF a {', '     ^ syntax-error: This { is never closed: add the matching }', '  x = 1'].join('\n'));
    check(['x = 1 }', '      ^ syntax-error: Unmatched }', 'y = 2'].join('\n'));
  });

  it('reports a stray CASE and still reads its block', () => {
    const program = check(['CASE 1 { x = 1 }', '^^^^ syntax-error: CASE outside SWITCH or SELECT'].join('\n'));
    const stray = program.body[0] as A.ErrorStatement;
    assert.equal(stray.kind, 'ErrorStatement');
    assert.equal(stray.block?.body[0]?.kind, 'Assign');
  });

  it('reports a stacked CASE list that ends without a block', () => {
    check(
      ['SELECT {', '  CASE a = 1', '  CASE a = 2', '  ^^^^^^^^^^ syntax-error: CASE needs a { … } block', '}'].join(
        '\n',
      ),
    );
  });

  it('reports an expression where a statement should start, once per line', () => {
    const program = check(
      [
        '"hello" x',
        '^^^^^^^ syntax-error: A statement cannot start with a string',
        '5 + 5',
        '^ syntax-error: A statement cannot start with "5"',
        'ok = 1',
      ].join('\n'),
    );
    assert.deepEqual(kinds(program), ['ErrorStatement', 'ErrorStatement', 'Assign']);
  });

  it('reports an assignment to a call result', () => {
    check(
      [
        'GetRESTProxy().ContentType = "x"',
        '^^^^^^^^^^^^^^^^^^^^^^^^^^ syntax-error: Cannot assign to the result of a call',
      ].join('\n'),
    );
  });

  it('reports a missing value, loop variable, TO and IN', () => {
    check(
      [
        'FOR = 1 TO 3 { }',
        '    ^ syntax-error: Expected a loop variable',
        'FOR i = 1 { }',
        '          ^ syntax-error: Expected TO and an end value',
        'FOREACH item list { }',
        '             ^^^^ syntax-error: Expected IN and a list',
        'IF { }',
        '   ^ syntax-error: Expected a condition after IF',
        'x = 1 +',
        '      ^ syntax-error: Expected a value after +',
      ].join('\n'),
    );
  });

  it('reads FOR … IN as FOREACH after reporting it, and reports STEP', () => {
    const program = check(
      [
        'FOR item IN list { }',
        '         ^^ syntax-error: FOR … IN is written FOREACH',
        'FOR i = 1 TO 9 STEP 2 { }',
        '               ^^^^ syntax-error: STEP is not supported',
      ].join('\n'),
    );
    assert.deepEqual(kinds(program), ['Foreach', 'For']);
  });

  it('reports reserved words used as names', () => {
    check(
      [
        'ASSIGN case = 1',
        '       ^^^^ syntax-error: CASE is a reserved word and cannot be a variable name',
        'FOREACH if IN x { }',
        '        ^^ syntax-error: IF is a reserved word and cannot be a loop variable',
      ].join('\n'),
    );
  });

  it('reports unclosed parentheses and brackets at the opener, and junk before the closer', () => {
    check(
      [
        'x = (a + b',
        '    ^ syntax-error: This ( is never closed: add the matching )',
        'y = list[1',
        '        ^ syntax-error: This [ is never closed: add the matching ]',
        'z = f(a b)',
        '        ^ syntax-error: Expected , or ) after the argument',
      ].join('\n'),
    );
  });

  it('reports a second expression inside one interpolation', () => {
    check(
      ['x = "{a b}"', '        ^ syntax-error: Unexpected "b" in {…}: an interpolation holds one expression'].join(
        '\n',
      ),
    );
  });

  it('reports SELECT with a value, and a SWITCH without a body', () => {
    check(
      [
        'SELECT code { CASE code = 1 { } }',
        '       ^^^^ syntax-error: SELECT takes no value',
        'SWITCH code',
        '^^^^^^^^^^^ syntax-error: SWITCH needs a { … } block holding CASE',
      ].join('\n'),
    );
  });

  it('reports a missing member name and a missing function name or parenthesis', () => {
    check(
      [
        'x = proxy.',
        '         ^ syntax-error: Expected a member name after .',
        'FUNCTION (a) { }',
        '         ^ syntax-error: Expected a function name',
        'FUNCTION f { }',
        '           ^ syntax-error: Expected ( after the function name',
      ].join('\n'),
    );
  });

  it('reports USES without a quoted name, and DYNAMIC without a name', () => {
    check(
      [
        'USES proxy',
        '     ^^^^^ syntax-error: USES needs the DLL name in quotes',
        'DYNAMIC',
        '^^^^^^^ syntax-error: Expected a name after DYNAMIC',
      ].join('\n'),
    );
  });

  it('reports unexpected characters once per run, with their code point for control characters', () => {
    check(
      [
        'x = 1 @@@ y = 2',
        '      ^^^ syntax-error: Unexpected characters "@@@"',
        'a = 1 \u0000\u0001',
        '      ^^ syntax-error: Unexpected characters starting with U+0000',
      ].join('\n'),
    );
  });

  it('does not report the value after ASSIGN x = when the next line starts a statement', () => {
    const program = check(
      ['ASSIGN total =', '             ^ syntax-error: Expected a value after =', 'ASSIGN next = 1', 'other = 2'].join(
        '\n',
      ),
    );
    assert.deepEqual(kinds(program), ['Assign', 'Assign', 'Assign']);
    assert.equal((program.body[0] as A.AssignStatement).value.kind, 'ErrorExpression');
  });

  it('continues an expression on the next line inside parentheses or after an operator (lenient)', () => {
    assert.deepEqual(parseSnippet('x = f(a,\n  b)').errors, []);
    const result = parseSnippet('IF a = 1 |\n   b = 2\n{\n  ok = 1\n}');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.program.body.map((s) => s.kind),
      ['If'],
    );
  });

  it('keeps the statements of blocks around errors so analysis still sees them', () => {
    const program = check(
      ['WHILE n < 3 { token = GetToken() }', '^^^^^ syntax-error: WHILE is not a Snippet loop'].join('\n'),
    );
    const stray = program.body[0] as A.ErrorStatement;
    assert.equal(stray.block?.body[0]?.kind, 'Assign');
  });
});
