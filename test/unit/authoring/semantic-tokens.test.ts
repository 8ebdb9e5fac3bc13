import * as assert from 'node:assert/strict';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../../server/src/service';
import type { Analysis } from '../../../server/src/service';
import { snippetUnitsOf, tokensOf } from '../../../server/src/authoring/code-units';
import { parseDocument } from '../../../server/src/documents/parsed-document';
import { analysisOf, studioExport } from './fixtures';

/** `text type[+modifier…]` per token, in order. */
function described(analysis: Analysis, text: string): string[] {
  return analysis.semanticTokens().map((t) => {
    const modifiers = SEMANTIC_TOKEN_MODIFIERS.filter((_, i) => (t.modifiers & (1 << i)) !== 0);
    return `${text.slice(t.start, t.end)} ${[SEMANTIC_TOKEN_TYPES[t.type], ...modifiers].join('+')}`;
  });
}

const CODE = `// token for the CRM
ASSIGN proxy = GetRESTProxy()
proxy.AddHeader("Authorization", "Bearer {global:token}")
FOREACH o IN orders { TRACE "{o.id}" }
`;

describe('authoring: semantic tokens', () => {
  it('colours Snippet code: keywords, variables, built-ins, members, strings, interpolations, comments', () => {
    const analysis = analysisOf('snippet', CODE);
    assert.deepEqual(described(analysis, CODE), [
      '// token for the CRM comment',
      'ASSIGN keyword',
      'proxy variable+declaration',
      '= operator',
      'GetRESTProxy function+defaultLibrary',
      'proxy variable',
      'AddHeader method+defaultLibrary',
      '"Authorization" string',
      '" string',
      'Bearer  string',
      '{ interpolation',
      'global: namespace',
      'token variable',
      '} interpolation',
      '" string',
      'FOREACH keyword',
      'o variable+declaration',
      'IN keyword',
      'orders variable',
      'TRACE keyword',
      '" string',
      '{ interpolation',
      'o variable',
      'id property',
      '} interpolation',
      '" string',
    ]);
  });

  it('colours SNIPPET code inside an export exactly as in a .snippet file, across entities and CRLF', () => {
    const code = 'ASSIGN q = "a=1&b=2"\r\nIF q <> "" & n < 3 { TRACE "{q}" }';
    const text = studioExport([{ id: 3, type: 'SNIPPET', caption: 'Query', code }], '\r\n');
    const analysis = analysisOf('export', text);
    const tokens = described(analysis, text);
    assert.ok(tokens.includes('"a=1&amp;b=2" string'), tokens.join('\n'));
    assert.ok(tokens.includes('&lt;&gt; operator'));
    assert.ok(tokens.includes('&amp; operator'));
    assert.ok(tokens.includes('&lt; operator'));
    for (const t of analysis.semanticTokens()) {
      assert.ok(!/[\r\n]/.test(text.slice(t.start, t.end)), 'a token never spans a line break');
    }
    const starts = analysis.semanticTokens().map((t) => t.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });

  it('colours {name} substitutions of other export actions as variables', () => {
    const text = studioExport([
      { id: 3, type: 'SNIPPET', caption: 'Balance', code: 'ASSIGN balance = 10' },
      { id: 4, type: 'PLAY', caption: 'Say it', parameters: ['"%Your balance is {balance}"'] },
    ]);
    assert.ok(described(analysisOf('export', text), text).filter((t) => t === 'balance variable').length === 1);
  });

  it('colours the script variables of a .studio file and their {…} braces, not the JavaScript', () => {
    const text = 'SNIPPET\nvar t = "{strToken}";\nSET strToken = t;\nEND SNIPPET\n';
    assert.deepEqual(described(analysisOf('guide', text), text), [
      '{ interpolation',
      'strToken variable',
      '} interpolation',
      'strToken variable+declaration',
    ]);
  });
});

describe('authoring: the tokens the features read', () => {
  it("are the parse's own stream for a .snippet and for each SNIPPET action of an export (no second lexing)", () => {
    const snippet = parseDocument('snippet', CODE)!;
    const [unit] = snippetUnitsOf(snippet);
    assert.ok(snippet.kind === 'snippet' && snippet.snippet.tokens);
    assert.equal(tokensOf(unit!), snippet.snippet.tokens);
    const xml = studioExport([{ id: 3, type: 'SNIPPET', caption: 'Get token', code: CODE }]);
    const exported = parseDocument('export', xml)!;
    assert.ok(exported.kind === 'export');
    const units = snippetUnitsOf(exported);
    assert.equal(units.length, 1);
    assert.equal(tokensOf(units[0]!), exported.snippets[0]!.snippet.tokens);
    // A unit without them (built by hand) is lexed once, and gets the same tokens.
    const { tokens: _, ...bare } = unit!;
    assert.deepEqual(tokensOf(bare).kinds.subarray(0, 5), unit!.tokens!.kinds.subarray(0, 5));
    assert.equal(tokensOf(bare).count, unit!.tokens!.count);
  });
});
