import * as assert from 'node:assert/strict';
import { BUILTINS, builtinMarkdown, membersOf } from '../../../server/src/authoring/builtins';

/** The hosts of NICE's help (current, previous brand, and the archived spring 2019 copy). */
const NICE_HELP =
  /^https:\/\/help(?:\.nicecxone\.com|\.nice-incontact\.com|-beta\.niceincontact\.com)\/[\w/.-]+\.htm$/i;

describe('authoring: the catalogue of built-ins', () => {
  it('cites a NICE help page (title and address) for every entry, and says something about each', () => {
    assert.ok(BUILTINS.length >= 60, `${BUILTINS.length} entries`);
    for (const entry of BUILTINS) {
      assert.match(entry.page.url, NICE_HELP, entry.name);
      assert.ok(entry.page.title.length > 3, entry.name);
      assert.ok(entry.summary.length > 10, entry.name);
      assert.match(builtinMarkdown(entry), new RegExp(`\\]\\(${entry.page.url.replace(/[.?]/g, '\\$&')}\\)`));
    }
  });

  it('has one entry per name and kind', () => {
    const keys = BUILTINS.map((e) => `${e.kind}:${e.name.toLowerCase()}`);
    assert.deepEqual(keys.length, new Set(keys).size);
  });

  it('marks the forms only production scripts show as REAL, and leaves out unconfirmed ones', () => {
    const real = BUILTINS.filter((e) => e.evidence === 'real')
      .map((e) => e.name)
      .sort();
    assert.deepEqual(real, ['AddHeader', 'beginswith', 'char', 'contains', 'left', 'length', 'replace']);
    const names = new Set(BUILTINS.map((e) => e.name.toLowerCase()));
    for (const unconfirmed of ['clearheaders', 'encodebase64', 'urlencode', 'unixtime', 'random', 'asxml', 'while']) {
      assert.ok(!names.has(unconfirmed), unconfirmed);
    }
  });

  it("documents MakeRestRequest's four parameters and the REST proxy's members", () => {
    const proxy = membersOf('rest-proxy')
      .filter((m) => m.owner === 'rest-proxy')
      .map((m) => m.name)
      .sort();
    assert.deepEqual(proxy, [
      'AddHeader',
      'ContentType',
      'MakeRestRequest',
      'ProxyTimeoutSeconds',
      'StatusCode',
      'StatusDescription',
    ]);
    const make = BUILTINS.find((e) => e.name === 'MakeRestRequest')!;
    assert.deepEqual(
      make.parameters?.map((p) => p.name),
      ['url', 'payload', 'responseType', 'verb'],
    );
  });
});
