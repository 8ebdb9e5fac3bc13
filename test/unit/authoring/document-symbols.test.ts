import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { matchingSymbols, type OutlineSymbol } from '../../../server/src/service';
import { analysisOf, studioExport } from './fixtures';

const ROOT = path.resolve(__dirname, '../../..');

/** `name (detail) [kind]` with children indented, for whole-outline assertions. */
function outline(symbols: readonly OutlineSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''} [${s.kind}]`,
    ...outline(s.children, depth + 1),
  ]);
}

function assertRangesNest(symbols: readonly OutlineSymbol[]): void {
  for (const s of symbols) {
    assert.ok(s.range.start <= s.selectionRange.start && s.selectionRange.end <= s.range.end, s.name);
    for (const child of s.children) assert.ok(s.range.start <= child.range.start && child.range.end <= s.range.end);
    assertRangesNest(s.children);
  }
}

describe('authoring: document symbols (Outline)', () => {
  it('lists the actions of an export in flow order, SNIPPET actions with their FUNCTIONs and variables', () => {
    // File order differs from flow order: BEGIN → 9 → 3; action 12 is not linked from anywhere.
    const text = studioExport([
      {
        id: 3,
        type: 'SNIPPET',
        caption: 'Call CRM',
        code: [
          'FUNCTION Auth(token)',
          '{',
          '  RETURN "Bearer {token}"',
          '}',
          'ASSIGN crmProxy = GetRESTProxy()',
          'ASSIGN crmProxy = GetRESTProxy()',
          'FOREACH order IN orders { ASSIGN total = total + order.sum }',
        ].join('\n'),
      },
      { id: 12, type: 'HANGUP', caption: 'Unreached', parameters: [] },
      { id: 1, type: 'BEGIN', caption: 'Begin', parameters: ['', ''], next: 9 },
      {
        id: 9,
        type: 'SNIPPET',
        caption: 'Get token',
        code: 'DYNAMIC req\nreq.grant_type = "client_credentials"',
        next: 3,
      },
    ]);
    const symbols = analysisOf('export', text).documentSymbols();
    assert.deepEqual(outline(symbols), [
      'Begin (BEGIN #1) [action]',
      'Get token (SNIPPET #9) [action]',
      '  req [object]',
      'Call CRM (SNIPPET #3) [action]',
      '  Auth ((token)) [function]',
      '    token [parameter]',
      '  crmProxy [object]',
      '  order [variable]',
      '  total [variable]',
      'Unreached (HANGUP #12) [action]',
    ]);
    assertRangesNest(symbols);
    assert.equal(text.slice(symbols[1]!.selectionRange.start, symbols[1]!.selectionRange.end), 'Get token');
  });

  it("lists a .snippet file's FUNCTIONs and the variables it assigns outside them", () => {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/snippet/functions.snippet'), 'utf8');
    const symbols = analysisOf('snippet', text).documentSymbols();
    assertRangesNest(symbols);
    assert.ok(
      symbols.some((s) => s.kind === 'function'),
      outline(symbols).join('\n'),
    );
  });

  it('lists the script lines and SNIPPET blocks of a .studio file', () => {
    const text = readFileSync(path.join(ROOT, 'test/fixtures/guide/strategy-b-cached-token.studio'), 'utf8');
    const symbols = analysisOf('guide', text).documentSymbols();
    assertRangesNest(symbols);
    const snippet = symbols.find((s) => s.kind === 'snippet')!;
    assert.equal(snippet.detail, 'Check if cached token is still valid (with 5-minute buffer)');
    assert.deepEqual(
      snippet.children.map((c) => `${c.name} ${c.detail}`),
      [
        'strCachedToken SET',
        'strTokenExpiry SET',
        'strApiResult SET',
        'currentTime var',
        'tokenExpiry var',
        'tokenValue var',
        'validToken var',
        'apiReq var',
        'apiResp var',
      ],
    );
  });

  it('matches workspace-symbol queries by characters in order, ignoring case', () => {
    const text = studioExport([
      { id: 3, type: 'SNIPPET', caption: 'Get token', code: 'ASSIGN accessToken = ""\nASSIGN other = 1' },
    ]);
    const found = matchingSymbols(analysisOf('export', text).documentSymbols(), 'actok');
    assert.deepEqual(
      found.map((m) => `${m.name} in ${m.containerName}`),
      ['accessToken in Get token'],
    );
  });
});
