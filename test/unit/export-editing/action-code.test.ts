import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as fc from 'fast-check';
import { SaxesParser } from 'saxes';
import {
  changedSpan,
  extractActionCode,
  inExportLineBreaks,
  listActionCodes,
  replaceActionCode,
} from '../../../server/src/export-editing/action-code';
import { applyEdits } from '../../../server/src/common/text-edit';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { readAnnotated } from '../../helpers/annotated';
import { buildExport } from '../../helpers/export-builder';
import { exportFixtureFiles } from '../../helpers/export-fixtures';

const ROOT = join(__dirname, '..', '..', '..');

/** Every export fixture and example that has SNIPPET actions, as the editor holds it (annotations removed). */
const EXPORTS = exportFixtureFiles()
  .map((file) => ({ name: relative(ROOT, file), text: readAnnotated(readFileSync(file, 'utf8')).text }))
  .filter(({ text }) => readExport(text)?.errors.length === 0 && listActionCodes(text).length > 0);

/** Pieces of Snippet code that XML has to escape or keep exactly, and plain code around them. */
const CODE_PIECES = [
  'ASSIGN ',
  'proxy.AddHeader("Authorization", "Bearer {accessToken}")',
  'IF a < b & c > d',
  '{',
  '}',
  '&',
  '<',
  '>',
  '&amp;',
  '&lt;',
  ']]>',
  '<![CDATA[',
  '<!-- x -->',
  '"',
  "'",
  '$"a\\"b"',
  '\r\n',
  '\n',
  '\r',
  '\t',
  'Grüße ',
  'Ωμέγα',
  '日本語',
  '😀',
  '𝔘',
  '\u00A0',
  ' ',
  '// comment',
  'grant_type=client_credentials&client_id={SECURE_CLIENT_ID}',
];

const code = fc
  .array(fc.oneof(fc.constantFrom(...CODE_PIECES), fc.string({ unit: 'grapheme', maxLength: 6 })), {
    maxLength: 30,
  })
  .map((pieces) => pieces.join(''));

/** Saxes, strictly, over the whole file: the result is still a well-formed XML document. */
function assertWellFormed(text: string): void {
  const parser = new SaxesParser();
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.write(text).close();
  assert.equal(error, undefined, 'the export is no longer well-formed XML');
}

/** Every action other than `actionId` reads back exactly as before (type, caption, parameters, links). */
function assertOtherActionsUnchanged(before: string, after: string, actionId: number): void {
  const a = readExport(before)!;
  const b = readExport(after)!;
  const shape = (text: string) => (x: (typeof a.actions)[number]) => ({
    id: x.id,
    type: x.type,
    caption: x.caption,
    parameters: (x.id === actionId ? x.parameters.slice(1) : x.parameters).map((p) => p.value),
    source: x.id === actionId ? undefined : text.slice(x.range.start, x.range.end),
  });
  assert.deepEqual(b.actions.map(shape(after)), a.actions.map(shape(before)));
  assert.deepEqual(
    b.edges.map((e) => [e.from, e.to, e.kind, e.label]),
    a.edges.map((e) => [e.from, e.to, e.kind, e.label]),
  );
}

describe('export editing: the round trip of a SNIPPET action', () => {
  it('has exports to work on (fixtures and examples with SNIPPET actions)', () => {
    assert.ok(EXPORTS.length >= 10, `only ${EXPORTS.length} exports`);
  });

  it('extracts the decoded code: entities and character references decoded, CRLF kept', () => {
    const text = buildExport([
      { id: 1, type: 'BEGIN', caption: 'Begin', next: 2 },
      { id: 2, type: 'SNIPPET', caption: 'Token & more', code: 'IF a < b & c > d\r\n{\r\n  ASSIGN x = "ü😀"\r\n}' },
    ]);
    assert.match(text, /IF a &lt; b &amp; c &gt; d\r\n/);
    assert.deepEqual(extractActionCode(text, 2), {
      actionId: 2,
      caption: 'Token & more',
      code: 'IF a < b & c > d\r\n{\r\n  ASSIGN x = "ü😀"\r\n}',
    });
    assert.equal(extractActionCode(text, 1), undefined, 'BEGIN has no code');
    assert.equal(extractActionCode(text, 9), undefined);
    assert.equal(extractActionCode('<root/>', 2), undefined);
  });

  it('writes only the changed part, escaped, and nothing else', () => {
    const text = buildExport([{ id: 2, type: 'SNIPPET', caption: 'Lookup', code: 'ASSIGN a = 1\r\nASSIGN b = 2' }]);
    const result = replaceActionCode(text, 2, 'ASSIGN a = 1\r\nIF a < 2 & b > 1 { ASSIGN c = "x" }\r\nASSIGN b = 2');
    assert.ok(result.ok);
    assert.equal(result.edits.length, 1);
    assert.equal(result.edits[0]!.newText, 'IF a &lt; 2 &amp; b &gt; 1 { ASSIGN c = "x" }\r\n');
    assert.equal(applyEdits(text, result.edits), result.text);
  });

  it('leaves an unchanged code unchanged (no edit)', () => {
    for (const { text } of EXPORTS) {
      for (const action of listActionCodes(text)) {
        const result = replaceActionCode(text, action.actionId, action.code);
        assert.ok(result.ok);
        assert.deepEqual(result.edits, []);
        assert.equal(result.text, text);
      }
    }
  });

  it('property: extract ∘ replace = identity, other bytes identical, still well-formed (every fixture export)', () => {
    const targets = EXPORTS.flatMap(({ name, text }) =>
      listActionCodes(text).map((action) => ({ name, text, actionId: action.actionId })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...targets), code, ({ name, text, actionId }, newCode) => {
        const result = replaceActionCode(text, actionId, newCode);
        assert.ok(result.ok, `${name} action ${actionId}: ${result.ok ? '' : result.problem}`);
        assert.equal(extractActionCode(result.text, actionId)?.code, newCode);
        // Every byte outside the one edit is the original's, and the edit stays inside the action's <string>.
        const element = readExport(text)!.snippets.find((s) => s.actionId === actionId)!.elementRange;
        for (const edit of result.edits) {
          assert.ok(edit.range.start >= element.start && edit.range.end <= element.end, 'edit outside the action');
        }
        if (result.edits.length > 0) {
          const { start, end } = result.edits[0]!.range;
          assert.equal(result.text.slice(0, start), text.slice(0, start));
          assert.equal(result.text.slice(result.text.length - (text.length - end)), text.slice(end));
        }
        assertWellFormed(result.text);
        assertOtherActionsUnchanged(text, result.text, actionId);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a small edit of the code is a small edit of the file (entity-heavy code)', () => {
    const base = [
      'IF token = "" & tries < 3',
      '{',
      '  ASSIGN url = "https://x.example/a?b=1&c=2"',
      '}',
      '// Grüße 😀',
    ].join('\r\n');
    const text = buildExport([{ id: 5, type: 'SNIPPET', caption: 'Entities', code: base }]);
    fc.assert(
      fc.property(
        fc.nat({ max: base.length }),
        fc.nat({ max: 8 }),
        fc.constantFrom(...CODE_PIECES),
        (at, length, inserted) => {
          let start = at;
          // Never cut the emoji in half: that would not be code an editor can hold.
          if (start > 0 && /[\uDC00-\uDFFF]/.test(base[start] ?? '')) start--;
          let end = Math.min(base.length, start + length);
          if (end < base.length && /[\uDC00-\uDFFF]/.test(base[end]!)) end++;
          const next = base.slice(0, start) + inserted + base.slice(end);
          const result = replaceActionCode(text, 5, next);
          assert.ok(result.ok);
          assert.equal(extractActionCode(result.text, 5)?.code, next);
          assertWellFormed(result.text);
          // The rewritten span is at most what changed, escaped (each character at most 5 bytes: `&amp;`).
          const edit = result.edits[0];
          if (edit) assert.ok(edit.newText.length <= 5 * (inserted.length + 2), edit.newText);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a CDATA section raw when the change falls inside it, and rewrites the element when it crosses one', () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'export', 'cdata-snippet.xml'), 'utf8');
    const [first, second] = listActionCodes(text);
    assert.ok(first && second);
    const inside = first.code.replace('expand=lines', 'expand=lines&x=<1>');
    const kept = replaceActionCode(text, first.actionId, inside);
    assert.ok(kept.ok);
    assert.equal(kept.edits[0]!.newText, '&x=<1>', 'inside CDATA the text is written raw');
    assert.match(kept.text, /<!\[CDATA\[ASSIGN orderProxy/);
    // `]]>` cannot stay inside a CDATA section: the element is written again, escaped.
    const closing = replaceActionCode(text, first.actionId, first.code.replace('expand=lines', 'a]]>b'));
    assert.ok(closing.ok);
    assert.equal(extractActionCode(closing.text, first.actionId)?.code, first.code.replace('expand=lines', 'a]]>b'));
    assertWellFormed(closing.text);
    // Mixed text, character references and CDATA: a change across the boundary.
    const mixed = `${second.code.slice(0, 10)}<&>${second.code.slice(20)}`;
    const crossing = replaceActionCode(text, second.actionId, mixed);
    assert.ok(crossing.ok);
    assert.equal(extractActionCode(crossing.text, second.actionId)?.code, mixed);
    assertWellFormed(crossing.text);
    assertOtherActionsUnchanged(text, crossing.text, second.actionId);
  });

  it('writes code into an empty SNIPPET (`<string />`)', () => {
    const text = buildExport([{ id: 3, type: 'SNIPPET', caption: 'Empty', parameters: ['', 'Limit2K'] }]);
    assert.match(text, /<string \/>/);
    assert.equal(extractActionCode(text, 3)?.code, '');
    const result = replaceActionCode(text, 3, 'ASSIGN a = "<x>"');
    assert.ok(result.ok);
    assert.match(result.text, /<string>ASSIGN a = "&lt;x&gt;"<\/string>/);
    assert.equal(extractActionCode(result.text, 3)?.code, 'ASSIGN a = "<x>"');
  });

  it('keeps a character reference for an astral character whole (never half a surrogate pair)', () => {
    const text = buildExport([{ id: 4, type: 'SNIPPET', caption: 'Emoji', code: 'ASSIGN s = "X"' }]).replace(
      '"X"',
      '"&#x1F600;&#x1F601;"',
    );
    assert.equal(extractActionCode(text, 4)?.code, 'ASSIGN s = "😀😁"');
    // Only the low half of the second character differs: the edit must still take the whole reference.
    const result = replaceActionCode(text, 4, 'ASSIGN s = "😀😂"');
    assert.ok(result.ok);
    assert.equal(extractActionCode(result.text, 4)?.code, 'ASSIGN s = "😀😂"');
    assert.match(result.text, /"&#x1F600;😂"/);
    assert.deepEqual(changedSpan('😀😁', '😀😂'), { range: { start: 2, end: 4 }, newText: '😂' });
  });

  it('refuses what it cannot write, and says why', () => {
    const text = buildExport([{ id: 2, type: 'SNIPPET', caption: 'A', code: 'ASSIGN a = 1' }]);
    const control = replaceActionCode(text, 2, 'ASSIGN a = "\u0001"');
    assert.deepEqual(control, {
      ok: false,
      problem: 'the code contains U+0001, a character an XML export cannot hold',
    });
    const lone = replaceActionCode(text, 2, 'ASSIGN a = "\uD800"');
    assert.ok(!lone.ok && lone.problem.includes('U+D800'));
    const missing = replaceActionCode(text, 7, 'x');
    assert.ok(!missing.ok && missing.problem.includes('no SNIPPET action 7'));
    const broken = replaceActionCode(text.replace('</Actions>', '</Action>'), 2, 'x');
    assert.ok(!broken.ok && broken.problem.startsWith('the export is not well-formed XML'));
    assert.ok(!replaceActionCode('plain text', 2, 'x').ok);
  });

  it("writes the editor's line breaks as the export's", () => {
    const text = buildExport([{ id: 2, type: 'SNIPPET', caption: 'A', code: 'ASSIGN a = 1\r\nASSIGN b = 2' }]);
    assert.equal(inExportLineBreaks(text, 2, 'a\nb\r\nc\rd'), 'a\r\nb\r\nc\r\nd');
    const lf = text.replace(/\r\n/g, '\n');
    assert.equal(inExportLineBreaks(lf, 2, 'a\r\nb'), 'a\nb');
    const oneLine = buildExport([{ id: 2, type: 'SNIPPET', caption: 'A', code: 'ASSIGN a = 1' }]);
    assert.equal(inExportLineBreaks(oneLine, 2, 'a\nb'), 'a\r\nb', 'the file’s own line breaks');
  });
});
