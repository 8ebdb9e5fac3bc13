import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import type { Finding } from '../../../server/src/diagnostics/finding';
import { Analysis } from '../../../server/src/service/analysis';
import { buildExport } from '../../helpers/export-builder';

/**
 * Rule messages quote script text: action captions, prompts, comments, names. Whatever a hostile or careless script
 * holds there (terminal escapes, bidirectional overrides that reorder what a reviewer reads, a pasted token, a
 * caption thousands of characters long) reaches a message only through quoteSource: escaped, masked and cut.
 */

/** C0/C1 controls, DEL, line/paragraph separators, bidi embeddings, overrides and isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\u061c\u200e\u200f]/;
const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJpdnItYm90IiwiZXhwIjoxNzY0NjcyMDAwfQ.' +
  'Q2hlY2tzdW1PZlRoZVNpZ25hdHVyZUlzTG9uZ0Vub3VnaA';
const OPTIONS_CHANGED = 'Please listen carefully as our options changed. ';
const LONG_PROMPT = `Thank you for calling Northwind Utilities. ${OPTIONS_CHANGED.repeat(60)}`;

/** Every text a finding shows: its message and its related messages. */
function shownTexts(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [f.message, ...(f.related ?? []).map((r) => r.message)]);
}

function assertQuotedSafely(texts: readonly string[], what: string): void {
  assert.ok(texts.length > 0, `${what}: no message to check`);
  for (const text of texts) {
    assert.doesNotMatch(text, UNSAFE, `${what}: an unescaped control or bidi character in ${JSON.stringify(text)}`);
    assert.ok(!text.includes(JWT), `${what}: a whole token in ${text}`);
    assert.ok(!text.includes(LONG_PROMPT.slice(0, 200)), `${what}: a flood of prompt text in a message`);
  }
}

describe('rule messages quote script text safely (quoteSource)', () => {
  it('an export whose captions hold a bidi override, a line break, a pasted token and a very long prompt', () => {
    const text = buildExport([
      { id: 1, type: 'BEGIN', caption: 'Begin', parameters: ['', '', ''], next: 2 },
      {
        id: 2,
        type: 'SNIPPET',
        caption: `Get token \u202Etxt.exe ${JWT}`,
        code: 'ASSIGN meterToken = GetOAuthToken()',
        next: 3,
      },
      { id: 3, type: 'MENU', caption: `${LONG_PROMPT}\u202E\nPress 1`, parameters: ['1', '5'], next: 4 },
      {
        id: 4,
        type: 'SNIPPET',
        caption: 'Read meter',
        code: [
          'ASSIGN meterApi = GetRESTProxy()',
          'meterApi.AddHeader("Authorization", "Bearer {meterToken}")',
          'ASSIGN reading = meterApi.MakeRestRequest("https://api.example-utility.com/meters/{ANI}", "", 0, "GET")',
        ].join('\n'),
      },
    ]);
    const reuse = Analysis.of({ name: 'meter-line.xml', text }, DEFAULT_SETTINGS)!.findings.filter(
      (f) => f.code === 'token-reuse-without-expiry',
    );
    assert.equal(reuse.length, 1, 'the reused token is reported');
    const [message, ...related] = shownTexts(reuse);
    assertQuotedSafely([message!, ...related], 'export');
    // The captions are still recognisable: escaped, masked, cut.
    assert.match(message!, /SNIPPET action 2 "Get token \\u202Etxt\.exe eyJh…/);
    assert.match(message!, /MENU "Thank you for calling Northwind Utilities\. [^"]*…"/);
  });

  it('a .studio script whose MENU line holds a terminal escape and a bidi isolate', () => {
    const text = [
      'ASSIGN strBillingToken = GetOAuthToken();',
      `MENU "For billing press 1\u001b[2J\u2066 ${LONG_PROMPT}"`,
      'SNIPPET',
      'var billReq = new CXone.HttpRequest();',
      'billReq.url = "https://api.example-billing.com/accounts/" + "{strAccountId}";',
      'billReq.headers["Authorization"] = "Bearer " + "{strBillingToken}";',
      'var billResp = billReq.send();',
      'if (billResp.statusCode == 401 || billResp.statusCode == 403) {',
      '  SET strBillingToken = "";',
      '  SET strBillingError = "AUTH";',
      '}',
      'END SNIPPET',
    ].join('\n');
    const findings = Analysis.of({ name: 'billing.studio', text }, DEFAULT_SETTINGS)!.findings;
    const reuse = findings.filter((f) => f.code === 'token-reuse-without-expiry');
    assert.equal(reuse.length, 1, 'the reused token is reported');
    assertQuotedSafely(shownTexts(reuse), '.studio');
    assert.match(reuse[0]!.message, /MENU "For billing press 1\\u001B\[2J\\u2066 Thank you/);
  });
});
