import fc from 'fast-check';
import { escapeXmlText } from '../../server/src/syntax/export/xml-escape';

/**
 * Deeply nested code for both notations, as families (one shape repeated `n` times) and as fast-check mixes of
 * shapes. Each opener comes with the closer that balances it ('' for prefix operators and chains).
 */

export interface Level {
  readonly open: string;
  readonly close: string;
}

/** Expression shapes of the guide's JavaScript: brackets, templates, calls, functions, operators. */
const GUIDE_EXPRESSION_LEVELS: readonly Level[] = [
  { open: '(', close: ')' },
  { open: '[', close: ']' },
  { open: '{a:', close: '}' },
  { open: '`${', close: '}`' },
  { open: '`${(', close: ')}`' },
  { open: '`Bearer ${', close: '}`' },
  { open: 'f(', close: ')' },
  { open: 'a=>(', close: ')' },
  { open: 'function(){return ', close: '}' },
  { open: '!', close: '' },
  { open: '-', close: '' },
  { open: 'a+', close: '' },
  { open: 'a?b:', close: '' },
  { open: 'typeof ', close: '' },
];

/** Statement shapes of a SNIPPET body (blocks and statements nested without braces). */
const GUIDE_STATEMENT_LEVELS: readonly Level[] = [
  { open: 'if(a){', close: '}' },
  { open: 'if(a)', close: '' },
  { open: 'for(;;){', close: '}' },
  { open: 'function f(){', close: '}' },
  { open: '{', close: '}' },
];

/** Expression shapes of the real Snippet language. */
const SNIPPET_EXPRESSION_LEVELS: readonly Level[] = [
  { open: '(', close: ')' },
  { open: 'f(', close: ')' },
  { open: 'a[', close: ']' },
  { open: '"{', close: '}"' },
  { open: '- ', close: '' },
  { open: 'a + ', close: '' },
];

/** Statement shapes of the real Snippet language. */
const SNIPPET_STATEMENT_LEVELS: readonly Level[] = [
  { open: 'IF x {\n', close: '\n}' },
  { open: 'FOR i = 1 TO 3 {\n', close: '\n}' },
  { open: 'SWITCH x {\nCASE 1 {\n', close: '\n}\n}' },
];

/** One shape repeated: the guide's families, by name (`n` levels of it in an expression or a body). */
export const GUIDE_FAMILIES: Readonly<Record<string, (n: number) => string>> = {
  parentheses: (n) => `${'('.repeat(n)}1${')'.repeat(n)}`,
  'array literals': (n) => `${'['.repeat(n)}1${']'.repeat(n)}`,
  'object literals in parentheses': (n) => `${'({a:'.repeat(n)}1${'})'.repeat(n)}`,
  'template substitutions': (n) => `${'`${'.repeat(n)}1${'}`'.repeat(n)}`,
  'templates with parentheses': (n) => `${'`${('.repeat(n)}1${')}`'.repeat(n)}`,
  'tagged templates': (n) => `${'a`${'.repeat(n)}1${'}`'.repeat(n)}`,
  calls: (n) => `${'f('.repeat(n)}1${')'.repeat(n)}`,
  'computed members': (n) => `a${'[b'.repeat(n)}${']'.repeat(n)}`,
  'arrow functions': (n) => `${'a=>'.repeat(n)}1`,
  'function expressions': (n) => `${'function(){return '.repeat(n)}1${'}'.repeat(n)}`,
  concatenation: (n) => `"a"${'+"a"'.repeat(n)}`,
  'unary operators': (n) => `${'!'.repeat(n)}a`,
  conditionals: (n) => `${'a?b:'.repeat(n)}c`,
  'assignment chains': (n) => `${'a='.repeat(n)}1`,
  'new chains': (n) => `${'new '.repeat(n)}a`,
  'regular expression groups': (n) => `/${'('.repeat(n)}a${')'.repeat(n)}/`,
};

/** Body-only families: statements nested with and without braces. */
export const GUIDE_BODY_FAMILIES: Readonly<Record<string, (n: number) => string>> = {
  'IF statements without braces': (n) => `${'if(a)'.repeat(n)}b();`,
  'FOR loops without braces': (n) => `${'for(;;)'.repeat(n)}b();`,
  blocks: (n) => `${'{'.repeat(n)}${'}'.repeat(n)}`,
  'function declarations': (n) => `${'function f(){'.repeat(n)}${'}'.repeat(n)}`,
  'destructuring patterns': (n) => `var ${'{a:'.repeat(n)}b${'}'.repeat(n)} = c;`,
};

/** The real Snippet language's families (its parser stops at 256 levels). */
export const SNIPPET_FAMILIES: Readonly<Record<string, (n: number) => string>> = {
  parentheses: (n) => `ASSIGN x = ${'('.repeat(n)}1${')'.repeat(n)}`,
  calls: (n) => `ASSIGN x = ${'f('.repeat(n)}1${')'.repeat(n)}`,
  indexes: (n) => `ASSIGN x = a${'[b'.repeat(n)}${']'.repeat(n)}`,
  'interpolations in strings': (n) => `ASSIGN x = ${'"{'.repeat(n)}a${'}"'.repeat(n)}`,
  'unary minus': (n) => `ASSIGN x = ${'- '.repeat(n)}a`,
  concatenation: (n) => `ASSIGN x = "a"${' + "a"'.repeat(n)}`,
  'IF blocks': (n) => `${'IF x {\n'.repeat(n)}y = 1\n${'}\n'.repeat(n)}`,
  'unclosed brackets': (n) => `ASSIGN x = a${'['.repeat(n)}`,
};

/** A `.studio` document with `expression` as an ASSIGN value, a DECISION condition and inside a SNIPPET body. */
export function studioWithExpression(expression: string): string {
  return [
    '// Fetch the caller profile',
    'ASSIGN strToken = GetOAuthToken()',
    `ASSIGN strBody = ${expression}`,
    `DECISION ${expression}`,
    'SNIPPET',
    '  var req = new XMLHttpRequest();',
    `  var payload = ${expression};`,
    '  req.headers["Authorization"] = `Bearer ${strToken}`;',
    'END SNIPPET',
    '',
  ].join('\n');
}

/** A `.studio` document with `statements` inside a SNIPPET body. */
export function studioWithBody(statements: string): string {
  return ['SNIPPET', '  var req = new XMLHttpRequest();', `  ${statements}`, 'END SNIPPET', ''].join('\n');
}

/** A Desktop Studio export: BEGIN, then one SNIPPET action per code, linked in order. */
export function exportWithSnippets(codes: readonly string[]): string {
  const action = (id: number, type: string, caption: string, code: string, next: number): string =>
    [
      '    <ActionStruct>',
      `      <ActionID>${id}</ActionID>`,
      `      <Action>${type}</Action>`,
      `      <Caption>${caption}</Caption>`,
      '      <Parameters>',
      code === '' ? '        <string />' : `        <string>${escapeXmlText(code)}</string>`,
      '      </Parameters>',
      '      <DefaultNextAction>',
      '        <Text />',
      `        <ActionID>${next}</ActionID>`,
      '        <Index>0</Index>',
      '        <Segments />',
      '      </DefaultNextAction>',
      '      <Branches />',
      '      <Cases />',
      '    </ActionStruct>',
    ].join('\n');
  const actions = [action(1, 'BEGIN', 'Begin', '', codes.length > 0 ? 2 : -1)];
  codes.forEach((code, i) => {
    const id = i + 2;
    actions.push(action(id, 'SNIPPET', `Step ${i + 1}`, code, i + 1 < codes.length ? id + 1 : -1));
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <Actions>',
    ...actions,
    '  </Actions>',
    '</ScriptContainer>',
    '',
  ].join('\n');
}

/** `levels` opened in order, then `core`, then (when `closed`) every closer in reverse order. */
export function nest(levels: readonly Level[], core: string, closed: boolean): string {
  const open = levels.map((l) => l.open).join('');
  const close = closed
    ? levels
        .map((l) => l.close)
        .reverse()
        .join('')
    : '';
  return open + core + close;
}

/**
 * Between `min` and `max` levels of `levels`: a mix (runs of one shape 1 to 40 long), or one shape repeated (the
 * crashes of issue 16 needed hundreds of one shape in a row).
 */
function levelsArbitrary(levels: readonly Level[], min: number, max: number): fc.Arbitrary<Level[]> {
  const mix = fc
    .array(fc.tuple(fc.constantFrom(...levels), fc.integer({ min: 1, max: 40 })), {
      minLength: 1,
      maxLength: 60,
      size: 'max',
    })
    .map((runs) => runs.flatMap(([level, count]) => Array.from({ length: count }, () => level)))
    .filter((all) => all.length >= min)
    .map((all) => all.slice(0, max));
  const repeated = fc
    .tuple(fc.constantFrom(...levels), fc.integer({ min, max }))
    .map(([level, count]) => Array.from({ length: count }, () => level));
  return fc.oneof(mix, repeated);
}

/** A `.studio` document holding a deep mix of statement and expression shapes, closed or not. */
export const deepStudio: fc.Arbitrary<string> = fc
  .record({
    statements: levelsArbitrary(GUIDE_STATEMENT_LEVELS, 1, 200),
    expression: levelsArbitrary(GUIDE_EXPRESSION_LEVELS, 50, 1500),
    closed: fc.boolean(),
    where: fc.constantFrom('body', 'assign', 'decision'),
  })
  .map(({ statements, expression, closed, where }) => {
    const value = nest(expression, '1', closed);
    if (where === 'assign') return `ASSIGN strBody = ${value}\n`;
    if (where === 'decision') return `DECISION ${value}\n`;
    return studioWithBody(nest(statements, `var x = ${value};`, closed));
  });

/** Real Snippet code holding a deep mix of statement and expression shapes, closed or not. */
export const deepSnippet: fc.Arbitrary<string> = fc
  .record({
    statements: levelsArbitrary(SNIPPET_STATEMENT_LEVELS, 1, 400),
    expression: levelsArbitrary(SNIPPET_EXPRESSION_LEVELS, 50, 1500),
    closed: fc.boolean(),
  })
  .map(({ statements, expression, closed }) => nest(statements, `ASSIGN x = ${nest(expression, 'a', closed)}`, closed));
