import { strict as assert } from 'node:assert';
import { applyEdits } from '../../../server/src/common/text-edit';
import { embeddedRegion } from '../../../server/src/editing/code-region';
import { insertLinesAfter, insertLinesBefore } from '../../../server/src/editing/insertion';
import { expiryNameFor, uniqueName } from '../../../server/src/editing/names';
import { indentUnitOf, lineEndingOf } from '../../../server/src/editing/text-layout';
import { parseDocument, type ExportDocument } from '../../../server/src/documents/parsed-document';
import { readExport } from '../../../server/src/syntax/export/read-export';

function exportWith(content: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer>',
    '  <Actions>',
    '    <ActionStruct>',
    '      <ActionID>2</ActionID>',
    '      <Action>SNIPPET</Action>',
    '      <Caption>Code</Caption>',
    '      <Parameters>',
    `        <string>${content}</string>`,
    '      </Parameters>',
    '    </ActionStruct>',
    '  </Actions>',
    '</ScriptContainer>',
    '',
  ].join('\r\n');
}

function regionOf(xml: string) {
  const document = parseDocument('export', xml) as ExportDocument;
  return embeddedRegion(xml, document.snippets[0]!);
}

describe('fix edit helpers', () => {
  it('detect line endings and indentation', () => {
    assert.equal(lineEndingOf('a\r\nb\n'), '\r\n');
    assert.equal(lineEndingOf('a\nb\r\n'), '\n');
    assert.equal(lineEndingOf('one line', '\r\n'), '\r\n');
    assert.equal(indentUnitOf('IF a\n{\n\tb = 1\n}\n'), '\t');
    assert.equal(indentUnitOf('IF a\n{\n    b = 1\n    IF c\n    {\n        d = 1\n    }\n}\n'), '    ');
    assert.equal(indentUnitOf('a = 1\n'), '  ');
  });

  it('insert whole lines before and after statements, also on shared lines and at the end of a file', () => {
    const render = (indent: string): string => `${indent}// here\n`;
    const code = 'IF a\n{\n  b = 1\n}';
    const b = code.indexOf('b = 1');
    assert.equal(applyEdits(code, [insertLinesBefore(code, b, '\n', render)]), 'IF a\n{\n  // here\n  b = 1\n}');
    assert.equal(applyEdits(code, [insertLinesAfter(code, b + 5, b, '\n', render)]), 'IF a\n{\n  b = 1\n  // here\n}');
    assert.equal(applyEdits('x = 1', [insertLinesAfter('x = 1', 5, 0, '\n', render)]), 'x = 1\n// here');
    const shared = 'a = 1 b = 2';
    assert.equal(applyEdits(shared, [insertLinesBefore(shared, 6, '\n', render)]), 'a = 1 \n// here\nb = 2');
  });

  it('name things without clashing', () => {
    assert.equal(uniqueName('tokenProxy', new Set(['tokenproxy', 'tokenproxy2'])), 'tokenProxy3');
    assert.equal(expiryNameFor('accessToken'), 'accessTokenExpiry');
    assert.equal(expiryNameFor('cachedToken'), 'tokenExpiry');
    assert.equal(expiryNameFor('strCachedToken'), 'strTokenExpiry');
    assert.equal(expiryNameFor('global:bearer'), 'global:bearerExpiry');
  });

  it(
    'map code edits into an export: escaped in element text, raw in CDATA, the whole element when an edit crosses ' +
      'CDATA',
    () => {
      const plain = exportWith('IF a &gt; 1\r\n{\r\n  b = &quot;x&quot;\r\n}');
      const region = regionOf(plain);
      const at = region.code.indexOf('b =');
      const fixed = applyEdits(
        plain,
        region.toDocumentEdits([{ range: { start: at, end: at }, newText: 'c = a < 2 & d\r\n  ' }]),
      );
      assert.ok(fixed.includes('c = a &lt; 2 &amp; d\r\n  b = &quot;x&quot;'));
      assert.equal(readExport(fixed)!.snippets[0]!.code, 'IF a > 1\r\n{\r\n  c = a < 2 & d\r\n  b = "x"\r\n}');

      const cdata = exportWith('ASSIGN n = 0\r\n<![CDATA[IF a > 1 & n < 3\r\n{\r\n}]]>');
      const cRegion = regionOf(cdata);
      const inside = cRegion.code.indexOf('{');
      const raw = applyEdits(
        cdata,
        cRegion.toDocumentEdits([{ range: { start: inside, end: inside }, newText: 'x = a < 1\r\n' }]),
      );
      assert.ok(raw.includes('<![CDATA[IF a > 1 & n < 3\r\nx = a < 1\r\n{'), raw);
      const crossing = applyEdits(
        cdata,
        cRegion.toDocumentEdits([{ range: { start: 0, end: inside }, newText: 'IF b > 2\r\n' }]),
      );
      assert.ok(crossing.includes('<string>IF b &gt; 2\r\n{\r\n}</string>'), crossing);
      const closing = applyEdits(
        cdata,
        cRegion.toDocumentEdits([{ range: { start: inside, end: inside }, newText: 'x = "]]>"\r\n' }]),
      );
      assert.equal(readExport(closing)!.snippets[0]!.code, 'ASSIGN n = 0\r\nIF a > 1 & n < 3\r\nx = "]]>"\r\n{\r\n}');
    },
  );
});
