import * as assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import type { ParseError } from '../../../server/src/common/text-range';
import { LineIndex } from '../../../server/src/common/line-index';
import { readExport } from '../../../server/src/syntax/export/read-export';

/** A one-SNIPPET export whose code is `rawCode` exactly as it stands in the file (no escaping applied). */
function exportWithRawCode(rawCode: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" BusNo="4599331" UserID="26118">',
    '  <Actions>',
    '    <ActionStruct>',
    '      <ActionID>1</ActionID>',
    '      <Action>BEGIN</Action>',
    '      <Caption>Begin</Caption>',
    '    </ActionStruct>',
    '    <ActionStruct>',
    '      <ActionID>3</ActionID>',
    '      <Action>SNIPPET</Action>',
    '      <Caption>Lookup</Caption>',
    '      <Parameters>',
    `        <string>${rawCode}</string>`,
    '        <string>Limit2K</string>',
    '      </Parameters>',
    '    </ActionStruct>',
    '  </Actions>',
    '</ScriptContainer>',
  ].join('\r\n');
}

function onlyError(text: string): ParseError {
  const result = readExport(text);
  assert.ok(result !== undefined);
  assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
  return result.errors[0]!;
}

/** 1-based line and column (UTF-16 units), as an editor shows them. */
function humanPosition(text: string, offset: number): { line: number; column: number } {
  const p = new LineIndex(text).positionAt(offset);
  return { line: p.line + 1, column: p.character + 1 };
}

describe('xml errors in Studio exports', () => {
  it('points at a bare & in snippet code, not at the next ";" or the end of the file', () => {
    const text = exportWithRawCode('IF a = 1 & b = 2\r\n{\r\n  ASSIGN url = "https://x/a?b=1&amp;c=2"\r\n}');
    const error = onlyError(text);
    const at = text.indexOf('& b = 2');
    assert.deepEqual(error.range, { start: at, end: at + 1 });
    assert.match(error.message, /&amp;/);
    assert.deepEqual(humanPosition(text, at), { line: 14, column: 26 });
    // The action read before the error is kept.
    assert.deepEqual(
      readExport(text)!.actions.map((a) => a.id),
      [1],
    );
  });

  it('points at a bare & even when nothing follows it', () => {
    const text = exportWithRawCode('x = a & b').slice(0, 600);
    const error = onlyError(text);
    assert.equal(error.range.start, text.indexOf('& b'));
  });

  it('points at an unescaped < in code', () => {
    const text = exportWithRawCode('IF proxy.StatusCode < 300 { x = 1 }');
    const error = onlyError(text);
    const at = text.indexOf('< 300');
    assert.deepEqual(error.range, { start: at, end: at + 1 });
    assert.match(error.message, /&lt;/);
  });

  it('names an unknown entity over its whole reference', () => {
    const text = exportWithRawCode('TRACE "a&nbsp;b"');
    const error = onlyError(text);
    assert.equal(text.slice(error.range.start, error.range.end), '&nbsp;');
    assert.match(error.message, /unknown entity &nbsp;/);
  });

  it('rejects a reference to a character XML does not allow', () => {
    const text = exportWithRawCode('TRACE "&#1;"');
    const error = onlyError(text);
    assert.equal(text.slice(error.range.start, error.range.end), '&#1;');
  });

  it('reports a truncated export at the end of the file, naming the open element', () => {
    const full = exportWithRawCode('x = 1');
    const text = full.slice(0, full.indexOf('<string>Limit2K'));
    const error = onlyError(text);
    assert.deepEqual(error.range, { start: text.length, end: text.length });
    assert.match(error.message, /<Parameters> \(opened on line 13\)/);
  });

  it('points at "]]>" written in element text', () => {
    const text = exportWithRawCode('x = a[b[1]]> 2');
    const error = onlyError(text);
    assert.equal(text.slice(error.range.start, error.range.end), ']]>');
  });

  it('points at a second root element', () => {
    const text = `${exportWithRawCode('x = 1')}\r\n<ScriptContainer />`;
    const error = onlyError(text);
    assert.equal(error.range.start, text.lastIndexOf('<ScriptContainer'));
  });

  it('counts columns in UTF-16 units where saxes counts code points', () => {
    const text = exportWithRawCode('TRACE "😀😀"\u0001');
    const error = onlyError(text);
    const at = text.indexOf('\u0001');
    assert.deepEqual(error.range, { start: at, end: at + 1 });
    const parser = new SaxesParser({ position: true });
    let saxesColumn = 0;
    parser.on('error', () => {
      if (saxesColumn === 0) saxesColumn = parser.column;
    });
    parser.write(text).close();
    // Two astral characters: saxes' column is two less than the UTF-16 column an editor uses.
    assert.equal(humanPosition(text, at).column, saxesColumn + 2);
  });

  it('is exact after CRLF, lone CR and LF line breaks', () => {
    const text = exportWithRawCode('a = 1\rb = 2\nc = 3\r\nd = <');
    const error = onlyError(text);
    const at = text.indexOf('<</string>');
    assert.equal(error.range.start, at);
    assert.deepEqual(humanPosition(text, at), { line: 17, column: 5 });
  });
});
