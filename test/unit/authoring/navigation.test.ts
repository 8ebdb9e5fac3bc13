import * as assert from 'node:assert/strict';
import { fixture, marked, texts } from './fixtures';

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

/** Two SNIPPET actions around a MENU: the token is assigned in action 3 and read in action 7 (CRLF, entities). */
const EXPORT = crlf(`<?xml version="1.0" encoding="utf-8"?>
<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Actions>
    <ActionStruct>
      <ActionID>3</ActionID>
      <Action>SNIPPET</Action>
      <Caption>Get OAuth token</Caption>
      <Parameters>
        <string>ASSIGN tokenBody = "grant_type=client_credentials&amp;client_id={SECURE_CLIENT_ID}"
ASSIGN tokenProxy = GetRESTProxy()
ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, tokenBody, 0, "POST")
IF tokenProxy.StatusCode &lt; 300 &amp; tokenProxy.StatusCode &gt;= 200
{
  ASSIGN accessToken = tokenResult.access_token
         ^^^^^^^^^^^ def
}</string>
        <string>Limit2K</string>
      </Parameters>
    </ActionStruct>
    <ActionStruct>
      <ActionID>5</ActionID>
      <Action>PLAY</Action>
      <Caption>Say hold on</Caption>
      <Parameters>
        <string>"%One moment please, {customerName}. Token: {AccessToken}"</string>
                                                             ^^^^^^^^^^^ ref
      </Parameters>
    </ActionStruct>
    <ActionStruct>
      <ActionID>7</ActionID>
      <Action>SNIPPET</Action>
      <Caption>Order status</Caption>
      <Parameters>
        <string>ASSIGN orderProxy = GetRESTProxy()
orderProxy.AddHeader("Authorization", "Bearer {global:ACCESSTOKEN$0}")
                                                      ^^^^^^^^^^^ ref
IF orderProxy.StatusCode = 401
{
  accessToken = ""
  ^^^^^^^^^^^ def
}</string>
        <string>Limit2K</string>
      </Parameters>
    </ActionStruct>
  </Actions>
</ScriptContainer>
`);

describe('authoring: go to definition, references, highlights', () => {
  describe('in an export, across its SNIPPET actions', () => {
    it('goes from a read in one action to the assignments in every action (case-insensitive, global: folded)', () => {
      const f = fixture('export', EXPORT);
      assert.deepEqual(f.analysis.definitionAt(f.cursor), marked(f, 'def'));
      assert.deepEqual(texts(f.text, f.analysis.definitionAt(f.cursor)), ['accessToken', 'accessToken']);
    });

    it('finds every use, substitutions in other actions included, with exact ranges past entities and CRLF', () => {
      const f = fixture('export', EXPORT);
      const all = [...marked(f, 'def'), ...marked(f, 'ref')].sort((a, b) => a.start - b.start);
      assert.deepEqual(f.analysis.referencesAt(f.cursor, true), all);
      assert.deepEqual(f.analysis.referencesAt(f.cursor, false), marked(f, 'ref'));
    });

    it('highlights assignments as writes and the rest as reads', () => {
      const f = fixture('export', EXPORT);
      const kinds = f.analysis
        .highlightsAt(f.cursor)
        .map((h) => `${h.kind} ${f.text.slice(h.range.start, h.range.end)}`);
      assert.deepEqual(kinds, ['write accessToken', 'read AccessToken', 'read ACCESSTOKEN', 'write accessToken']);
    });

    it('has no definition for built-ins, members or keywords', () => {
      const f = fixture('export', EXPORT);
      for (const word of ['GetRESTProxy', 'access_token', 'StatusCode', 'ASSIGN']) {
        assert.deepEqual(f.analysis.definitionAt(f.text.indexOf(word) + 2), [], word);
      }
    });
  });

  describe('in a .snippet file', () => {
    it("resolves a FUNCTION's parameter to the FUNCTION, not to the script variable of the same name", () => {
      const f = fixture(
        'snippet',
        `ASSIGN url = "https://api.example-crm.com/v2/accounts"
FUNCTION FetchJson(url)
                   ^^^ param
{
  ASSIGN proxy = GetRESTProxy()
  RETURN proxy.MakeRestRequest(url$0, "", 0, "GET")
}
ASSIGN account = FetchJson("{url}/{ANI}")
`,
      );
      assert.deepEqual(f.analysis.definitionAt(f.cursor), marked(f, 'param'));
      assert.equal(f.analysis.referencesAt(f.cursor, true).length, 2);
    });

    it('goes from a FUNCTION call in an interpolation to its declaration', () => {
      const f = fixture(
        'snippet',
        `FUNCTION Mask(secret)
         ^^^^ fn
{
  RETURN "{secret.left(4)}…"
}
TRACE "token {mask$0(accessToken)}"
`,
      );
      assert.deepEqual(f.analysis.definitionAt(f.cursor), marked(f, 'fn'));
    });

    it('treats a system variable as a built-in until the script assigns it', () => {
      const f = fixture('snippet', 'ASSIGN tokenExpiry = utc$0 + 3600 / 86400\n');
      assert.deepEqual(f.analysis.definitionAt(f.cursor), []);
      assert.deepEqual(f.analysis.referencesAt(f.cursor, true), []);
    });
  });

  describe('in a .studio file (script variables)', () => {
    it("links a SET in a SNIPPET body, a {substitution} and a script ASSIGN, not the body's own locals", () => {
      const f = fixture(
        'guide',
        `ASSIGN strCachedToken = "";
       ^^^^^^^^^^^^^^ def
SNIPPET
var tokenValue = "{strCachedToken$0}";
var strcachedtoken = 1; // a JavaScript local of the body, not the script variable
SET strCachedToken = tokenValue;
    ^^^^^^^^^^^^^^ def
END SNIPPET
PLAY "Token {strCachedToken}"
`,
      );
      assert.deepEqual(f.analysis.definitionAt(f.cursor), marked(f, 'def'));
      assert.deepEqual(texts(f.text, f.analysis.referencesAt(f.cursor, true)), [
        'strCachedToken',
        'strCachedToken',
        'strCachedToken',
        'strCachedToken',
      ]);
    });
  });
});
