import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { applyEdits } from '../../../server/src/common/text-edit';
import { ActionView, Analysis, extractActionCode, type Finding, replaceActionCode } from '../../../server/src/service';

const ROOT = join(__dirname, '..', '..', '..');
/** The export the real-editor suite opens: Pattern A from action 3 to action 7, `&amp;` and `&lt;&gt;` in the code. */
const EXPORT = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'order-status-export.xml'), 'utf8');
const INPUT = { name: 'order-status-export.xml', text: EXPORT };

function viewOf(actionId: number, tabText: string): ActionView {
  const view = ActionView.of(INPUT, actionId, tabText, DEFAULT_SETTINGS);
  assert.ok(view instanceof ActionView, view instanceof ActionView ? '' : view.problem);
  return view;
}

const ORDER = extractActionCode(EXPORT, 7)!.code;
const TOKEN = extractActionCode(EXPORT, 3)!.code;

/** The view's findings that lie in the tab, in tab offsets. */
function tabFindings(view: ActionView): { finding: Finding; range: { start: number; end: number } }[] {
  return view.analysis.findings.flatMap((finding) => {
    const range = view.inTab(finding.range);
    return range ? [{ finding, range }] : [];
  });
}

describe('ActionView: one SNIPPET action in a tab of its own, analysed with the whole export', () => {
  it('reports the cross-action Pattern A in the tab, with the acquisition placed in the export', () => {
    const view = viewOf(7, ORDER);
    const reuse = tabFindings(view).find((f) => f.finding.code === 'token-reuse-without-expiry');
    assert.ok(reuse, 'the token acquired in action 3 and sent in action 7');
    assert.equal(ORDER.slice(reuse.range.start, reuse.range.end), 'accessToken');
    const acquisition = view.place(reuse.finding.related![0]!.range);
    assert.equal(acquisition.in, 'export');
    assert.equal(
      EXPORT.slice(acquisition.range.start, acquisition.range.end),
      'ASSIGN accessToken = tokenResult.access_token',
    );
    // Action 3's own findings are not the tab's.
    assert.ok(tabFindings(view).every((f) => f.range.end <= ORDER.length));
  });

  it("follows the tab's unsaved text: an edited tab moves its findings, never the export's places", () => {
    const edited = `// checked by the night shift\r\n${ORDER}`;
    const view = viewOf(7, edited);
    const reuse = tabFindings(view).find((f) => f.finding.code === 'token-reuse-without-expiry')!;
    assert.equal(edited.slice(reuse.range.start, reuse.range.end), 'accessToken');
    // Editing action 3 (before 7 in the file) moves nothing of action 7 in the export's own offsets.
    const longer = viewOf(3, `${TOKEN}\r\n// & more <text> to shift the rest`);
    const use = longer.analysis.findings.find((f) => f.code === 'token-reuse-without-expiry')!;
    const place = longer.place(use.range);
    assert.equal(place.in, 'export');
    assert.equal(EXPORT.slice(place.range.start, place.range.end), 'accessToken');
    assert.ok(place.range.start > EXPORT.indexOf('<ActionID>7</ActionID>'));
  });

  it('property: tab offsets map to the analysis and back (entities, CRLF, non-ASCII in the tab)', () => {
    const piece = fc.constantFrom('a', '&', '<', '>', '"', '\r\n', 'ü', '😀', ' ', '{x}', ']]>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = `ASSIGN s = "${pieces.join('')}"`;
        const view = viewOf(7, text);
        for (let i = 0; i <= text.length; i++) {
          if (i > 0 && /[\uDC00-\uDFFF]/.test(text[i] ?? '')) continue; // inside a surrogate pair
          assert.deepEqual(view.inTab({ start: view.toAnalysis(i), end: view.toAnalysis(i) }), { start: i, end: i });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('splits a quick fix into tab edits (plain Snippet, no entities) and export edits', () => {
    const view = viewOf(7, ORDER);
    const reuse = view.analysis.findings.find((f) => f.code === 'token-reuse-without-expiry')!;
    const strategyA = view.analysis.fixesFor(reuse).find((fix) => fix.title.includes('Strategy A'))!;
    const split = view.splitEdits(strategyA.edits);
    assert.ok(split);
    const tabAfter = applyEdits(ORDER, split.tab);
    // The same fix applied in the export itself gives the same code for action 7.
    const direct = Analysis.of(INPUT, DEFAULT_SETTINGS)!;
    const directFinding = direct.findings.find((f) => f.code === 'token-reuse-without-expiry')!;
    const directFix = direct.fixesFor(directFinding).find((fix) => fix.title === strategyA.title)!;
    const fixedExport = applyEdits(EXPORT, directFix.edits);
    assert.equal(tabAfter, extractActionCode(fixedExport, 7)!.code);
    assert.ok(!/&amp;|&lt;/.test(split.tab.map((e) => e.newText).join('')), 'the tab holds decoded code');
    // Written back, the tab gives the export the fix would have given (its other edits applied to the export).
    const written = replaceActionCode(applyEdits(EXPORT, split.export), 7, tabAfter);
    assert.ok(written.ok);
    assert.equal(written.text, fixedExport);
  });

  it('renames across the export from the tab: the tab and the other actions', () => {
    const view = viewOf(7, ORDER);
    const at = view.toAnalysis(ORDER.indexOf('accessToken') + 2);
    const renamed = view.analysis.rename(at, 'crmToken');
    assert.ok(renamed.ok);
    const split = view.splitEdits(renamed.edits)!;
    assert.equal(split.tab.length, 1);
    assert.ok(split.export.length >= 1, 'action 3 assigns it');
    const exportAfter = applyEdits(EXPORT, split.export);
    assert.match(extractActionCode(exportAfter, 3)!.code, /ASSIGN crmToken = tokenResult\.access_token/);
    assert.match(applyEdits(ORDER, split.tab), /Bearer \{crmToken\}/);
  });

  it('says why there is no view', () => {
    const missing = ActionView.of(INPUT, 99, 'x', DEFAULT_SETTINGS);
    assert.ok(!(missing instanceof ActionView) && /no SNIPPET action 99/.test(missing.problem));
    const control = ActionView.of(INPUT, 7, 'ASSIGN a = "\u0007"', DEFAULT_SETTINGS);
    assert.ok(!(control instanceof ActionView) && /U\+0007/.test(control.problem));
  });

  it('built from the previous view (typing in the tab) is the view built from scratch', () => {
    const pieces = ['x', ' ', '\n', '"', '{accessToken}', '<', '&', ']]>', '\r\n', 'ASSIGN accessToken = ""'];
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.nat({ max: 6 }),
      insert: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })),
    });
    /** What a view answers: its composed text, every finding and where it lies, and where each tab offset maps. */
    const answers = (view: ActionView, tabText: string): unknown => ({
      text: view.analysis.text,
      findings: view.analysis.findings.map((f) => ({
        code: f.code,
        message: f.message,
        place: view.place(f.range),
        related: f.related?.map((r) => view.place(r.range)),
      })),
      offsets: Array.from({ length: tabText.length + 1 }, (_, i) => view.toAnalysis(i)),
    });
    fc.assert(
      fc.property(fc.constantFrom(3, 7), fc.array(edit, { minLength: 1, maxLength: 6 }), (actionId, edits) => {
        let tabText = actionId === 3 ? TOKEN : ORDER;
        let previous = viewOf(actionId, tabText);
        previous.analysis.findings;
        for (const { at, remove, insert } of edits) {
          const offset = Math.floor(at * tabText.length);
          tabText = tabText.slice(0, offset) + insert + tabText.slice(offset + remove);
          const fromPrevious = ActionView.of(INPUT, actionId, tabText, DEFAULT_SETTINGS, previous);
          const fresh = ActionView.of(INPUT, actionId, tabText, DEFAULT_SETTINGS);
          assert.equal(fromPrevious instanceof ActionView, fresh instanceof ActionView);
          if (!(fromPrevious instanceof ActionView) || !(fresh instanceof ActionView)) {
            assert.deepEqual(fromPrevious, fresh);
            continue;
          }
          assert.deepStrictEqual(answers(fromPrevious, tabText), answers(fresh, tabText));
          previous = fromPrevious;
        }
      }),
      { numRuns: 60, seed: 1_202 },
    );
  });
});
