import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { readExport, type ScriptExport } from '../../../server/src/syntax/export/read-export';
import { escapeXmlText } from '../../../server/src/syntax/export/xml-escape';
import { applyMutations, mutationArbitrary } from '../../helpers/mutations';
import { assertRangeInside } from '../../helpers/range-checks';
import { assertExactOffsetMap } from '../../helpers/export-offset-oracle';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'export');
const SEEDS = [
  'token-at-begin-used-after-menu.xml',
  'strategy-b-export.xml',
  'cdata-snippet.xml',
  'malformed-export.xml',
].map((name) => readFileSync(path.join(FIXTURES, name), 'utf8'));

/** Pieces that matter to an XML reader, plus plain text. */
const XML_PIECES = [
  '<',
  '>',
  '&',
  ';',
  '/',
  '"',
  "'",
  '=',
  '\r\n',
  '\r',
  '\n',
  '\t',
  ' ',
  '\uFEFF',
  '\u0000',
  '\uD800',
  '😀',
  '&amp;',
  '&lt;',
  '&#x7D;',
  '&#123;',
  '&#x1F600;',
  '&bogus;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '<?',
  '?>',
  '<string>',
  '</string>',
  '<string />',
  '<ActionStruct>',
  '</ActionStruct>',
  '<ActionID>',
  '</ActionID>',
  '<Action>SNIPPET</Action>',
  '<Parameters>',
  '</Parameters>',
  '<BranchStruct>',
  '</BranchStruct>',
  '<ScriptContainer>',
  '</ScriptContainer>',
  '<!DOCTYPE x [ <!ENTITY e "v"> ]>',
];

const mutation = mutationArbitrary({
  kinds: ['delete', 'insert', 'duplicate-elsewhere', 'truncate'],
  pieces: XML_PIECES,
  randomText: [fc.string({ maxLength: 8 })],
  maxDelete: 40,
  maxDuplicate: 400,
});

function assertWellFormedResult(text: string, result: ScriptExport): void {
  const n = text.length;
  assert.ok(result.errors.length <= 1);
  for (const e of result.errors) assertRangeInside(e.range, n, 'error');
  for (const a of result.actions) {
    assertRangeInside(a.range, n, 'action');
    if (a.captionRange) assertRangeInside(a.captionRange, n, 'caption');
    for (const p of a.parameters) {
      assertRangeInside(p.range, n, 'parameter');
      assertRangeInside(p.elementRange, n, 'parameter element');
    }
  }
  for (const e of result.edges) assertRangeInside(e.range, n, 'edge');
  for (const s of result.snippets) {
    assertRangeInside(s.contentRange, n, 'snippet content');
    assertRangeInside(s.elementRange, n, 'snippet element');
    const step = Math.max(1, Math.floor(s.code.length / 50));
    for (let o = 0; o <= s.code.length; o += step) {
      const d = s.toDocumentOffset(o);
      assert.ok(d >= s.contentRange.start && d <= s.contentRange.end, 'mapped offset inside the content');
    }
  }
}

/** A realistic one-SNIPPET export whose first `<string>` holds `content` exactly as given. */
function snippetExport(content: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" BusNo="4599331" UserID="26118">',
    '  <Actions>',
    '    <ActionStruct>',
    '      <ActionID>3</ActionID>',
    '      <Action>SNIPPET</Action>',
    '      <Caption>Generated</Caption>',
    '      <Parameters>',
    `        <string>${content}</string>`,
    '        <string>Limit32K</string>',
    '      </Parameters>',
    '      <X>64</X>',
    '      <Y>144</Y>',
    '      <LibraryID>b333da63-33c8-4297-a58a-e9546cf7f0f2</LibraryID>',
    '    </ActionStruct>',
    '  </Actions>',
    '</ScriptContainer>',
  ].join('\r\n');
}

/** Snippet code made of characters XML 1.0 can hold, heavy on the ones that need care. */
const snippetCode = fc
  .array(
    fc.oneof(
      // Long line: Biome counts each astral character once, JavaScript (and the line-length check) twice.
      fc.constantFrom('&', '<', '>', '"', "'", '\r\n', '\r', '\n', '\t', ']]>', '&amp;', '{', '}', '😀', '𝔘', 'é', ' '),
      fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('xml reader properties', () => {
  it('never throws, terminates, and keeps every range inside the document under random mutations', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (seed, mutations) => {
          const text = applyMutations(SEEDS[seed]!, mutations);
          const result = readExport(text);
          if (result !== undefined) assertWellFormedResult(text, result);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('round-trips code through escapeXmlText with an exact offset map', () => {
    fc.assert(
      fc.property(snippetCode, (code) => {
        const text = snippetExport(escapeXmlText(code));
        const result = readExport(text);
        assert.ok(result !== undefined);
        assert.deepEqual(result.errors, []);
        assert.equal(result.snippets.length, 1);
        const [snippet] = result.snippets;
        assert.equal(snippet!.code, code);
        assertExactOffsetMap(text, snippet!);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips code written as CDATA with an exact offset map', () => {
    fc.assert(
      fc.property(
        snippetCode.filter((code) => !code.includes(']]>')),
        (code) => {
          const text = snippetExport(`<![CDATA[${code}]]>`);
          const result = readExport(text);
          assert.ok(result !== undefined);
          assert.deepEqual(result.errors, []);
          assert.equal(result.snippets[0]!.code, code);
          assertExactOffsetMap(text, result.snippets[0]!);
        },
      ),
      { numRuns: 300 },
    );
  });
});
