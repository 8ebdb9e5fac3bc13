import * as assert from 'node:assert/strict';
import { fixture } from './fixtures';

describe('authoring: signature help', () => {
  it('shows MakeRestRequest(url, payload, responseType, verb) with the argument under the cursor', () => {
    const f = fixture(
      'snippet',
      'ASSIGN proxy = GetRESTProxy()\nASSIGN result = proxy.MakeRestRequest(tokenUrl, "{body.asjson()}", $0)\n',
    );
    const signature = f.analysis.signatureAt(f.cursor);
    assert.ok(signature);
    assert.equal(signature.label, 'MakeRestRequest(url, payload, responseType, verb)');
    assert.equal(signature.activeParameter, 2);
    const [start, end] = signature.parameters[2]!.label;
    assert.equal(signature.label.slice(start, end), 'responseType');
    assert.match(signature.parameters[2]!.documentation ?? '', /0 = application\/json/);
    assert.match(signature.documentation, /apicallsfromsnippetaction\.htm/);
  });

  it('counts only the commas of the call itself (not those of a nested call or a string)', () => {
    const f = fixture('snippet', 'ASSIGN expires = dateadd(datebuild(2024, 1, 1), "a,b"$0)\n');
    const signature = f.analysis.signatureAt(f.cursor);
    assert.equal(signature?.label, 'dateadd(date, value)');
    assert.equal(signature?.activeParameter, 1);
  });

  it("shows a FUNCTION's own parameters, and nothing outside a call or for unknown functions", () => {
    const f = fixture('snippet', 'FUNCTION Lookup(accountId, token)\n{\n  RETURN 1\n}\nASSIGN a = lookup(ANI, $0\n');
    assert.equal(f.analysis.signatureAt(f.cursor)?.label, 'Lookup(accountId, token)');
    assert.equal(f.analysis.signatureAt(f.cursor)?.activeParameter, 1);
    for (const source of ['ASSIGN a = 1$0\n', 'ASSIGN a = GetOAuthToken($0)\n', 'ASSIGN a = now()$0\n']) {
      const other = fixture('snippet', source);
      assert.equal(other.analysis.signatureAt(other.cursor), undefined, source);
    }
  });
});

describe('authoring: hover on keywords, built-ins and variables', () => {
  const f = fixture(
    'snippet',
    `ASSIGN proxy = GetRESTProxy()
proxy.AddHeader("Authorization", "Bearer {accessToken}")
FOREACH order IN orders { TRACE "{order.id} at {utc}" }
ASSIGN accessToken = ""
`,
  );
  const hover = (word: string, nth = 0): string => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = f.text.indexOf(word, at + 1);
    return f.analysis.authoringHoverAt(at + 1)?.markdown ?? '';
  };

  it("documents a keyword with a link to NICE's keywords page", () => {
    assert.match(hover('FOREACH'), /Repeats a block once per element/);
    assert.match(hover('FOREACH'), /\(https:\/\/help\.nicecxone\.com\/Content\/studio\/guide\/statementsloops\.htm\)/);
    assert.match(hover('IN'), /FOREACH item IN items/);
  });

  it('documents built-ins, and says which forms are only seen in real scripts', () => {
    assert.match(hover('GetRESTProxy'), /built-in function/);
    assert.match(hover('AddHeader'), /REST proxy method[\s\S]*Seen in production Studio scripts/);
    assert.match(hover('utc'), /reserved variable \(read-only\)[\s\S]*reservedvariables\.htm/);
  });

  it('says where a variable is assigned, and nothing for a dynamic member', () => {
    assert.match(hover('accessToken'), /Assigned at:\n- line 4/);
    assert.equal(hover('id'), '');
  });
});
