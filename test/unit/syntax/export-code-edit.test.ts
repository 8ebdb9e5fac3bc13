import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { exportAfterCodeEdit } from '../../../server/src/syntax/export/code-edit';
import { type EmbeddedCode, readExport, type ScriptExport } from '../../../server/src/syntax/export/read-export';
import { exportFixtureFiles } from '../../helpers/export-fixtures';
import { assertExactOffsetMap } from '../../helpers/export-offset-oracle';

/**
 * An edit inside one SNIPPET action's code is applied to the previous version's export instead of reading the XML
 * again. After every edit of random sequences typed into actions' code (markup, entities, CDATA pieces and forbidden
 * characters among them), the export it gives, when it gives one, is the one `readExport` gives: the same actions,
 * links and code, and offset maps that answer the same for every offset.
 */

const EXPORTS = exportFixtureFiles()
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
  .filter(({ text }) => {
    const read = readExport(text);
    return read !== undefined && read.errors.length === 0 && read.snippets.length > 0;
  });

/** What an export says, with each offset map written out for every offset it answers. */
function comparable(script: ScriptExport): unknown {
  return {
    actions: script.actions,
    edges: script.edges,
    errors: script.errors,
    entry: script.graph.entry?.id,
    snippets: script.snippets.map(comparableCode),
  };
}

function comparableCode(code: EmbeddedCode): unknown {
  const { start, end } = code.contentRange;
  const codeOffsets = Array.from({ length: code.code.length + 3 }, (_, i) => i - 1);
  const fileOffsets = Array.from({ length: end - start + 3 }, (_, i) => start - 1 + i);
  const step = Math.max(1, Math.floor(code.code.length / 40));
  const ranges: unknown[] = [];
  for (let from = 0; from <= code.code.length; from += step) {
    for (let to = from; to <= code.code.length; to += step) ranges.push(code.toDocumentRange(from, to));
  }
  return {
    actionId: code.actionId,
    caption: code.caption,
    code: code.code,
    contentRange: code.contentRange,
    elementRange: code.elementRange,
    usesCdata: code.usesCdata,
    toDocument: codeOffsets.map((o) => code.toDocumentOffset(o)),
    toCode: fileOffsets.map((d) => code.toCodeOffset(d)),
    ranges,
  };
}

/** Text typed into code: plain characters, and what must send the edit back to a full read. */
const PIECES = [
  'x',
  ' ',
  '\n',
  '\r\n',
  '"',
  '{token}',
  '}',
  ';',
  'amp;',
  '&',
  '&amp;',
  '<',
  '>',
  ']',
  ']]>',
  '<![CDATA[',
  '\t',
  '\u0001',
  'é',
  '😀',
  '\ud800',
];

interface CodeEdit {
  readonly action: number;
  /** Where in the code's content, as a fraction of its length; or next to one of its entities. */
  readonly at: number;
  readonly nearEntity: boolean;
  readonly remove: number;
  readonly insert: string;
}

const codeEdit: fc.Arbitrary<CodeEdit> = fc.record({
  action: fc.nat(),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  nearEntity: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 12 })),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })),
});

function applyCodeEdit(text: string, script: ScriptExport, edit: CodeEdit): string {
  const { start, end } = script.snippets[edit.action % script.snippets.length]!.contentRange;
  let at = start + Math.floor(edit.at * (end - start));
  const entities = [...text.slice(start, end).matchAll(/&/g)].map((m) => start + m.index);
  if (edit.nearEntity && entities.length > 0) {
    // Inside or at either side of an entity (`&amp;`, `&#x7B;`): from its `&` to just after its `;`.
    const ampersand = entities[Math.floor(edit.at * entities.length) % entities.length]!;
    at = Math.min(end, ampersand + (edit.remove % 8));
  }
  return text.slice(0, at) + edit.insert + text.slice(Math.min(end, at + edit.remove));
}

describe('syntax: an edit of one action’s code, applied to the previous export', function () {
  this.timeout(120_000);

  it('has exports with code to edit', () => {
    assert.ok(EXPORTS.length >= 5, `found ${EXPORTS.length}`);
  });

  it('gives the export a full read gives, after every edit of random sequences', () => {
    let applied = 0;
    let declined = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: EXPORTS.length - 1 }),
        fc.array(codeEdit, { minLength: 1, maxLength: 6 }),
        (index: number, edits: CodeEdit[]) => {
          let { text } = EXPORTS[index]!;
          let script = readExport(text)!;
          for (const edit of edits) {
            if (script.errors.length > 0 || script.snippets.length === 0) return;
            const next = applyCodeEdit(text, script, edit);
            const edited = exportAfterCodeEdit(script, text, next);
            const read = readExport(next);
            if (edited) {
              applied++;
              assert.ok(read, 'a full read sees an export too');
              assert.deepStrictEqual(comparable(edited), comparable(read));
              for (const code of edited.snippets) assertExactOffsetMap(next, code);
            } else {
              declined++;
            }
            text = next;
            script = edited ?? read!;
          }
        },
      ),
      { numRuns: 150, seed: 20_261_202 },
    );
    // Both ways are taken: most edits are applied, the ones that touch markup are read again.
    assert.ok(applied > 150, `applied ${applied}`);
    assert.ok(declined > 30, `declined ${declined}`);
  });

  it('declines edits that change the XML around the code', () => {
    const { text } = EXPORTS.find(({ text }) => readExport(text)!.snippets.some((s) => !s.usesCdata))!;
    const script = readExport(text)!;
    const code = script.snippets.find((s) => !s.usesCdata)!;
    const at = code.contentRange.start;
    for (const insert of ['<', '&', '&amp;', ']]>', '\u0000']) {
      assert.equal(exportAfterCodeEdit(script, text, text.slice(0, at) + insert + text.slice(at)), undefined, insert);
    }
    // Inside an entity, or making one: the code it decodes to changes beyond the edit.
    const entity = '<string>ASSIGN ok = a &lt; b</string>';
    const withEntity = text.slice(0, code.elementRange.start) + entity + text.slice(code.elementRange.end);
    const inEntity = withEntity.indexOf('&lt;') + 2;
    const entityScript = readExport(withEntity)!;
    assert.equal(entityScript.errors.length, 0);
    for (const [at, remove, insert] of [
      [inEntity, 0, 'x'],
      [inEntity, 1, ''],
      [inEntity + 1, 1, ''],
    ] as const) {
      const next = withEntity.slice(0, at) + insert + withEntity.slice(at + remove);
      assert.equal(exportAfterCodeEdit(entityScript, withEntity, next), undefined, `${at} ${remove} ${insert}`);
    }
    // Taking out what kept `]]` and `>` apart: `]]>` may not stand in character data.
    const brackets = '<string>ASSIGN v = a[b[1]]x>2</string>';
    const withBrackets = text.slice(0, code.elementRange.start) + brackets + text.slice(code.elementRange.end);
    const bracketScript = readExport(withBrackets)!;
    assert.equal(bracketScript.errors.length, 0);
    const x = withBrackets.indexOf(']]x>') + 2;
    const joined = withBrackets.slice(0, x) + withBrackets.slice(x + 1);
    assert.equal(exportAfterCodeEdit(bracketScript, withBrackets, joined), undefined);
    assert.ok(readExport(joined)!.errors.length > 0, 'a full read finds the error');

    // Inside the tag of an empty `<string />`, where its (empty) content range lies.
    const empty = `${text.slice(0, code.elementRange.start)}<string />${text.slice(code.elementRange.end)}`;
    const emptyScript = readExport(empty)!;
    const slot = emptyScript.snippets.find((s) => s.actionId === code.actionId)!.contentRange.start;
    const typed = `${empty.slice(0, slot)}x${empty.slice(slot)}`;
    assert.equal(exportAfterCodeEdit(emptyScript, empty, typed), undefined);
    assert.ok(readExport(typed)!.errors.length > 0, 'a full read finds the error');

    // Inside a comment in the content: `--` may not stand in an XML comment.
    const commented = '<string>ASSIGN a = 1<!-- a - b --></string>';
    const withComment = text.slice(0, code.elementRange.start) + commented + text.slice(code.elementRange.end);
    const commentScript = readExport(withComment)!;
    assert.equal(commentScript.errors.length, 0);
    const dash = withComment.indexOf(' - b') + 1;
    const doubled = `${withComment.slice(0, dash)}-${withComment.slice(dash)}`;
    assert.equal(exportAfterCodeEdit(commentScript, withComment, doubled), undefined);
    assert.ok(readExport(doubled)!.errors.length > 0, 'a full read finds the error');

    // Outside any code: a caption.
    const caption = script.actions.find((a) => a.captionRange && a.captionRange.end > a.captionRange.start)!;
    const edited = `${text.slice(0, caption.captionRange!.start)}x${text.slice(caption.captionRange!.start)}`;
    assert.equal(exportAfterCodeEdit(script, text, edited), undefined);
  });
});
