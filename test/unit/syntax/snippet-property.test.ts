import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { INTERNAL_ERROR_PREFIX, parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { treeRangeProblems } from '../../../server/src/syntax/snippet/tree-check';
import { fixtureTexts } from '../../helpers/fixture-texts';
import { applyMutations, mutationArbitrary } from '../../helpers/mutations';
import { assertRangeInside } from '../../helpers/range-checks';
import { rangeOf } from '../../../server/src/syntax/snippet/ast';

const FIXTURES = join(__dirname, '../../fixtures/snippet');

/** Every Snippet fixture, error fixtures included (without their annotation lines). */
const SOURCES = fixtureTexts([FIXTURES, join(FIXTURES, 'errors')], '.snippet');

/** Fragments that stress the lexer's modes and the parser's recovery. */
const TRICKY = [
  '"',
  "'",
  '$"',
  '#"',
  '{',
  '}',
  '\\',
  '\\{',
  '\\"',
  '//',
  '\r',
  '\n',
  '\r\n',
  '\u0000',
  '\u0007',
  '(',
  ')',
  '[',
  ']',
  '=',
  '==',
  '|',
  '||',
  '&',
  '&&',
  '<>',
  '!',
  '.',
  ',',
  '-',
  ';',
  'IF ',
  'ELSE ',
  'ELSE IF ',
  'CASE ',
  'DEFAULT ',
  'SELECT {',
  'SWITCH x {',
  'FOR i = 1 TO ',
  'FOREACH x IN ',
  'FUNCTION f(',
  'RETURN ',
  'WHILE ',
  'global:',
  'Global:',
  '\ud800',
  '\udc00',
  '😀',
  '–',
  'ä',
  '\u00a0',
  '\ufeff',
];

const mutation = mutationArbitrary({
  kinds: ['insert', 'delete', 'replace', 'splice'],
  pieces: TRICKY,
  piecesWeight: 3,
  randomText: [fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 6 })],
  position: fc.integer({ min: 0, max: 1_000_000 }),
  maxDelete: 12,
  maxReplace: 4,
  sources: SOURCES,
  maxSplice: 200,
});

/** The properties every parse must have, whatever the input. */
function checkParse(text: string): void {
  const started = performance.now();
  const result = parseSnippet(text);
  const elapsed = performance.now() - started;
  assert.ok(!result.errors.some((e) => e.message.startsWith(INTERNAL_ERROR_PREFIX)), result.errors[0]?.message);
  assert.deepEqual(rangeOf(result.program), { start: 0, end: text.length });
  assert.deepEqual(treeRangeProblems(result.program, text.length), []);
  for (const e of result.errors) {
    assertRangeInside(e.range, text.length, `error ${JSON.stringify(e)}`);
    assert.ok(e.message.length > 0);
  }
  let previous = -1;
  for (const c of result.comments) {
    assert.ok(c.start > previous && c.end <= text.length && text.startsWith('//', c.start));
    previous = c.end;
  }
  assert.ok(elapsed < 1_000, `parse took ${elapsed.toFixed(0)} ms`);
}

describe('snippet parser: properties under random mutation', function () {
  this.timeout(30_000);

  it('parses every fixture unchanged', () => {
    assert.ok(SOURCES.length >= 10);
    for (const text of SOURCES) checkParse(text);
  });

  it('never throws, always terminates, and keeps every range inside its parent and in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SOURCES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (index, mutations) => {
          checkParse(applyMutations(SOURCES[index]!, mutations, SOURCES));
        },
      ),
      { numRuns: 4_000, seed: 20240607 },
    );
  });

  it('also holds with fresh random seeds (different cases on every run)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SOURCES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 20 }),
        (index, mutations) => {
          checkParse(applyMutations(SOURCES[index]!, mutations, SOURCES));
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('holds for arbitrary strings built from the tricky fragments alone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TRICKY, 'x', ' ', '1', 'ASSIGN ', 'a.b(', '}"'), { maxLength: 60 }),
        (parts) => {
          checkParse(parts.join(''));
        },
      ),
      { numRuns: 2_000, seed: 7 },
    );
  });
});
