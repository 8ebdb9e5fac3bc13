import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../../server/src/common/settings';
import { fixAllText } from '../../../server/src/service/lint';
import { readExport } from '../../../server/src/syntax/export/read-export';
import {
  authStatusHandler,
  bufferSetting,
  expiryFromExpiresIn,
  jitteredBufferAssignment,
  movedSecretComment,
  strategyA,
  strategyB,
  tokenGuard,
  tokenProxyCall,
  tokenStatusCheck,
  twoStepToken,
  vsCodeSnippets,
} from '../../../server/src/templates';
import { readAnnotated } from '../../helpers/annotated';
import { JITTER_ON } from '../../helpers/check-fix';
import { constructsOf, constructTable, undocumentedConstructs } from '../../helpers/documented-constructs';
import { expandSnippet } from '../../helpers/snippet-expander';
import { documentsUnder } from '../../helpers/fixture-texts';

const ROOT = join(__dirname, '..', '..', '..');
const TABLE = constructTable();

describe('documented constructs: docs/studio-constructs.md and the walk that checks generated code against it', () => {
  it('the table gives every allowed construct a status and a NICE page, and marks the shapes to avoid', () => {
    assert.ok(TABLE.size >= 35, `only ${TABLE.size} rows`);
    for (const row of TABLE.values()) assert.ok(row.page.length > 0, `${row.key} has no page`);
    for (const key of ['shape:stacked-case', 'shape:bare-now-comparison', 'shape:text-plus'])
      assert.equal(TABLE.get(key)?.status, 'AVOID', key);
    assert.equal(TABLE.get('method:addheader')?.status, 'REAL', 'AddHeader is seen in production, not documented');
    for (const key of ['function:getrestproxy', 'member:proxytimeoutseconds', 'variable:utc', 'node:CaseGroup'])
      assert.equal(TABLE.get(key)?.status, 'DOC', key);
  });

  it('catches each undocumented or avoided form (the check itself)', () => {
    const bad: [string, RegExp][] = [
      ['WHILE x < 3 { x = x + 1 }', /parse-error|ErrorStatement/],
      ['IF a == 1 { b = 1 }', /parse-error/],
      ['IF a <> 1 { b = 1 }', /parse-error/],
      ['IF a = 1 && b = 2 { c = 1 }', /parse-error/],
      ['IF a = 1 || b = 2 { c = 1 }', /parse-error/],
      ['IF !a { c = 1 }', /operator:!/],
      ['ASSIGN a = 1;', /parse-error/],
      ['IF a = 1 { b = 1 } ELSE IF a = 2 { b = 2 }', /shape:else-if/],
      ['ASSIGN url = "https://x/" + id', /shape:text-plus/],
      ['ASSIGN n = Random(1, 10)', /function:random/],
      ['ASSIGN s = proxy.MakeUpRequest(u)', /method:makeuprequest/],
      ['ASSIGN b = tokenInput.urlencode()', /method:urlencode/],
      ['ASSIGN e = dateadd("s", 3600, utc)', /function:dateadd/],
      ['ASSIGN t = now + (3600 / 86400)', /variable:now/],
      ['ASSIGN t = unixtime', /variable:unixtime/],
      ['SELECT\n{\n  CASE s = 401\n  CASE s = 403\n  {\n    ASSIGN e = 1\n  }\n}', /shape:stacked-case/],
      ['IF utc >= tokenExpiry - (300 / 86400)\n{\n  ASSIGN e = 1\n}', /shape:bare-now-comparison/],
      ['IF tokenExpiry > (utc)\n{\n  ASSIGN e = 1\n}', /shape:bare-now-comparison/],
      ['ASSIGN body = r.token_type', /member:token_type/],
    ];
    for (const [code, expected] of bad) {
      const found = undocumentedConstructs(code, TABLE);
      assert.ok(
        found.some((f) => expected.test(f)),
        `${code}: ${found.join('; ')}`,
      );
    }
  });

  it('passes what the table allows, whatever the strings and comments hold', () => {
    const good = [
      'ASSIGN note = "a == b && c || d; !e <> WHILE Random(1) + 2" // WHILE x == 1 && y; ELSE IF utc >= x',
      'ASSIGN url = "{base}/v2/{id}"',
      'ASSIGN t = utc + (r.expires_in / 86400)',
      'IF tokenExpiry - utc <= refreshBufferSeconds / 86400\n{\n  ASSIGN p = GetRESTProxy()\n}',
      'p.AddHeader("Authorization", "Bearer {t}")',
      'SELECT\n{\n  CASE s = 401 | s = 403\n  {\n    ASSIGN e = 1\n  }\n  DEFAULT\n  {\n    ASSIGN e = 2\n  }\n}',
      'ASSIGN b = 120 + (ContactID % 361)',
    ];
    for (const code of good) assert.deepEqual(undocumentedConstructs(code, TABLE), [], code);
  });

  it('a construct used by generated code but missing from the table is reported (the table is the reference)', () => {
    const withoutStatusCode = new Map(TABLE);
    withoutStatusCode.delete('member:statuscode');
    assert.deepEqual(
      undocumentedConstructs('IF p.StatusCode = 200\n{\n  ASSIGN e = ""\n}', withoutStatusCode).map(
        (f) => f.split(' ')[0],
      ),
      ['member:statuscode'],
    );
  });
});

describe('documented constructs: every template and snippet writes only what the table allows', () => {
  const rendered: Record<string, string> = {
    strategyB: strategyB('snippet'),
    'strategyB, jittered': strategyB('snippet', { jitter: JITTER_ON }),
    'strategyB, no comments': strategyB('snippet', { comments: false, bufferSeconds: 240 }),
    'strategyB, a global: token': strategyB('snippet', { names: { cachedToken: 'global:crmToken' } }),
    strategyA: strategyA('snippet'),
    'strategyA, token only': strategyA('snippet', { apiCall: false }),
    'strategyA, POST with body and scope': strategyA('snippet', {
      names: { scope: 'crm.write' },
      apiCall: { method: 'POST', body: '"{payload}"' },
    }),
    authStatusHandler: authStatusHandler('snippet'),
    twoStepToken: twoStepToken('snippet', { jitter: JITTER_ON, names: { resourceScope: 'orders.read' } }),
    tokenProxyCall: tokenProxyCall('snippet'),
    tokenStatusCheck: tokenStatusCheck('snippet', { successLines: ['ASSIGN accessToken = tokenResult.access_token'] }),
    tokenGuard: tokenGuard({ token: 'crmToken', error: 'crmTokenError', body: ['ASSIGN x = 1'] }),
    expiryFromExpiresIn: expiryFromExpiresIn('snippet', { expiry: 'tokenExpiry', response: 'tokenResult' }),
    bufferSetting: bufferSetting({ plan: { kind: 'fixed', seconds: 300 } }),
    jitteredBufferAssignment: jitteredBufferAssignment('snippet', { minSeconds: 120, maxSeconds: 480 }),
    movedSecretComment: movedSecretComment('SECURE_CLIENT_SECRET'),
  };
  for (const [name, text] of Object.entries(rendered)) {
    it(`${name}`, () => {
      assert.deepEqual(undocumentedConstructs(text, TABLE), [], text);
      assert.ok(constructsOf(text).length > 0 || name === 'movedSecretComment');
    });
  }

  for (const [name, snippet] of Object.entries(vsCodeSnippets('snippet'))) {
    it(`VS Code snippet "${name}", expanded with its defaults`, () => {
      const text = `${expandSnippet(snippet.body.join('\n'))}\n`;
      assert.deepEqual(undocumentedConstructs(text, TABLE), [], text);
    });
  }
});

/** The Snippet code of a document: the file itself, or every SNIPPET action of an export. */
function snippetCodeOf(name: string, text: string): string[] {
  if (name.endsWith('.snippet')) return [text];
  if (name.endsWith('.xml')) return readExport(text)?.snippets.map((s) => s.code) ?? [];
  return [];
}

describe('documented constructs: what fix-all adds to the examples and fixtures', () => {
  for (const jitter of [false, true]) {
    it(`adds only constructs the table allows${jitter ? ' (jitter on)' : ''}`, () => {
      const settings = jitter ? sanitizeSettings({ jitter: JITTER_ON }) : DEFAULT_SETTINGS;
      let fixed = 0;
      for (const file of [
        ...documentsUnder(join(ROOT, 'examples'), ['.snippet', '.xml']),
        ...documentsUnder(join(ROOT, 'test', 'fixtures'), ['.snippet', '.xml']),
      ]) {
        const name = relative(ROOT, file);
        const text = readAnnotated(readFileSync(file, 'utf8')).text;
        const before = new Set(snippetCodeOf(name, text).flatMap((code) => constructsOf(code).map((c) => c.key)));
        const after = fixAllText(name, undefined, text, settings).text;
        if (after === text) continue;
        fixed++;
        // What the fixes wrote that the document did not have, and that the table does not allow.
        const added = snippetCodeOf(name, after)
          .flatMap((code) => constructsOf(code))
          .filter(({ key }) => !before.has(key) && !['DOC', 'REAL'].includes(TABLE.get(key)?.status ?? ''))
          .map(({ key, at }) => `${key} at ${JSON.stringify(at)}`);
        assert.deepEqual(added, [], `${name}: fix-all wrote constructs the table does not allow`);
      }
      assert.ok(fixed >= 15, `only ${fixed} documents were changed by fix-all`);
    });
  }
});
