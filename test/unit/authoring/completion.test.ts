import * as assert from 'node:assert/strict';
import type { CompletionEntry } from '../../../server/src/service';
import { fixture, studioExport, analysisOf } from './fixtures';

function labels(entries: readonly CompletionEntry[], kind?: CompletionEntry['kind']): string[] {
  return entries.filter((e) => kind === undefined || e.kind === kind).map((e) => e.label);
}

const LOOKUP = `// Account lookup with the cached token
DYNAMIC request
request.accountId = ANI
request.options.expand = "orders"
ASSIGN crmProxy = GetRESTProxy()
ASSIGN account = crmProxy.MakeRestRequest("https://api.example-crm.com/v2/accounts", "{request.asjson()}", 0, "POST")
IF account.status = "active"
{
  ASSIGN tier = account.tier
}
`;

describe('authoring: completion', () => {
  it('offers keywords in the case the file writes them, variables, built-in functions and system variables', () => {
    const f = fixture(
      'snippet',
      `assign crmBase = "https://api.example-crm.com"
if crmBase = "" { assign crmBase = "https://backup.example-crm.com" }
foreach item in items { trace "{item}" }
$0
`,
    );
    const entries = f.analysis.completionsAt(f.cursor);
    const keywords = labels(entries, 'keyword');
    assert.ok(keywords.includes('foreach') && keywords.includes('dynamic'), keywords.join(' '));
    assert.ok(!keywords.includes('FOREACH'));
    const scriptVariables = entries.filter((e) => e.kind === 'variable' && e.sortText === '0').map((e) => e.label);
    assert.deepEqual(scriptVariables, ['crmBase', 'item']);
    const functions = labels(entries, 'function');
    for (const name of ['GetRESTProxy', 'now', 'dateadd', 'datetimebuild']) assert.ok(functions.includes(name), name);
    const system = entries.filter((e) => e.kind === 'variable' && e.sortText === '3').map((e) => e.label);
    for (const name of ['utc', 'now', 'timestamp', 'ContactID']) assert.ok(system.includes(name), name);
    const proxy = entries.find((e) => e.label === 'GetRESTProxy')!;
    assert.match(proxy.documentation ?? '', /apicallsfromsnippetaction\.htm/);
  });

  it('writes keywords upper-case when the file does, replacing the part already typed', () => {
    const f = fixture('snippet', 'ASSIGN x = 1\nIF x = 1 { TRACE "one" }\nFOREA$0\n');
    const foreach = f.analysis.completionsAt(f.cursor).find((e) => e.label === 'FOREACH');
    assert.ok(foreach);
    assert.equal(f.text.slice(foreach.range.start, foreach.range.end), 'FOREA');
  });

  it("offers the REST proxy's members after a variable that holds GetRESTProxy()", () => {
    const f = fixture('snippet', `${LOOKUP}crmProxy.$0\n`);
    const members = labels(f.analysis.completionsAt(f.cursor));
    assert.deepEqual(members.sort(), [
      'AddHeader',
      'ContentType',
      'MakeRestRequest',
      'ProxyTimeoutSeconds',
      'StatusCode',
      'StatusDescription',
    ]);
    const make = f.analysis.completionsAt(f.cursor).find((e) => e.label === 'MakeRestRequest')!;
    assert.equal(make.insertText, 'MakeRestRequest(${1:url}, ${2:payload}, ${3:responseType}, ${4:verb})');
    assert.ok(make.snippet);
    const addHeader = f.analysis.completionsAt(f.cursor).find((e) => e.label === 'AddHeader')!;
    assert.match(addHeader.documentation ?? '', /Seen in production Studio scripts/);
  });

  it("offers a dynamic object's members seen in the script, by path, and asjson()", () => {
    const f = fixture('snippet', `${LOOKUP}ASSIGN body = "{request.$0}"\n`);
    const entries = f.analysis.completionsAt(f.cursor);
    assert.deepEqual(labels(entries, 'field').sort(), ['accountId', 'options']);
    assert.ok(labels(entries, 'method').includes('asjson'));
    assert.ok(!labels(entries, 'keyword').length, 'no keywords after a dot');
    const nested = fixture('snippet', `${LOOKUP}TRACE "{request.options.$0}"\n`);
    assert.deepEqual(labels(nested.analysis.completionsAt(nested.cursor), 'field'), ['expand']);
    const read = fixture('snippet', `${LOOKUP}TRACE "{account.$0}"\n`);
    assert.deepEqual(labels(read.analysis.completionsAt(read.cursor), 'field').sort(), ['status', 'tier']);
  });

  it('offers variables but no keywords inside an interpolation, and nothing in comments or string text', () => {
    const inside = fixture('snippet', `${LOOKUP}TRACE "tier {ti$0}"\n`);
    const entries = inside.analysis.completionsAt(inside.cursor);
    assert.ok(labels(entries, 'variable').includes('tier'));
    assert.deepEqual(labels(entries, 'keyword'), []);
    const typed = entries.find((e) => e.label === 'tier')!;
    assert.equal(inside.text.slice(typed.range.start, typed.range.end), 'ti');
    for (const source of [`${LOOKUP}// check the ti$0er\n`, `${LOOKUP}TRACE "the ti$0er is"\n`]) {
      const f = fixture('snippet', source);
      assert.deepEqual(f.analysis.completionsAt(f.cursor), [], source.slice(-30));
    }
  });

  it('offers only variables after global:', () => {
    const f = fixture('snippet', `${LOOKUP}ASSIGN copy = "{global:$0}"\n`);
    const entries = f.analysis.completionsAt(f.cursor);
    assert.ok(entries.length > 0);
    assert.deepEqual(
      entries.filter((e) => e.kind !== 'variable'),
      [],
    );
  });

  it("offers a FUNCTION's parameters inside it, and the action's FUNCTIONs with their parameters", () => {
    const f = fixture(
      'snippet',
      `FUNCTION Lookup(accountId, token)
{
  ASSIGN p = GetRESTProxy()
  p.AddHeader("Authorization", "Bearer {to$0}")
}
`,
    );
    const entries = f.analysis.completionsAt(f.cursor);
    assert.ok(labels(entries, 'parameter').includes('token'));
    const lookup = entries.find((e) => e.label === 'Lookup')!;
    assert.equal(lookup.insertText, 'Lookup(${1:accountId}, ${2:token})');
  });

  it('in an export, offers GetRESTProxy and a variable assigned in another action', () => {
    const text = studioExport([
      {
        id: 3,
        type: 'SNIPPET',
        caption: 'Get token',
        code: 'ASSIGN accessToken = tokenResult.access_token',
        next: 7,
      },
      { id: 7, type: 'SNIPPET', caption: 'Call API', code: 'ASSIGN apiProxy = G\nTRACE "x"' },
    ]);
    const analysis = analysisOf('export', text);
    const at = text.indexOf('= G') + 3;
    const entries = analysis.completionsAt(at);
    assert.ok(labels(entries, 'function').includes('GetRESTProxy'));
    const token = entries.find((e) => e.label === 'accessToken')!;
    assert.equal(token.detail, 'script variable, assigned in action 3');
    assert.equal(text.slice(token.range.start, token.range.end), 'G');
    // Outside the SNIPPET code of the export: nothing.
    assert.deepEqual(analysis.completionsAt(text.indexOf('<Caption>') + 3), []);
  });

  it('in .studio, offers the script variables in a {substitution}', () => {
    const f = fixture(
      'guide',
      `ASSIGN strCachedToken = "";
SNIPPET
SET strTokenExpiry = 0;
var header = "Bearer {strC$0}";
END SNIPPET
`,
    );
    const entries = f.analysis.completionsAt(f.cursor);
    assert.deepEqual(labels(entries).sort(), ['strCachedToken', 'strTokenExpiry']);
    assert.equal(f.text.slice(entries[0]!.range.start, entries[0]!.range.end), 'strC');
  });
});
