import { strict as assert } from 'node:assert';
import { ModelBuilder, run, summary } from '../../../../test/helpers/model-builder';
import { metaOf } from '../registry';

const CODE = 'token-reuse-without-expiry';

describe('token-reuse-without-expiry (hand-built models)', () => {
  it('reports a token acquired at script level and sent in a later SNIPPET after WAIT and MENU (Pattern A)', () => {
    const text = [
      'ASSIGN strToken = GetOAuthToken();',
      'MENU "Main menu"',
      'WAIT 1800',
      'SNIPPET',
      'req.headers["Authorization"] = "Bearer " + strToken;',
      'END SNIPPET',
    ].join('\n');
    const b = new ModelBuilder(text);
    const script = b.unit('script');
    script.acquire('strToken = GetOAuthToken()', 'strtoken', 'function', { persistent: true });
    script.longRunning('MENU "Main menu"', 'MENU "Main menu"').longRunning('WAIT 1800', 'WAIT 1800');
    const snippet = b.unit('SNIPPET block at line 4', 'SNIPPET\nreq');
    snippet.use('strToken;', 'strtoken');
    const model = b.build();
    // The script unit encloses the block: the enclosing unit precedes it.
    const findings = run(b).filter((f) => f.code === CODE);
    assert.equal(model.units.length, 2);
    assert.deepEqual(summary(text, findings), [`${CODE}@"strToken;"`]);
    const finding = findings[0]!;
    assert.match(
      finding.message,
      /^strToken was acquired at line 1 and is sent here after MENU "Main menu" and WAIT 1800/,
    );
    assert.deepEqual(
      finding.related?.map((r) => text.slice(r.range.start, r.range.end)),
      ['strToken = GetOAuthToken()', 'MENU "Main menu"', 'WAIT 1800'],
    );
    assert.equal(metaOf(finding.code).defaultSeverity, 'warning');
  });

  it('names the export action that acquired the token', () => {
    const text =
      'ASSIGN accessToken = tokenResult.access_token\n---\nproxy.AddHeader("Authorization", "Bearer {accessToken}")';
    const b = new ModelBuilder(text);
    b.unit('SNIPPET action 3 "Get OAuth token"', 'ASSIGN accessToken').acquire(
      'accessToken = tokenResult.access_token',
      'accesstoken',
      'response',
      { persistent: true },
    );
    b.unit('SNIPPET action 15 "Lookup customer"', 'proxy.AddHeader').use('accessToken}', 'accesstoken');
    const [finding] = run(b);
    assert.ok(finding);
    assert.match(
      finding.message,
      /^accessToken was acquired in SNIPPET action 3 "Get OAuth token" and is reused here with no expiry check/,
    );
  });

  it('says "an earlier action or unknown place" when nothing in the document acquires the token', () => {
    const text = 'crmProxy.AddHeader("Authorization", "Bearer {accessToken}")';
    const b = new ModelBuilder(text);
    b.unit('snippet').use('accessToken', 'accesstoken');
    const findings = run(b);
    assert.deepEqual(summary(text, findings), [`${CODE}@"accessToken"`]);
    assert.match(findings[0]!.message, /acquired in an earlier action or unknown place/);
  });

  it('follows a copy read back from a script variable to its acquisition', () => {
    const text =
      'ASSIGN strToken = GetOAuthToken();\nSNIPPET\nvar t = "{strToken}";\nreq.headers["Authorization"] = "Bearer " ' +
      '+ t;\nEND SNIPPET';
    const b = new ModelBuilder(text);
    b.unit('script').acquire('strToken = GetOAuthToken()', 'strtoken', 'function', { persistent: true });
    const s = b.unit('SNIPPET block at line 2', 'SNIPPET\nvar');
    s.acquire('t = "{strToken}"', 't', 'cache-read', { from: 'strtoken' }).use('+ t', 't');
    const findings = run(b).filter((f) => f.code === CODE);
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^t holds strToken, which was acquired at line 1/);
  });

  it('does not report a fresh token fetched in the same unit before the call (Strategy A / Pattern B)', () => {
    const text = 'var freshToken = GetOAuthToken();\nreq.headers["Authorization"] = "Bearer " + freshToken;';
    const b = new ModelBuilder(text);
    b.unit('snippet')
      .acquire('freshToken = GetOAuthToken()', 'freshtoken', 'function')
      .use('+ freshToken', 'freshtoken');
    assert.deepEqual(run(b), []);
  });

  it('does not report Strategy B: the acquisitions sit in both branches of an expiry check', () => {
    const text = [
      'if (tokenExpiry > 0 && currentTime < (tokenExpiry - 300)) {',
      '  validToken = tokenValue;',
      '} else {',
      '  validToken = tokenData.access_token;',
      '}',
      'apiReq.headers["Authorization"] = "Bearer " + validToken;',
    ].join('\n');
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const c = u.condition('if (tokenExpiry', {
      expiry: {
        expiryVariable: 'tokenexpiry',
        buffer: { kind: 'constant', seconds: 300 },
        refreshBranch: 'else',
        comparison: 'currentTime < (tokenExpiry - 300)',
      },
    });
    u.inside(c, 'then', () => u.acquire('validToken = tokenValue', 'validtoken', 'alias', { from: 'tokenvalue' }));
    u.inside(c, 'else', () => u.acquire('validToken = tokenData.access_token', 'validtoken', 'response'));
    u.use('+ validToken', 'validtoken');
    assert.deepEqual(summary(text, run(b), CODE), []);
  });

  it('does not report a use after an expiry-guarded refresh in an earlier action (Strategy B across actions)', () => {
    const text =
      'IF utc >= tokenExpiry - (300 / 86400) { cachedToken = tokenResult.access_token ' +
      '}\n---\napi.AddHeader("Authorization", "Bearer {cachedToken}")';
    const b = new ModelBuilder(text);
    const first = b.unit('SNIPPET action 6 "Ensure fresh token"', 'IF utc');
    const c = first.condition('IF utc', {
      expiry: {
        expiryVariable: 'tokenexpiry',
        buffer: { kind: 'constant', seconds: 300 },
        refreshBranch: 'then',
        comparison: 'utc >= tokenExpiry - (300 / 86400)',
      },
    });
    first.inside(c, 'then', () =>
      first.acquire('cachedToken = tokenResult.access_token', 'cachedtoken', 'response', { persistent: true }),
    );
    b.unit('SNIPPET action 8 "Get account data"', 'api.AddHeader').use('cachedToken}', 'cachedtoken');
    assert.deepEqual(
      run(b).filter((f) => f.code === CODE),
      [],
    );
  });

  it('reports a token fetched in only one branch, with no expiry check', () => {
    const text =
      'IF firstCall = 1 { accessToken = GetOAuthToken() }\nproxy.AddHeader("Authorization", "Bearer {accessToken}")';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const c = u.condition('IF firstCall = 1', { reads: ['firstcall'] });
    u.inside(c, 'then', () => u.acquire('accessToken = GetOAuthToken()', 'accesstoken', 'function'));
    u.use('accessToken}', 'accesstoken');
    assert.deepEqual(summary(text, run(b), CODE), [`${CODE}@"accessToken}"`]);
  });

  it('accepts a token fetched in both branches of a plain condition', () => {
    const text =
      'IF a = 1 { t = GetOAuthToken() } ELSE { t = GetOAuthToken() }\nproxy.AddHeader("Authorization", "Bearer {t}")';
    const b = new ModelBuilder(text);
    const u = b.unit('snippet');
    const c = u.condition('IF a = 1', { reads: ['a'] });
    u.inside(c, 'then', () => u.acquire('t = GetOAuthToken()', 't', 'function'));
    u.inside(c, 'else', () => u.acquire('t = GetOAuthToken()', 't', 'function'));
    u.use('{t}', 't');
    assert.deepEqual(run(b), []);
  });

  it('reports a same-unit fetch separated from the use by a WAIT', () => {
    const text = 'ASSIGN strToken = GetOAuthToken();\nWAIT 1800\nREST "Bearer {strToken}"';
    const b = new ModelBuilder(text);
    const u = b.unit('script');
    u.acquire('strToken = GetOAuthToken()', 'strtoken', 'function', { persistent: true })
      .longRunning('WAIT 1800', 'WAIT 1800')
      .use('strToken}', 'strtoken');
    const findings = run(b);
    assert.deepEqual(summary(text, findings, CODE), [`${CODE}@"strToken}"`]);
    assert.match(findings[0]!.message, /after WAIT 1800/);
  });

  it('names at most two long-running actions and counts the rest', () => {
    const text = 'T = GetOAuthToken()\nMENU "A"\nWAIT 1\nHOLD\nuse {T}';
    const b = new ModelBuilder(text);
    const u = b.unit('script');
    u.acquire('T = GetOAuthToken()', 't', 'function')
      .longRunning('MENU "A"', 'MENU "A"')
      .longRunning('WAIT 1', 'WAIT 1')
      .longRunning('HOLD', 'HOLD')
      .use('T}', 't');
    assert.match(run(b)[0]!.message, /after MENU "A", WAIT 1 and 1 more with no expiry check/);
  });
});
