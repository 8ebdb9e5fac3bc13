import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseGuide, type GuideParseResult } from '../../../server/src/syntax/guide';
import { fixtureTexts } from '../../helpers/fixture-texts';
import { applyMutations, mutationArbitrary } from '../../helpers/mutations';
import { assertGuideRangesInside } from '../../helpers/range-checks';

const FIXTURE_DIRS = [join(__dirname, '../../fixtures/guide'), join(__dirname, '../../fixtures/guide-scripts')];

const fixtures: string[] = fixtureTexts(FIXTURE_DIRS, '.studio');

/** Pieces that stress the notation's edges: block keywords, quotes, brackets, comments, line endings, substitutions. */
const PIECES = [
  'SNIPPET',
  'END SNIPPET',
  'snippet',
  '\n',
  '\r\n',
  '\r',
  '"',
  "'",
  '`',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '/*',
  '*/',
  '//',
  'SET ',
  'SET x = ',
  'ASSIGN ',
  'DECISION ',
  'WAIT ',
  'YES --> [',
  '...',
  '=',
  '==',
  ';',
  '{strToken}',
  '{global:x}',
  '${',
  '\\',
  '/',
  'global:',
  '\u2028',
  '\ufeff',
  '\u00e9',
  '\ud83d\ude00',
  '\ud800',
  ' ',
  '\t',
  '0x',
  '1e',
  'var ',
  'if (',
];

const mutation = mutationArbitrary({
  kinds: ['insert', 'delete', 'duplicate', 'replace-char'],
  pieces: PIECES,
  randomText: [fc.string({ maxLength: 6 })],
  maxDelete: 40,
  maxDuplicate: 200,
});

/**
 * Every `{start, end}` anywhere in the result (items, errors, comments, substitutions, acorn nodes) lies in the text,
 * every body node in its body, and every substitution spans its `{name}`.
 */
function checkRanges(result: GuideParseResult, length: number): void {
  assertGuideRangesInside(result, length);
  for (const item of result.items) {
    if (item.kind !== 'SnippetBlock') continue;
    for (const sub of item.substitutions) assert.equal(sub.range.end - sub.range.start, sub.name.length + 2);
  }
}

describe('studio parser: properties', () => {
  it('has fixtures to mutate', () => {
    assert.ok(fixtures.length >= 9);
  });

  it('never throws, always terminates and keeps every range inside the document', function () {
    this.timeout(20000);
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (index, mutations) => {
          const text = applyMutations(fixtures[index]!, mutations);
          const result = parseGuide(text);
          assert.ok(
            !result.errors.some((e) => e.message.startsWith('Internal parser error')),
            JSON.stringify(result.errors),
          );
          checkRanges(result, text.length);
          for (let i = 1; i < result.items.length; i++) {
            assert.ok(result.items[i - 1]!.range.start <= result.items[i]!.range.start, 'items in document order');
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('handles arbitrary strings and arbitrary sequences of notation pieces', function () {
    this.timeout(20000);
    const pieceSoup = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), pieceSoup), (text) => {
        const result = parseGuide(text);
        assert.ok(!result.errors.some((e) => e.message.startsWith('Internal parser error')));
        checkRanges(result, text.length);
      }),
      { numRuns: 400 },
    );
  });
});
