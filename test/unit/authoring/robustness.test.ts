import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Analysis } from '../../../server/src/service';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { fixtureTexts } from '../../helpers/fixture-texts';
import { applyMutations, mutationArbitrary } from '../../helpers/mutations';
import { assertEveryRangeInside } from '../../helpers/range-checks';

const KINDS = [
  { name: 'broken.snippet', texts: fixtureTexts(['test/fixtures/snippet', 'test/fixtures/correct'], '.snippet') },
  { name: 'broken.studio', texts: fixtureTexts(['test/fixtures/guide', 'test/fixtures/guide-scripts'], '.studio') },
  { name: 'broken.xml', texts: fixtureTexts(['test/fixtures/export', 'test/fixtures/correct'], '.xml') },
];

const PIECES = [
  '{',
  '}',
  '"',
  "'",
  '$"',
  '{x',
  '.',
  '(',
  ')',
  ',',
  'global:',
  '&amp;',
  '<',
  ']]>',
  '\r\n',
  'FUNCTION f(a',
  'END SNIPPET',
];

/**
 * Every authoring request on broken text, at every kind of offset, answers without throwing (the suites' internal
 * error sink fails the test on a reported bug too) and with ranges inside the document.
 */
describe('authoring: any text, any offset', () => {
  for (const { name, texts } of KINDS) {
    it(`never throws and keeps every range inside the document (${name})`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...texts),
          fc.array(mutationArbitrary({ kinds: ['insert', 'delete', 'replace', 'truncate'], pieces: PIECES }), {
            maxLength: 4,
          }),
          fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
          (text, mutations, positions) => {
            const mutated = applyMutations(text, mutations);
            const analysis = Analysis.of({ name, text: mutated }, DEFAULT_SETTINGS);
            if (!analysis) return;
            const length = mutated.length;
            assertEveryRangeInside(analysis.documentSymbols(), length);
            assertEveryRangeInside(analysis.semanticTokens(), length);
            assertEveryRangeInside(analysis.format({ tabSize: 2, insertSpaces: true }), length);
            for (const p of positions) {
              const offset = p % (length + 1);
              assertEveryRangeInside(analysis.definitionAt(offset), length);
              assertEveryRangeInside(analysis.referencesAt(offset, true), length);
              assertEveryRangeInside(analysis.highlightsAt(offset), length);
              assertEveryRangeInside(analysis.completionsAt(offset), length);
              analysis.signatureAt(offset);
              analysis.authoringHoverAt(offset);
              const prepared = analysis.prepareRename(offset);
              if (prepared.ok) {
                const renamed = analysis.rename(offset, 'renamedName');
                assert.ok(renamed.ok || renamed.message.length > 0);
              }
            }
          },
        ),
        { numRuns: 120 },
      );
    });
  }
});
