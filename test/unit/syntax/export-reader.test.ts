import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import type { TextRange } from '../../../server/src/common/text-range';
import { LineIndex } from '../../../server/src/common/line-index';
import { type EmbeddedCode, readExport, type ScriptExport } from '../../../server/src/syntax/export/read-export';
import { assertExactOffsetMap } from '../../helpers/export-offset-oracle';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'export');

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function read(text: string): ScriptExport {
  const result = readExport(text);
  assert.ok(result !== undefined, 'expected a Studio export');
  return result;
}

function snippetOf(result: ScriptExport, actionId: number): EmbeddedCode {
  const snippet = result.snippets.find((s) => s.actionId === actionId);
  assert.ok(snippet !== undefined, `expected the SNIPPET of action ${actionId}`);
  return snippet;
}

function slice(text: string, range: TextRange): string {
  return text.slice(range.start, range.end);
}

/** The file text behind `code.slice(start, end)`. */
function documentSliceOf(text: string, snippet: EmbeddedCode, start: number, end: number): string {
  return text.slice(snippet.toDocumentOffset(start), snippet.toDocumentOffset(end));
}

/** A minimal export around the given ActionStruct bodies (CRLF, 2-space indentation). */
function exportWith(...actionBodies: string[]): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" BusNo="4599331" UserID="26118">',
    '  <Actions>',
    ...actionBodies.map((body) => `    <ActionStruct>\r\n${body}\r\n    </ActionStruct>`),
    '  </Actions>',
    '  <MediaType>4</MediaType>',
    '</ScriptContainer>',
  ];
  return lines.join('\r\n');
}

function action(id: number, type: string, extra = ''): string {
  return [
    `      <ActionID>${id}</ActionID>`,
    `      <Action>${type}</Action>`,
    `      <Caption>${type.toLowerCase()} ${id}</Caption>`,
    ...(extra === '' ? [] : [extra]),
    '      <X>64</X>',
    '      <Y>48</Y>',
  ].join('\r\n');
}

describe('readExport', () => {
  describe('token-at-begin-used-after-menu.xml', () => {
    const text = fixture('token-at-begin-used-after-menu.xml');
    const result = read(text);

    it('is a CRLF file and reads without errors', () => {
      assert.ok(text.includes('\r\n') && !/[^\r]\n/.test(text));
      assert.deepEqual(result.errors, []);
    });

    it('reads every action in file order with type and caption', () => {
      assert.deepEqual(
        result.actions.map((a) => [a.id, a.type, a.caption]),
        [
          [1, 'BEGIN', 'Begin'],
          [3, 'SNIPPET', 'Get OAuth token'],
          [5, 'MENU', 'Main menu'],
          [7, 'WAIT', 'Hold music'],
          [9, 'PLAY', 'Opening hours'],
          [11, 'PLAY', 'Sorry, try again'],
          [13, 'REQAGENT', 'Billing skill'],
          [15, 'SNIPPET', 'Lookup customer'],
          [17, 'HANGUP', 'Hangup'],
        ],
      );
    });

    it('gives exact ranges for actions, captions and parameters', () => {
      for (const a of result.actions) {
        const element = slice(text, a.range);
        assert.ok(element.startsWith('<ActionStruct>') && element.endsWith('</ActionStruct>'));
        assert.equal(slice(text, a.captionRange!), a.caption);
        for (const p of a.parameters) {
          const e = slice(text, p.elementRange);
          assert.ok(e === '<string />' || (e.startsWith('<string>') && e.endsWith('</string>')));
          if (e === '<string />') assert.equal(p.range.start, p.range.end);
          else assert.equal(p.range.end - p.range.start, e.length - '<string></string>'.length);
        }
      }
    });

    it('keeps positional parameters, empty ones included', () => {
      const menu = result.actions.find((a) => a.id === 5)!;
      assert.deepEqual(
        menu.parameters.map((p) => p.value),
        ['"%For billing, press 1. For our opening hours, press 2."', '', 'True', '1', '', '5', '5', 'MRES'],
      );
      assert.equal(slice(text, menu.parameters[0]!.range), menu.parameters[0]!.value);
      const hangup = result.actions.find((a) => a.id === 17)!;
      assert.deepEqual(hangup.parameters, []);
    });

    it('ignores the LibraryItem parameters', () => {
      const values = result.actions.flatMap((a) => a.parameters.map((p) => p.value));
      assert.ok(!values.includes('not an action parameter'));
    });

    it('reads default, branch and case edges; -1 is "not connected"', () => {
      assert.deepEqual(
        result.edges.map((e) => [e.from, e.kind, e.label, e.index, e.to, e.dangling]),
        [
          [1, 'default', '', 0, 3, false],
          [3, 'default', '', 0, 5, false],
          [5, 'branch', 'OnTimeout', 0, 11, false],
          [5, 'branch', 'OnInvalidDigit', 1, 11, false],
          [5, 'case', '1', 0, 7, false],
          [5, 'case', '2', 1, 9, false],
          [7, 'default', '', 0, 13, false],
          [9, 'default', '', 0, 17, false],
          [11, 'default', '', 0, 5, false],
          [13, 'default', '', 0, 15, false],
          [15, 'default', '', 0, 17, false],
        ],
      );
      const caseEdge = result.edges.find((e) => e.kind === 'case' && e.label === '1')!;
      const element = slice(text, caseEdge.range);
      assert.ok(element.startsWith('<BranchStruct>') && element.endsWith('</BranchStruct>'));
      assert.ok(element.includes('<Segments>'));
    });

    it('extracts both snippets with decoded code and CRLF line breaks kept', () => {
      assert.deepEqual(
        result.snippets.map((s) => [s.actionId, s.caption]),
        [
          [3, 'Get OAuth token'],
          [15, 'Lookup customer'],
        ],
      );
      const token = snippetOf(result, 3);
      assert.ok(token.code.startsWith('// Acquire the CRM token once, when the call starts\r\nASSIGN tokenUrl'));
      assert.ok(
        token.code.includes(
          '"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}"',
        ),
      );
      assert.ok(token.code.includes('ASSIGN accessToken = tokenResult.access_token'));
      assert.ok(token.code.endsWith('}'));
      assert.equal(token.usesCdata, false);
      const lookup = snippetOf(result, 15);
      assert.ok(lookup.code.includes('ASSIGN payload = $"\\{\\"phone\\": \\"{ANI}\\"\\}"'));
      assert.ok(lookup.code.includes('IF proxy.StatusCode >= 200 & proxy.StatusCode < 300\r\n'));
      assert.ok(lookup.code.includes('ASSIGN customerName = "{lookupResult.name}"'));
      assert.equal(lookup.code.split('\r\n').length, 11);
      assert.ok(!/[^\r]\n/.test(lookup.code));
    });

    it('maps every code offset exactly (entities, numeric references, CRLF)', () => {
      for (const s of result.snippets) assertExactOffsetMap(text, s);
    });

    it('maps known identifiers and escaped operators back to the file', () => {
      const token = snippetOf(result, 3);
      const at = token.code.indexOf('accessToken');
      assert.equal(documentSliceOf(text, token, at, at + 'accessToken'.length), 'accessToken');
      const secret = token.code.indexOf('client_secret={SECURE_CLIENT_SECRET}');
      assert.equal(documentSliceOf(text, token, secret - 1, secret + 36), '&amp;client_secret={SECURE_CLIENT_SECRET}');

      const lookup = snippetOf(result, 15);
      const use = lookup.code.indexOf('{accessToken}') + 1;
      const useOffset = lookup.toDocumentOffset(use);
      assert.equal(text.slice(useOffset, useOffset + 11), 'accessToken');
      assert.equal(useOffset, text.indexOf('Bearer {accessToken}') + 8);
      // The same place in editor coordinates: line 225 of the file (0-based 224), right after `Bearer {`.
      assert.deepEqual(new LineIndex(text).positionAt(useOffset), { line: 224, character: 42 });

      const condition = 'proxy.StatusCode >= 200 & proxy.StatusCode < 300';
      const c = lookup.code.indexOf(condition);
      assert.equal(
        documentSliceOf(text, lookup, c, c + condition.length),
        'proxy.StatusCode &gt;= 200 &amp; proxy.StatusCode &lt; 300',
      );

      const brace = lookup.code.indexOf('\\{');
      assert.equal(documentSliceOf(text, lookup, brace, brace + 2), '\\&#123;');
      const close = lookup.code.indexOf('\\}');
      assert.equal(documentSliceOf(text, lookup, close + 1, close + 2), '&#x7D;');
      const quote = lookup.code.indexOf('"{lookupResult.name}"');
      assert.equal(documentSliceOf(text, lookup, quote, quote + 1), '&quot;');
    });

    it('maps offsets inside an entity to the entity and the end of the code to the end of the content', () => {
      const lookup = snippetOf(result, 15);
      const amp = text.indexOf('&amp; proxy.StatusCode');
      const ampCode = lookup.toCodeOffset(amp)!;
      assert.equal(lookup.code[ampCode], '&');
      for (let d = amp; d < amp + 5; d++) assert.equal(lookup.toCodeOffset(d), ampCode);
      assert.equal(lookup.toCodeOffset(amp + 5), ampCode + 1);
      assert.equal(lookup.toDocumentOffset(lookup.code.length), lookup.contentRange.end);
      assert.equal(lookup.toDocumentOffset(lookup.code.length + 10), lookup.contentRange.end);
      assert.equal(lookup.toDocumentOffset(-3), lookup.contentRange.start);
      assert.equal(slice(text, lookup.elementRange).slice(0, 8), '<string>');
    });
  });

  describe('strategy-b-export.xml', () => {
    const text = fixture('strategy-b-export.xml');
    const result = read(text);

    it('reads the newer format with ExtraInfo, xws and yws', () => {
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.actions.map((a) => a.id),
        [1, 2, 4, 5, 7, 6, 8, 10, 12],
      );
      assert.equal(result.actions.find((a) => a.id === 5)!.type, 'ASSIGN');
    });

    it('takes edges from DefaultNextAction, Branches and Cases only (not from ExtraInfo)', () => {
      assert.deepEqual(
        result.edges.map((e) => `${e.from}-${e.kind}:${e.label}->${e.to}`),
        [
          '1-default:->2',
          '2-default:->4',
          '4-default:->12',
          '4-branch:OnTimeout->4',
          '4-case:1->5',
          '4-case:2->7',
          '4-case:9->12',
          '5-default:->6',
          '7-default:->6',
          '6-default:->8',
          '8-default:->10',
          '10-default:->4',
        ],
      );
    });

    it('maps the Strategy B snippet exactly', () => {
      assert.deepEqual(
        result.snippets.map((s) => s.actionId),
        [2, 6, 8],
      );
      const fresh = snippetOf(result, 6);
      assert.ok(fresh.code.includes('IF cachedToken = "" | tokenExpiry = "" | utc >= tokenExpiry - (300 / 86400)\r\n'));
      for (const s of result.snippets) assertExactOffsetMap(text, s);
      const at = fresh.code.indexOf('utc >= tokenExpiry');
      assert.equal(documentSliceOf(text, fresh, at, at + 18), 'utc &gt;= tokenExpiry');
    });
  });

  describe('cdata-snippet.xml', () => {
    const text = fixture('cdata-snippet.xml');
    const result = read(text);

    it('reads a CDATA snippet verbatim', () => {
      const order = snippetOf(result, 2);
      assert.equal(order.usesCdata, true);
      assert.equal(
        order.code,
        [
          'ASSIGN orderProxy = GetRESTProxy()',
          'orderProxy.AddHeader("Authorization", "Bearer {accessToken}")',
          'ASSIGN order = orderProxy.MakeRestRequest(' +
            '"https://api.example-shop.com/v1/orders/{orderId}?fields=status&expand=lines", "", 0, "GET")',
          'IF orderProxy.StatusCode >= 200 & orderProxy.StatusCode < 300',
          '{',
          '  ASSIGN orderStatus = order.status',
          '}',
        ].join('\r\n'),
      );
      assertExactOffsetMap(text, order);
      assert.equal(order.toDocumentOffset(0), order.contentRange.start + '<![CDATA['.length);
      // The end of the code stays inside the section, before `]]>`.
      assert.equal(text.slice(order.toDocumentOffset(order.code.length), order.contentRange.end), ']]>');
      assert.equal(order.toCodeOffset(order.contentRange.start), 0);
      assert.equal(order.toCodeOffset(order.contentRange.end), order.code.length);
    });

    it('reads text, references, CDATA and a comment mixed in one string', () => {
      const mixed = snippetOf(result, 3);
      assert.equal(
        mixed.code,
        [
          'ASSIGN retries = 0',
          'IF orderStatus = "shipped" & retries < 3',
          '{',
          '  ASSIGN note = "Tracking & delivery"',
          '}',
        ].join('\r\n'),
      );
      assertExactOffsetMap(text, mixed);
      const cr = mixed.code.indexOf('\r');
      assert.equal(documentSliceOf(text, mixed, cr, cr + 2), '&#13;&#10;<![CDATA[');
      // Offsets inside `<![CDATA[` map to the first character of the section.
      const sectionStart = text.indexOf('<![CDATA[IF orderStatus');
      assert.equal(mixed.toCodeOffset(sectionStart + 3), cr + 2);
      // After the code's last `}` only `</string>` follows; the comment earlier contributes nothing.
      assert.ok(!mixed.code.includes('Studio never writes comments'));
    });
  });

  it('returns undefined for XML that is not a Studio export (a Maven pom)', () => {
    assert.equal(readExport(fixture('not-a-studio-export.xml')), undefined);
  });

  it('returns undefined for other XML even when it is malformed', () => {
    assert.equal(readExport('<project><modelVersion>4.0.0</project>'), undefined);
  });

  it('returns undefined for text that is not XML and does not mention <ScriptContainer', () => {
    assert.equal(readExport(''), undefined);
    assert.equal(readExport('ASSIGN x = 1\r\nIF x = 1 { TRACE "x" }'), undefined);
    assert.equal(readExport('{"actions": {}, "properties": {}}'), undefined);
  });

  describe('malformed-export.xml', () => {
    const text = fixture('malformed-export.xml');
    const result = read(text);

    it('gives exactly one error at the broken end tag, as a human counts lines and columns', () => {
      assert.equal(result.errors.length, 1);
      const [error] = result.errors;
      assert.equal(slice(text, error!.range), '</Captoin>');
      const position = new LineIndex(text).positionAt(error!.range.start);
      assert.deepEqual({ line: position.line + 1, column: position.character + 1 }, { line: 118, column: 26 });
      assert.match(error!.message, /<\/Captoin>.*<Caption>/);
    });

    it('agrees with the line and column saxes reports', () => {
      const parser = new SaxesParser({ position: true });
      let reported: { line: number; column: number } | undefined;
      parser.on('error', () => {
        reported ??= { line: parser.line, column: parser.column };
      });
      parser.write(text).close();
      // saxes reports the 1-based column of the character that failed: the `>` of `</Captoin>`.
      const end = new LineIndex(text).positionAt(result.errors[0]!.range.end - 1);
      assert.deepEqual(reported, { line: end.line + 1, column: end.character + 1 });
    });

    it('keeps the actions read before the error', () => {
      assert.deepEqual(
        result.actions.map((a) => a.id),
        [1, 3, 5],
      );
      assert.deepEqual(
        result.snippets.map((s) => s.actionId),
        [3],
      );
      assertExactOffsetMap(text, result.snippets[0]!);
      assert.ok(result.edges.filter((e) => e.from === 5).every((e) => e.dangling));
    });
  });

  it('handles a BOM: offsets stay offsets into the text as given', () => {
    const plain = fixture('token-at-begin-used-after-menu.xml');
    const text = `\uFEFF${plain}`;
    const withBom = read(text);
    const without = read(plain);
    assert.deepEqual(withBom.errors, []);
    assert.deepEqual(
      withBom.actions.map((a) => a.range.start),
      without.actions.map((a) => a.range.start + 1),
    );
    for (const s of withBom.snippets) assertExactOffsetMap(text, s);
  });

  it('reads an ActionStruct without Parameters, and a SNIPPET whose code is <string />', () => {
    const text = exportWith(
      action(1, 'BEGIN'),
      action(2, 'SNIPPET'),
      action(
        3,
        'SNIPPET',
        '      <Parameters>\r\n        <string />\r\n        <string>Limit2K</string>\r\n      </Parameters>',
      ),
    );
    const result = read(text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.actions.map((a) => [a.id, a.parameters.length]),
      [
        [1, 0],
        [2, 0],
        [3, 2],
      ],
    );
    assert.deepEqual(
      result.snippets.map((s) => s.actionId),
      [3],
    );
    const [empty] = result.snippets;
    assert.equal(empty!.code, '');
    assert.equal(slice(text, empty!.elementRange), '<string />');
    assert.equal(empty!.contentRange.start, empty!.contentRange.end);
    assert.equal(empty!.toDocumentOffset(0), empty!.contentRange.start);
    assert.equal(empty!.toCodeOffset(empty!.contentRange.start), 0);
  });

  it('skips an ActionStruct without a usable ActionID and keeps links to unknown actions as dangling', () => {
    const text = exportWith(
      action(
        1,
        'BEGIN',
        [
          '      <DefaultNextAction>',
          '        <Text />',
          '        <ActionID>99</ActionID>',
          '        <Index>0</Index>',
          '      </DefaultNextAction>',
        ].join('\r\n'),
      ),
      '      <Action>SNIPPET</Action>\r\n      <Parameters>\r\n        <string>x = 1</string>\r\n      </Parameters>',
      action(
        2,
        'IF',
        [
          '      <Branches>',
          '        <BranchStruct><Text>True</Text><ActionID>0</ActionID><Index>0</Index></BranchStruct>',
          '        <BranchStruct><Text>False</Text><ActionID></ActionID><Index>1</Index></BranchStruct>',
          '        <BranchStruct><Text>Other</Text><Index>2</Index></BranchStruct>',
          '      </Branches>',
        ].join('\r\n'),
      ),
    );
    const result = read(text);
    assert.deepEqual(
      result.actions.map((a) => a.id),
      [1, 2],
    );
    assert.deepEqual(result.snippets, []);
    assert.deepEqual(
      result.edges.map((e) => [e.from, e.to, e.dangling]),
      [[1, 99, true]],
    );
    assert.deepEqual(result.graph.successors(1), []);
    assert.equal(result.graph.outgoing(1).length, 1);
  });

  it('never throws on binary junk', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let round = 0; round < 50; round++) {
      let junk = '';
      for (let i = 0; i < 2000; i++) junk += String.fromCharCode(random() % 256);
      assert.equal(readExport(junk), undefined);
      const claimed = read(`${junk.slice(0, 1000)}<ScriptContainer>${junk.slice(1000)}`);
      assert.equal(claimed.errors.length, 1);
      assert.deepEqual(claimed.actions, []);
    }
  });

  it('reports text that only claims to be an export', () => {
    const text = 'Exported from Studio:\r\n<ScriptContainer BusNo=4599331>';
    const result = read(text);
    assert.equal(result.errors.length, 1);
    assert.equal(slice(text, result.errors[0]!.range), 'Exported from Studio:');
  });

  it('survives very deep nesting', () => {
    const depth = 100_000;
    const text = `<ScriptContainer><Actions>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</Actions></ScriptContainer>`;
    assert.deepEqual(read(text).errors, []);
    const truncated = read(text.slice(0, text.length / 2));
    assert.equal(truncated.errors.length, 1);
    assert.equal(truncated.errors[0]!.range.start, Math.floor(text.length / 2));
  });

  it('reads a ~5 MB export with 2,000 actions', () => {
    const count = 2000;
    const bodies: string[] = [];
    for (let i = 1; i <= count; i++) {
      const next = i < count ? i + 1 : -1;
      const code = [
        `// step ${i}: refresh the cached token if it is about to expire`,
        'IF cachedToken = "" | utc &gt;= tokenExpiry - (300 / 86400)',
        '{',
        '  ASSIGN tokenProxy = GetRESTProxy()',
        '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
          `"grant_type=client_credentials&amp;scope=step${i}", 0, "POST")`,
        '  ASSIGN cachedToken = tokenResult.access_token',
        '}',
        `proxy.AddHeader("Authorization", "Bearer {cachedToken}")`,
        `ASSIGN payload = "${'x'.repeat(1500)}"`,
      ].join('\r\n');
      bodies.push(
        [
          `      <ActionID>${i}</ActionID>`,
          `      <Action>${i === 1 ? 'BEGIN' : 'SNIPPET'}</Action>`,
          `      <Caption>Step ${i}</Caption>`,
          '      <Parameters>\r\n' +
            `        <string>${code}</string>\r\n` +
            '        <string>Limit32K</string>\r\n' +
            '      </Parameters>',
          '      <DefaultNextAction>\r\n' +
            '        <Text />\r\n' +
            `        <ActionID>${next}</ActionID>\r\n` +
            '        <Index>0</Index>\r\n' +
            '        <Segments />\r\n' +
            '      </DefaultNextAction>',
          '      <Branches />\r\n      <Cases />',
          `      <X>${(i % 40) * 96}</X>\r\n      <Y>${Math.floor(i / 40) * 96}</Y>`,
          `      <DependencyOrder>${i - 1}</DependencyOrder>\r\n      <Impl_Type>0</Impl_Type>`,
          '      <LibraryID>b333da63-33c8-4297-a58a-e9546cf7f0f2</LibraryID>',
        ].join('\r\n'),
      );
    }
    const text = exportWith(...bodies);
    assert.ok(text.length > 4_000_000, `export is ${text.length} characters`);
    const result = read(text);
    assert.deepEqual(result.errors, []);
    assert.equal(result.actions.length, count);
    assert.equal(result.snippets.length, count - 1);
    assert.equal(result.edges.length, count - 1);
    assert.equal(result.graph.reachableFrom(1).size, count);
    for (const s of [result.snippets[0]!, result.snippets[999]!, result.snippets[count - 2]!]) {
      assertExactOffsetMap(text, s);
    }
  });
});
