import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, type BraceStyle } from '../../../server/src/common/settings';
import { applyEdits } from '../../../server/src/common/text-edit';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { tokenize } from '../../../server/src/syntax/snippet/lexer';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixtureTexts } from '../../helpers/fixture-texts';
import { analysisOf, studioExport } from './fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const SPACES = { tabSize: 2, insertSpaces: true };

function format(kind: 'snippet' | 'export', text: string, braceStyle: BraceStyle = 'keep', tabs = SPACES): string {
  const analysis = analysisOf(kind, text, { ...DEFAULT_SETTINGS, format: { braceStyle } });
  return applyEdits(text, analysis.format(tabs));
}

/** The token stream as kind and text: formatting must leave it exactly as it was. */
function tokenTexts(code: string): string[] {
  const tokens = tokenize(code);
  const out: string[] = [];
  for (let i = 0; i < tokens.count; i++)
    out.push(`${tokens.kinds[i]}:${code.slice(tokens.starts[i]!, tokens.ends[i]!)}`);
  return out;
}

const MESSY = [
  '// Refresh the token when it is about to expire',
  'IF tokenExpiry=""|(tokenExpiry-utc)*86400<=bufferSec',
  '{',
  '// a comment line inside the block',
  'ASSIGN tokenProxy=GetRESTProxy()   ',
  '      tokenProxy.ContentType="application/x-www-form-urlencoded"',
  '',
  '',
  'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl,tokenBody ,0,"POST")',
  '    SELECT',
  '  {',
  '  CASE tokenProxy.StatusCode = 200',
  '    {',
  'ASSIGN accessToken = tokenResult.access_token // keep this gap',
  '        }',
  '  DEFAULT { ASSIGN tokenError = "HTTP_{ tokenProxy.StatusCode }" }',
  '}',
  '}',
  'ELSE',
  '{',
  '\tTRACE "cached until {tokenExpiry.asdatetime()}"',
  '}',
  '',
];

describe('authoring: formatting', () => {
  it('indents by block depth, spaces operators and commas, keeps comments, blank lines and interpolations', () => {
    const text = MESSY.join('\r\n');
    assert.equal(
      format('snippet', text),
      [
        '// Refresh the token when it is about to expire',
        'IF tokenExpiry = "" | (tokenExpiry - utc) * 86400 <= bufferSec',
        '{',
        '  // a comment line inside the block',
        '  ASSIGN tokenProxy = GetRESTProxy()',
        '  tokenProxy.ContentType = "application/x-www-form-urlencoded"',
        '',
        '',
        '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, tokenBody, 0, "POST")',
        '  SELECT',
        '  {',
        '    CASE tokenProxy.StatusCode = 200',
        '    {',
        '      ASSIGN accessToken = tokenResult.access_token // keep this gap',
        '    }',
        '    DEFAULT { ASSIGN tokenError = "HTTP_{ tokenProxy.StatusCode }" }',
        '  }',
        '}',
        'ELSE',
        '{',
        '  TRACE "cached until {tokenExpiry.asdatetime()}"',
        '}',
        '',
      ].join('\r\n'),
    );
  });

  it("indents with tabs when the editor's options say so", () => {
    const out = format('snippet', 'IF a = 1\n{\n    TRACE "x"\n}\n', 'keep', { tabSize: 4, insertSpaces: false });
    assert.equal(out, 'IF a = 1\n{\n\tTRACE "x"\n}\n');
  });

  it('moves braces for a brace style, never across a comment or a blank line', () => {
    const text = 'IF a = 1 {\n  TRACE "x"\n} ELSE {\n  TRACE "y"\n}\nIF b = 2 // why\n{\n  TRACE "z"\n}\n';
    assert.equal(
      format('snippet', text, 'ownLine'),
      'IF a = 1\n{\n  TRACE "x"\n}\nELSE\n{\n  TRACE "y"\n}\nIF b = 2 // why\n{\n  TRACE "z"\n}\n',
    );
    assert.equal(
      format('snippet', format('snippet', text, 'ownLine'), 'sameLine'),
      text.replace('// why\n{', '// why\n{'),
    );
  });

  it('leaves code with syntax errors as it is', () => {
    const text = 'IF a=1\n{\nASSIGN b = "open\n}\n';
    assert.equal(format('snippet', text), text);
  });

  it("formats every SNIPPET action of an export: XML well-formed, every byte but the code's whitespace kept", () => {
    const code = 'IF q!="" & n<3\n{\nASSIGN url="https://x.example/?a=1&b={q}"\n}';
    const text = studioExport([
      { id: 3, type: 'SNIPPET', caption: 'A & B', code },
      { id: 4, type: 'PLAY', caption: 'Say', parameters: ['"%IF  a=1   {"'] },
      { id: 5, type: 'SNIPPET', caption: 'Second', code: 'FOR i=1 TO 3\n{\nTRACE "{i}"\n}' },
    ]);
    const out = format('export', text);
    const reread = readExport(out);
    assert.ok(reread && reread.errors.length === 0);
    assert.equal(
      reread.snippets[0]!.code,
      'IF q != "" & n < 3\r\n{\r\n  ASSIGN url = "https://x.example/?a=1&b={q}"\r\n}',
    );
    assert.equal(reread.snippets[1]!.code, 'FOR i = 1 TO 3\r\n{\r\n  TRACE "{i}"\r\n}');
    assert.ok(out.includes('IF q != "" &amp; n &lt; 3'));
    // Outside the two SNIPPET parameters nothing changed.
    const outside = (xml: string): string => xml.replace(/<string>(IF|FOR)[\s\S]*?<\/string>/g, '<string/>');
    assert.equal(outside(out), outside(text));
  });

  it('formats code written in CDATA and in mixed text, references and CDATA, keeping the XML well-formed', () => {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/export/cdata-snippet.xml'), 'utf8')
      .replace(/\{(\r?\n) {2}ASSIGN orderStatus/, '{$1ASSIGN   orderStatus')
      .replace(/\{(\r?\n) {2}ASSIGN note/, '{$1      ASSIGN note');
    assert.ok(
      text.includes('ASSIGN   orderStatus') && text.includes('      ASSIGN note'),
      'the fixture was unformatted',
    );
    const before = readExport(text)!;
    const out = format('export', text);
    const after = readExport(out);
    assert.ok(after && after.errors.length === 0);
    assert.equal(after.snippets.length, before.snippets.length);
    after.snippets.forEach((snippet, i) => {
      assert.equal(snippet.code.replace(/\s+/g, ''), before.snippets[i]!.code.replace(/\s+/g, ''));
    });
    assert.match(after.snippets[0]!.code, /\{\r?\n {2}ASSIGN orderStatus = order\.status/);
    assert.match(after.snippets[1]!.code, /\{\r?\n {2}ASSIGN note = "Tracking & delivery"/);
    assert.ok(out.includes('<![CDATA[ASSIGN orderProxy = GetRESTProxy()'), 'the CDATA section is kept');
  });

  it('formats only the lines of a range', () => {
    const text = 'IF a = 1\n{\nTRACE "one"\nTRACE "two"\n}\n';
    const analysis = analysisOf('snippet', text);
    const range = { start: text.indexOf('TRACE "two"'), end: text.indexOf('TRACE "two"') + 3 };
    assert.equal(applyEdits(text, analysis.format(SPACES, range)), 'IF a = 1\n{\nTRACE "one"\n  TRACE "two"\n}\n');
  });

  describe('properties, over every Snippet fixture with its whitespace scrambled', () => {
    const fixtures = fixtureTexts(
      ['test/fixtures/snippet', 'test/fixtures/correct', 'test/fixtures/fixes'],
      '.snippet',
    );
    const scrambled = fc.tuple(
      fc.constantFrom(...fixtures),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ' ', '  ', '\t', '    ')), { maxLength: 30 }),
      fc.constantFrom<BraceStyle>('keep', 'ownLine', 'sameLine'),
    );
    /** Rewrites some leading/inner blank runs (never inside strings: only where a blank already is at a line start). */
    const scramble = (text: string, edits: readonly [number, string][]): string => {
      const lines = text.split(/(?<=\n)/);
      for (const [n, blank] of edits) {
        const i = n % lines.length;
        lines[i] = lines[i]!.replace(/^[ \t]*/, blank);
      }
      return lines.join('');
    };

    it('change nothing but whitespace: the token stream is identical', () => {
      assert.ok(fixtures.length >= 8);
      let formatted = 0;
      fc.assert(
        fc.property(scrambled, ([text, edits, style]) => {
          const input = scramble(text, edits);
          const out = format('snippet', input, style);
          assert.deepEqual(tokenTexts(out), tokenTexts(input));
          assert.equal(out.replace(/\s+/g, ''), input.replace(/\s+/g, ''));
          if (out !== input) formatted++;
        }),
        { numRuns: 200 },
      );
      // Not vacuous: most scrambled inputs do get formatted.
      assert.ok(formatted > 100, `${formatted} of 200 inputs changed`);
    });

    it('are idempotent and keep the line endings', () => {
      fc.assert(
        fc.property(scrambled, fc.boolean(), ([text, edits, style], crlf) => {
          const input = scramble(crlf ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n'), edits);
          const once = format('snippet', input, style);
          assert.equal(format('snippet', once, style), once);
          if (crlf) assert.ok(!/[^\r]\n/.test(once), 'a lone LF in CRLF code');
        }),
        { numRuns: 200 },
      );
    });
  });
});
