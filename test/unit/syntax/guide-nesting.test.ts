import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { AnyNode } from 'acorn';
import * as acornLoose from 'acorn-loose';
import * as walk from 'acorn-walk';
import {
  type GuideParseResult,
  parseGuide,
  type SnippetBlock,
  walkWithAncestors,
} from '../../../server/src/syntax/guide';
import { findExcessiveNesting, MAX_BRACKET_NESTING } from '../../../server/src/syntax/guide/nesting-scan';
import {
  MAX_RECURSION_WEIGHT,
  NESTED_TOO_DEEPLY,
  UNGUARDED_METHODS,
} from '../../../server/src/syntax/guide/recursion-guard';
import { fixtureTexts } from '../../helpers/fixture-texts';

const FIXTURES = [join(__dirname, '../../fixtures/guide'), join(__dirname, '../../fixtures/guide-scripts')];

function blocks(result: GuideParseResult): SnippetBlock[] {
  return result.items.filter((i): i is SnippetBlock => i.kind === 'SnippetBlock');
}

function errorsWithText(text: string, result: GuideParseResult): [string, string][] {
  return result.errors.map((e) => [e.message, text.slice(e.range.start, e.range.end)]);
}

const TOO_DEEP_MESSAGE = `${NESTED_TOO_DEEPLY}: more than ${MAX_BRACKET_NESTING} levels of brackets, braces and \${…}`;

describe('guide notation: the nesting pre-scan', () => {
  it(`accepts ${MAX_BRACKET_NESTING} levels and points at the opener of level ${MAX_BRACKET_NESTING + 1}`, () => {
    const at = (n: number) => `${'('.repeat(n)}1${')'.repeat(n)}`;
    assert.equal(findExcessiveNesting(at(MAX_BRACKET_NESTING)), undefined);
    assert.deepEqual(findExcessiveNesting(at(MAX_BRACKET_NESTING + 1)), {
      start: MAX_BRACKET_NESTING,
      end: MAX_BRACKET_NESTING + 1,
    });
  });

  it('counts `${` and brackets inside template substitutions, nested templates included', () => {
    const levels = (n: number) => `x = ${'`a ${('.repeat(n)}1${')}`'.repeat(n)};`;
    // Each level opens a substitution and a parenthesis.
    assert.equal(findExcessiveNesting(levels(MAX_BRACKET_NESTING / 2)), undefined);
    const found = findExcessiveNesting(levels(MAX_BRACKET_NESTING / 2 + 1));
    assert.ok(found);
    assert.equal(levels(MAX_BRACKET_NESTING / 2 + 1).slice(found.start, found.end), '${');
  });

  it('does not count brackets in strings, comments, regular expressions or template text', () => {
    const many = '('.repeat(500);
    for (const text of [
      `var a = "${many}";`,
      `var a = '${many}';`,
      `// ${many}\nvar a = 1;`,
      `/* ${many} */ var a = 1;`,
      `var a = /[${many}]/.test(s);`,
      `var a = \`${many} \${b} ${many}\`;`,
      `if (x) { return /${'\\('.repeat(500)}/; }`,
    ]) {
      assert.equal(findExcessiveNesting(text), undefined, text.slice(0, 30));
    }
  });

  it('never lets a stray closer hide nesting: `)` does not close a `[`', () => {
    const text = `x = ${'[)'.repeat(MAX_BRACKET_NESTING + 1)}`;
    assert.ok(findExcessiveNesting(text));
  });

  it('reads realistic SNIPPET bodies of every fixture without counting them too deep', () => {
    for (const text of fixtureTexts(FIXTURES, '.studio')) {
      assert.deepEqual(
        parseGuide(text).errors.filter((e) => e.message.startsWith(NESTED_TOO_DEEPLY)),
        [],
      );
    }
  });

  it('reports a too deep SNIPPET body, ASSIGN value and DECISION condition at the opener, without parsing them', () => {
    const deep = `${'{"a":['.repeat(40)}1${']}'.repeat(40)}`;
    const text = [
      'ASSIGN strToken = GetOAuthToken()',
      `ASSIGN strBody = ${deep}`,
      `DECISION ${deep} = 1`,
      'SNIPPET',
      `  var payload = ${deep};`,
      '  req.headers["Authorization"] = "Bearer " + strToken;',
      'END SNIPPET',
    ].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(errorsWithText(text, result), [
      [`${TOO_DEEP_MESSAGE} in ASSIGN value`, '{'],
      [`${TOO_DEEP_MESSAGE} in DECISION condition`, '{'],
      [`${TOO_DEEP_MESSAGE} in SNIPPET body`, '{'],
    ]);
    // The 65th opener is the `{` of the 33rd `{"a":[`.
    const lineStart = text.indexOf('  var payload');
    assert.equal(result.errors[2]!.range.start, lineStart + '  var payload = '.length + 32 * '{"a":['.length);
    const [block] = blocks(result);
    assert.equal(block!.exact, false);
    assert.deepEqual(block!.program.body, []);
    const assign = result.items.find((i) => i.kind === 'ScriptAssign' && i.target === 'strBody');
    assert.ok(assign && assign.kind === 'ScriptAssign' && assign.value === undefined);
  });
});

describe('guide notation: the recursion guard on acorn and acorn-loose', () => {
  it('guards every method it names in this acorn and acorn-loose', () => {
    assert.deepEqual(UNGUARDED_METHODS, []);
  });

  it('reads a 700-operator string concatenation exactly (a request body built line by line)', () => {
    const lines = Array.from({ length: 233 }, (_, i) => `    + "<field${i}>" + values[${i}] + "</field${i}>"`);
    const text = ['SNIPPET', '  var body = "<request>"', ...lines, '    + "</request>";', 'END SNIPPET'].join('\n');
    const result = parseGuide(text);
    assert.deepEqual(result.errors, []);
    assert.equal(blocks(result)[0]!.exact, true);
  });

  it(`stops operator chains, statements without braces and arrow chains at weight ${MAX_RECURSION_WEIGHT}`, () => {
    for (const body of [
      `var x = a${' + a'.repeat(5_000)};`,
      `var x = ${'!'.repeat(5_000)}a;`,
      `var x = ${'a ? b : '.repeat(5_000)}c;`,
      `${'if (a) '.repeat(5_000)}b();`,
      `var f = ${'a => '.repeat(5_000)}1;`,
      `var r = /${'('.repeat(5_000)}a${')'.repeat(5_000)}/;`,
    ]) {
      const text = `SNIPPET\n${body}\nEND SNIPPET\n`;
      const result = parseGuide(text);
      assert.deepEqual(
        result.errors.map((e) => e.message),
        [`${NESTED_TOO_DEEPLY} in SNIPPET body`],
        body.slice(0, 20),
      );
      const [error] = result.errors;
      assert.ok(error!.range.start > 'SNIPPET\n'.length + 10, 'reported where the limit is crossed');
      assert.deepEqual(blocks(result)[0]!.program.body, []);
    }
  });
});

describe('guide notation: walking acorn trees', () => {
  it("visits the nodes, in the order and with the ancestors of acorn-walk's fullAncestor", () => {
    const programs: AnyNode[] = fixtureTexts(FIXTURES, '.studio').flatMap((text) =>
      blocks(parseGuide(text)).map((b) => b.program),
    );
    // Broken code read by acorn-loose, patterns, classes, getters, for-of and labels.
    programs.push(
      acornLoose.parse(
        'class A extends B { get x() { return [a, ...b] } static { c() } }\n' +
          'for (const { a, b: [c = 1] } of list) outer: while (x) { break outer }\n' +
          'var f = async ({ x }, ...rest) => await x ?? `t${y}`; if (a) { b( } else c;',
        { ecmaVersion: 'latest' },
      ),
    );
    assert.ok(programs.length > 8);
    for (const program of programs) {
      const expected: [AnyNode, AnyNode[]][] = [];
      walk.fullAncestor(program, (node, _state, ancestors) => expected.push([node, [...(ancestors as AnyNode[])]]));
      const actual: [AnyNode, AnyNode[]][] = [];
      walkWithAncestors(program, (node, ancestors) => actual.push([node, [...ancestors]]));
      assert.equal(actual.length, expected.length);
      actual.forEach(([node, ancestors], i) => {
        assert.equal(node, expected[i]![0]);
        assert.deepEqual(ancestors, expected[i]![1]);
      });
    }
  });

  it('walks a tree deeper than recursion allows (acorn-walk overflows on it)', () => {
    let tree: AnyNode = { type: 'Identifier', name: 'a', start: 0, end: 1 } as AnyNode;
    for (let i = 0; i < 50_000; i++) {
      const right = { type: 'Identifier', name: 'b', start: 0, end: 1 } as AnyNode;
      tree = { type: 'BinaryExpression', operator: '+', left: tree, right, start: 0, end: 1 } as AnyNode;
    }
    assert.throws(() => walk.fullAncestor(tree, () => undefined), RangeError);
    let visited = 0;
    let deepest = 0;
    walkWithAncestors(tree, (_node, ancestors) => {
      visited++;
      deepest = Math.max(deepest, ancestors.length);
    });
    assert.equal(visited, 100_001);
    assert.equal(deepest, 50_001);
  });
});
