import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits } from '../../../server/src/common/text-edit';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { analysisOf, fixture, studioExport } from './fixtures';

/** A token fetched in one action, used in a second, spoken in a PLAY prompt: the names rename touches. */
function orderScript(eol = '\r\n'): string {
  return studioExport(
    [
      { id: 1, type: 'BEGIN', caption: 'Begin', parameters: ['', '', ''], next: 3 },
      {
        id: 3,
        type: 'SNIPPET',
        caption: 'Get OAuth token',
        code: [
          'ASSIGN tokenProxy = GetRESTProxy()',
          'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
            '"grant_type=client_credentials&scope=orders", 0, "POST")',
          'IF tokenProxy.StatusCode < 300 & tokenProxy.StatusCode >= 200',
          '{',
          '  ASSIGN accessToken = tokenResult.access_token',
          '}',
        ].join('\n'),
        next: 5,
      },
      {
        id: 5,
        type: 'PLAY',
        caption: 'Hold on',
        parameters: ['"%Checking order {orderId}, token {accessToken}"'],
        next: 7,
      },
      {
        id: 7,
        type: 'SNIPPET',
        caption: 'Order status',
        code: [
          'ASSIGN orderProxy = GetRESTProxy()',
          'orderProxy.AddHeader("Authorization", "Bearer {global:AccessToken}")',
          'ASSIGN order = orderProxy.MakeRestRequest(' +
            '"https://api.example-oms.com/orders/{orderId}?a=1&b=2", "", 0, "GET")',
          'IF orderProxy.StatusCode = 401 { accessToken = "" }',
        ].join('\n'),
      },
    ],
    eol,
  );
}

describe('authoring: rename', () => {
  it('renames a variable in every SNIPPET action and in {substitutions} of other actions, keeping global:', () => {
    const text = orderScript();
    const analysis = analysisOf('export', text);
    const at = text.indexOf('accessToken = tokenResult') + 3;
    const prepared = analysis.prepareRename(at);
    assert.deepEqual(prepared.ok && text.slice(prepared.range.start, prepared.range.end), 'accessToken');
    const result = analysis.rename(at, 'orderApiToken');
    assert.ok(result.ok, result.ok ? '' : result.message);
    const renamed = applyEdits(text, result.edits);
    assert.equal(result.edits.length, 4);
    assert.match(renamed, /\{global:orderApiToken\}/);
    assert.match(renamed, /token \{orderApiToken\}"/);
    assert.doesNotMatch(renamed, /accesstoken/i);
    // Every other byte is the same: putting the old name back gives the original file.
    assert.equal(renamed.replace(/orderApiToken/g, 'accessToken'), text.replace(/AccessToken/g, 'accessToken'));
    const reread = readExport(renamed);
    assert.ok(reread && reread.errors.length === 0, 'the export stays well-formed');
  });

  it('changes only the case of a name everywhere when asked to', () => {
    const text = orderScript('\n');
    const analysis = analysisOf('export', text);
    const result = analysis.rename(text.indexOf('accessToken = tokenResult'), 'AccessToken');
    assert.ok(result.ok);
    assert.equal((applyEdits(text, result.edits).match(/AccessToken/g) ?? []).length, 4);
  });

  describe('refuses, saying why', () => {
    const text = orderScript();
    const analysis = analysisOf('export', text);
    const at = text.indexOf('accessToken = tokenResult');
    const refused = (newName: string): string => {
      const result = analysis.rename(at, newName);
      assert.ok(!result.ok, `renaming to ${newName} should be refused`);
      return result.message;
    };

    it('a name another variable already has, saying where', () => {
      assert.match(refused('TOKENRESULT'), /already a variable \(line \d+, in SNIPPET action 3 "Get OAuth token"\)/);
    });

    it('keywords, the words statements are made of, and built-ins', () => {
      assert.match(refused('foreach'), /reserved word/);
      assert.match(refused('In'), /reserved word/);
      assert.match(refused('utc'), /built-in of Studio \(Reserved Variables\)/);
      assert.match(refused('GetRestProxy'), /built-in of Studio/);
    });

    it('names Studio cannot hold, and a global: prefix in the new name', () => {
      assert.match(refused('order token'), /not a valid name/);
      assert.match(refused('9lives'), /not a valid name/);
      assert.match(refused('global:token'), /without global:/);
    });

    it('keywords, built-ins and members of dynamic objects at the cursor (prepareRename)', () => {
      const message = (word: string): string => {
        const result = analysis.prepareRename(text.indexOf(word) + 1);
        assert.ok(!result.ok, word);
        return result.message;
      };
      assert.match(message('ASSIGN'), /keyword/);
      assert.match(message('GetRESTProxy'), /built-in of Studio \(Make API Calls from a SNIPPET Action\)/);
      assert.match(message('access_token'), /member of a dynamic object/);
      assert.match(message('StatusCode'), /built-in member/);
    });
  });

  it('refuses a variable also used bare in another action (an IF expression), naming the action', () => {
    const text = studioExport([
      { id: 3, type: 'SNIPPET', caption: 'Get token', code: 'ASSIGN tokenStatus = "{tokenProxy.StatusCode}"', next: 4 },
      { id: 4, type: 'IF', caption: 'Token ok?', parameters: ['tokenStatus = "200"'] },
    ]);
    const result = analysisOf('export', text).prepareRename(text.indexOf('tokenStatus'));
    assert.ok(!result.ok);
    assert.match(result.message, /outside Snippet code \(line \d+, in IF action 4 "Token ok\?"\)/);
  });

  it('refuses a parameter name that would capture a script variable the FUNCTION reads', () => {
    const f = fixture(
      'snippet',
      `ASSIGN baseUrl = "https://api.example-crm.com"
FUNCTION Get(pa$0th)
{
  RETURN GetRESTProxy().MakeRestRequest("{baseUrl}{path}", "", 0, "GET")
}
`,
    );
    const result = f.analysis.rename(f.cursor, 'baseUrl');
    assert.ok(!result.ok);
    assert.match(result.message, /already a variable/);
  });

  it('in .studio: refuses a new name a SNIPPET body declares as its own JavaScript local', () => {
    const f = fixture(
      'guide',
      `ASSIGN strToken = GetOAuthToken();
SNIPPET
var validToken = "";
req.headers["Authorization"] = "Bearer " + strTo$0ken;
END SNIPPET
`,
    );
    const result = f.analysis.rename(f.cursor, 'validToken');
    assert.ok(!result.ok);
    assert.match(result.message, /declared in the SNIPPET body/);
    const ok = f.analysis.rename(f.cursor, 'crmToken');
    assert.ok(ok.ok);
    assert.equal(ok.edits.length, 2);
  });

  it('keeps any export well-formed and every byte outside the renamed names identical (property)', () => {
    // Long line: one regular expression listing the reserved words and built-in names, clearer whole.
    const reserved =
      /^(?:in|to|if|for|foreach|else|case|select|switch|default|repeat|break|return|trace|uses|assign|dynamic|function|true|false|global|while|then|not|step|elseif|date|dow|gmt|now|utc|time|timeout|timestamp|timezoneid|timezoneoffset|runscript|test|contactid|char|dateadd|datebuild|datediff|datefmt|datepart|datetimebuild|getrestproxy)$/i;
    const names = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/).filter((n) => !reserved.test(n));
    const targets = ['tokenProxy', 'tokenResult', 'accessToken', 'orderProxy', 'order', 'orderId'];
    fc.assert(
      fc.property(fc.constantFrom(...targets), names, fc.constantFrom('\r\n', '\n'), (target, newName, eol) => {
        const text = orderScript(eol);
        const analysis = analysisOf('export', text);
        // The first place the name is a symbol (`order` also appears in prompt text).
        const at = [...text.matchAll(new RegExp(`\\b${target}\\b`, 'g'))]
          .map((m) => m.index + 1)
          .find((offset) => analysis.referencesAt(offset, true).length > 0)!;
        const before = analysis.referencesAt(at, true);
        const result = analysis.rename(at, newName);
        if (!result.ok) {
          // Only a clash with another variable may refuse a valid name.
          assert.match(result.message, /already a variable/);
          return;
        }
        const renamed = applyEdits(text, result.edits);
        const reread = readExport(renamed);
        assert.ok(reread && reread.errors.length === 0);
        // The bytes between occurrences are untouched.
        const pieces = (source: string, ranges: readonly { start: number; end: number }[]): string[] => {
          const out: string[] = [];
          let cursor = 0;
          for (const r of ranges) {
            out.push(source.slice(cursor, r.start));
            cursor = r.end;
          }
          out.push(source.slice(cursor));
          return out;
        };
        const after = analysisOf('export', renamed);
        const first = before[0]!.start;
        const moved = after.referencesAt(first + 1, true);
        assert.equal(moved.length, before.length);
        assert.deepEqual(pieces(renamed, moved), pieces(text, before));
        for (const r of moved) assert.equal(renamed.slice(r.start, r.end), newName);
      }),
      { numRuns: 150 },
    );
  });
});
