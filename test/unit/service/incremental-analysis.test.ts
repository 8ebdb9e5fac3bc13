import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { movedUnit } from '../../../server/src/analysis/export/unit-reuse';
import { authoringOf } from '../../../server/src/authoring/authoring-document';
import { snippetUnitsLowered } from '../../../server/src/analysis/snippet/unit-extractor';
import { runSteps } from '../../../server/src/common/steps';
import { Analysis } from '../../../server/src/service';
import { buildExport } from '../../helpers/export-builder';
import { exportFixtureFiles } from '../../helpers/export-fixtures';
import { comparableFindings } from '../../helpers/comparable-findings';
import { applyMutation, type Mutation, mutationArbitrary } from '../../helpers/mutations';

/**
 * The language server analyses a new version of an export with the previous version's analysis at hand: it keeps the
 * parse of every SNIPPET action whose code did not change, and the unit of every action whose lowering would give the
 * same one (moved by the edit). That must be invisible: after every edit of a random sequence, the model's units and
 * the findings (codes, ranges, messages, related places) are the ones a from-scratch analysis gives, and so are the
 * semantic tokens, the outline and the folding regions (each unchanged action keeps its symbol occurrences and
 * regions, moved).
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
  'https://',
  'ASSIGN tokenUrl = "https://login.example.com/oauth2/token"',
  'ASSIGN refreshBuffer = 300',
  'ASSIGN jitter = Random(360) + 120',
  'FUNCTION refresh() { ASSIGN accessToken = r.access_token }',
];

/** Every occurrence of every name the authoring features know (navigation, rename, completion read them). */
function occurrencesOf(analysis: Analysis): readonly unknown[] {
  return authoringOf(analysis.document).index.occurrences;
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
          previous?.semanticTokens();
          previous?.foldingRegions();
          for (const edit of sequence) {
            text = applyMutation(text, edit);
            const input = { name: file, languageId: 'xml', text };
            const incremental = runSteps(Analysis.steps(input, DEFAULT_SETTINGS, previous));
            const fresh = Analysis.of(input, DEFAULT_SETTINGS);
            assert.equal(incremental === undefined, fresh === undefined, 'both see an export, or neither');
            if (incremental && fresh) {
              assert.deepStrictEqual(incremental.model.units, fresh.model.units);
              assert.deepEqual(comparableFindings(incremental.findings), comparableFindings(fresh.findings));
              // Authoring keeps each unchanged action's symbol occurrences too (moved): the same answers.
              assert.deepStrictEqual(occurrencesOf(incremental), occurrencesOf(fresh));
              assert.deepStrictEqual(incremental.semanticTokens(), fresh.semanticTokens());
              assert.deepStrictEqual(incremental.documentSymbols(), fresh.documentSymbols());
              assert.deepStrictEqual(incremental.foldingRegions(), fresh.foldingRegions());
            }
            previous = incremental ?? previous;
          }
        },
      ),
      { numRuns: 80, seed: 1_712_017 },
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

  describe('an edit in one action that changes what another reads of the whole document', () => {
    const SETTINGS_CODE = [
      'ASSIGN refreshBuffer = 300',
      'ASSIGN tokenUrl = "https://login.example.com/oauth2/token"',
      'ASSIGN spread = Random(360) + 120',
    ].join('\n');
    const TOKEN_CODE = [
      'IF tokenExpiry = "" | utc >= tokenExpiry - (refreshBuffer / 86400)',
      '{',
      '  ASSIGN idp = GetRESTProxy()',
      '  ASSIGN reply = idp.MakeRestRequest(tokenUrl, "grant_type=client_credentials", 0, "POST")',
      '  ASSIGN accessToken = reply.access_token',
      '  ASSIGN tokenExpiry = utc + (reply.expires_in - spread) / 86400',
      '}',
    ].join('\n');
    const exportWith = (settingsCode: string): string =>
      buildExport([
        { id: 1, type: 'BEGIN', caption: 'Begin', next: 2 },
        { id: 2, type: 'SNIPPET', caption: 'Settings', code: settingsCode, next: 3 },
        { id: 3, type: 'SNIPPET', caption: 'Token', code: TOKEN_CODE },
      ]);
    const edits: Record<string, string> = {
      'another buffer': SETTINGS_CODE.replace('300', '0'),
      'a second buffer value': `${SETTINGS_CODE}\nASSIGN refreshBuffer = 600`,
      'no buffer assigned': SETTINGS_CODE.replace('ASSIGN refreshBuffer = 300', ''),
      'another token URL': SETTINGS_CODE.replace('login.example.com', 'idp.example.org'),
      'no jitter': SETTINGS_CODE.replace('Random(360) + 120', '240'),
    };
    const tokenUnit = (analysis: Analysis) => analysis.model.units[1];

    for (const [what, settingsCode] of Object.entries(edits)) {
      it(`lowers the other action again: ${what}`, () => {
        const before = Analysis.of({ name: 'flow.xml', text: exportWith(SETTINGS_CODE) }, DEFAULT_SETTINGS)!;
        before.findings;
        const input = { name: 'flow.xml', text: exportWith(settingsCode) };
        const incremental = runSteps(Analysis.steps(input, DEFAULT_SETTINGS, before))!;
        const fresh = Analysis.of(input, DEFAULT_SETTINGS)!;
        // The edit changes the token action's unit: taking the earlier one over (moved) would be wrong.
        const earlier = tokenUnit(before)!;
        const moved = movedUnit(earlier, tokenUnit(fresh)!.range.start - earlier.range.start);
        assert.notDeepStrictEqual(tokenUnit(fresh), moved);
        assert.deepStrictEqual(incremental.model.units, fresh.model.units);
        assert.deepEqual(comparableFindings(incremental.findings), comparableFindings(fresh.findings));
      });
    }

    it('takes the other action over when what it reads did not change', () => {
      const before = Analysis.of({ name: 'flow.xml', text: exportWith(SETTINGS_CODE) }, DEFAULT_SETTINGS)!;
      before.findings;
      const input = { name: 'flow.xml', text: exportWith(`${SETTINGS_CODE}\nASSIGN greeting = "hello"`) };
      const incremental = runSteps(Analysis.steps(input, DEFAULT_SETTINGS, before))!;
      const lowered = snippetUnitsLowered();
      const units = incremental.model.units;
      assert.equal(snippetUnitsLowered() - lowered, 1, 'only the edited action is lowered');
      // Moved by the added line: a copy whose ranges are one line on.
      assert.notEqual(units[1], tokenUnit(before));
      assert.deepStrictEqual(units, Analysis.of(input, DEFAULT_SETTINGS)!.model.units);
    });
  });

  it('gives exact authoring answers when an action keeps its code but is written otherwise, or moves', () => {
    const code = [
      'ASSIGN limit = 3',
      'IF attempts > limit { ASSIGN attempts = limit }',
      'FUNCTION retry(n) { RETURN n + 1 }',
    ].join('\n');
    const other = 'ASSIGN greeting = "hello"';
    const build = (codes: readonly string[], ids = codes.map((_, i) => i + 1)): string =>
      buildExport(codes.map((c, i) => ({ id: ids[i]!, type: 'SNIPPET', caption: `Step ${ids[i]}`, code: c })));
    // `>` written raw instead of `&gt;` (the same code, so the same parse, with another offset map); then an action
    // inserted before it (the same code and action id at another place in the action order).
    const escaped = build([code, other]);
    const raw = escaped.replace('&gt;', '>');
    const versions = [escaped, raw, build(['ASSIGN first = 1', code, other], [9, 1, 2]).replace('&gt;', '>')];
    let previous = Analysis.of({ name: 'flow.xml', text: versions[0]! }, DEFAULT_SETTINGS)!;
    previous.semanticTokens();
    previous.foldingRegions();
    for (const text of versions.slice(1)) {
      const input = { name: 'flow.xml', text };
      const incremental = runSteps(Analysis.steps(input, DEFAULT_SETTINGS, previous))!;
      const fresh = Analysis.of(input, DEFAULT_SETTINGS)!;
      assert.deepStrictEqual(occurrencesOf(incremental), occurrencesOf(fresh));
      assert.deepStrictEqual(incremental.semanticTokens(), fresh.semanticTokens());
      assert.deepStrictEqual(incremental.documentSymbols(), fresh.documentSymbols());
      assert.deepStrictEqual(incremental.foldingRegions(), fresh.foldingRegions());
      previous = incremental;
    }
  });

  it('keeps no earlier version of the text alive through the parses and units it keeps', () => {
    // A forced full GC, so that the heap holds only what is reachable.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const actions = 20;
    // Code without entities: its decoded text is one piece of the file, the case that kept whole files alive.
    const filler = `// ${'lorem ipsum dolor sit amet '.repeat(2_000)}\n`;
    const code = (i: number, v: number): string =>
      `${filler}ASSIGN url${i} = "https://api.example.com/v${v}"\n` +
      `ASSIGN r${i} = GetRESTProxy().MakeRestRequest(url${i}, "", 0, "GET")`;
    const exportOf = (versions: readonly number[]): string =>
      buildExport(versions.map((v, i) => ({ id: i + 1, type: 'SNIPPET', caption: `Step ${i}`, code: code(i, v) })));
    const versions = Array.from({ length: actions }, () => 0);
    let previous = Analysis.of({ name: 'flow.xml', text: exportOf(versions) }, DEFAULT_SETTINGS)!;
    previous.findings;
    const size = previous.text.length;
    gc();
    const before = process.memoryUsage().heapUsed;
    // Each edit changes another action: every version's unchanged actions keep their parse and unit.
    for (let i = 0; i < actions; i++) {
      versions[i]! += 1;
      const input = { name: 'flow.xml', text: exportOf(versions) };
      previous = runSteps(Analysis.steps(input, DEFAULT_SETTINGS, previous))!;
      previous.findings;
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // Keeping each earlier text would be 20 texts more; one analysis replaces another here.
    assert.ok(grown < 4 * size, `the heap grew by ${(grown / size).toFixed(1)} texts' worth`);
  });
});
