import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { runSteps } from '../../../server/src/common/steps';
import { Analysis, type Finding } from '../../../server/src/service';
import { exportFixtureFiles } from '../../helpers/export-fixtures';
import { applyMutation, type Mutation, mutationArbitrary } from '../../helpers/mutations';

/**
 * The language server analyses a new version of an export with the previous version's analysis at hand, and keeps the
 * parse of every SNIPPET action whose code did not change. That must be invisible: after every edit of a random
 * sequence, the findings (codes, ranges, messages, related places) are the ones a from-scratch analysis gives.
 */

const EXPORTS = exportFixtureFiles()
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
  .filter(({ file, text }) => Analysis.of({ name: file, languageId: 'xml', text }, DEFAULT_SETTINGS) !== undefined);

/** Fragments that move actions, change their code, or break and mend the XML around them. */
const PIECES = [
  '\n',
  '\r\n',
  ' ',
  'ASSIGN cachedToken = ""',
  'ASSIGN tokenExpiry = utc + 3300 / 86400',
  'IF proxy.StatusCode = 401 { ASSIGN accessToken = "" }',
  '&amp;',
  '&lt;',
  '"',
  '</Property>',
  '<![CDATA[x]]>',
  '<Action>',
  '}',
];

function comparable(findings: readonly Finding[]): unknown[] {
  return findings.map((f) => ({
    code: f.code,
    range: f.range,
    message: f.message,
    severity: f.severity,
    related: f.related?.map((r) => ({ range: r.range, message: r.message })),
  }));
}

describe('service: incremental analysis of exports', function () {
  this.timeout(120_000);

  it('has exports to edit', () => {
    assert.ok(EXPORTS.length >= 5, `found ${EXPORTS.length}`);
  });

  it('gives the findings of a from-scratch analysis after every edit of a random sequence', () => {
    const edits = mutationArbitrary({
      kinds: ['insert', 'delete', 'replace', 'replace-char', 'duplicate', 'insert'],
      pieces: PIECES,
      piecesWeight: 4,
      maxDelete: 60,
    });
    fc.assert(
      fc.property(
        fc.nat({ max: EXPORTS.length - 1 }),
        fc.array(edits, { minLength: 1, maxLength: 8 }),
        (index: number, sequence: Mutation[]) => {
          const { file, text: original } = EXPORTS[index]!;
          let text = original;
          let previous = Analysis.of({ name: file, languageId: 'xml', text }, DEFAULT_SETTINGS);
          previous?.findings;
          for (const edit of sequence) {
            text = applyMutation(text, edit);
            const input = { name: file, languageId: 'xml', text };
            const incremental = runSteps(Analysis.steps(input, DEFAULT_SETTINGS, previous));
            const fresh = Analysis.of(input, DEFAULT_SETTINGS);
            assert.equal(incremental === undefined, fresh === undefined, 'both see an export, or neither');
            if (incremental && fresh) assert.deepEqual(comparable(incremental.findings), comparable(fresh.findings));
            previous = incremental ?? previous;
          }
        },
      ),
      { numRuns: 60, seed: 1_712_017 },
    );
  });

  it('keeps the parse of the actions an edit did not touch (and only theirs)', () => {
    const { file, text } = EXPORTS.find(({ text }) => (text.match(/<Action>/g) ?? []).length >= 3) ?? EXPORTS[0]!;
    const before = Analysis.of({ name: file, languageId: 'xml', text }, DEFAULT_SETTINGS)!;
    const after = runSteps(
      Analysis.steps({ name: file, languageId: 'xml', text: `${text}\n` }, DEFAULT_SETTINGS, before),
    )!;
    const programs = (a: Analysis) =>
      a.document.kind === 'export' ? a.document.snippets.map((s) => s.snippet.program) : [];
    assert.ok(programs(before).length > 0);
    assert.deepEqual(
      programs(after).map((p, i) => p === programs(before)[i]),
      programs(before).map(() => true),
    );
  });
});
