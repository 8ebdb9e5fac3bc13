import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../../server/src/common/settings';
import { documentKindOf } from '../../../server/src/documents/document-kind';
import { parseDocument, syntaxErrorsOf } from '../../../server/src/documents/parsed-document';
import type { Fix } from '../../../server/src/diagnostics/fix';
import { fixAllText, lintText } from '../../../server/src/service/lint';
import { pickWholeFixes } from '../../../server/src/service/whole-fixes';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { readAnnotated } from '../../helpers/annotated';
import { documentsUnder } from '../../helpers/fixture-texts';

const ROOT = join(__dirname, '..', '..', '..');

const DOCUMENTS = [...documentsUnder(join(ROOT, 'examples')), ...documentsUnder(join(ROOT, 'test', 'fixtures'))];

describe('fix-all', () => {
  for (const jitter of [false, true]) {
    const settings = sanitizeSettings({ jitter: { enabled: jitter } });
    it(
      `converges on every example and fixture, with no new syntax errors and no new ` +
        `warnings${jitter ? ' (jitter on)' : ''}`,
      () => {
        let fixedSomething = 0;
        for (const file of DOCUMENTS) {
          const name = relative(ROOT, file);
          const text = readAnnotated(readFileSync(file, 'utf8')).text;
          const before = lintText(name, undefined, text, settings);
          if (!before) continue;
          const once = fixAllText(name, undefined, text, settings);
          const twice = fixAllText(name, undefined, once.text, settings);
          assert.equal(twice.text, once.text, `${name}: fix-all does not converge`);
          assert.equal(twice.applied, 0, `${name}: fix-all still applies fixes`);
          if (once.applied > 0) fixedSomething++;
          const kind = documentKindOf(name, undefined, once.text)!;
          const errors = (t: string): number => syntaxErrorsOf(parseDocument(kind, t)!).length;
          assert.ok(errors(once.text) <= errors(text), `${name}: new syntax errors`);
          if (before.analysis.document.kind === 'export' && before.analysis.document.export.errors.length === 0) {
            assert.deepEqual(readExport(once.text)!.errors, [], `${name}: the export is no longer well-formed`);
          }
          const after = lintText(name, undefined, once.text, settings)!;
          // Every fixable warning or error is gone; what is left has no fix (or only a hint's).
          for (const finding of after.findings) {
            if (finding.severity === 'hint' || finding.code === 'syntax-error') continue;
            const preferred = after.analysis.fixesFor(finding).filter((f) => f.preferred);
            assert.deepEqual(
              preferred.map((f) => f.title),
              [],
              `${name}: ${finding.code} still has a preferred fix after fix-all`,
            );
          }
          const crlf = /\r\n/.test(text) && !/(?<!\r)\n/.test(text);
          if (crlf) assert.ok(!/(?<!\r)\n/.test(once.text), `${name}: CRLF document got LF lines`);
        }
        assert.ok(fixedSomething >= 20, `only ${fixedSomething} documents were fixed`);
      },
    );
  }

  it('takes a fix whole or not at all: a fix that overlaps one already taken waits for the next pass', () => {
    const fix = (edits: [number, number, string][]): Fix => ({
      title: 'test',
      code: 'hardcoded-secret',
      preferred: true,
      edits: edits.map(([start, end, newText]) => ({ range: { start, end }, newText })),
    });
    const first = fix([
      [0, 0, '// a\n'],
      [7, 8, 'a'],
    ]);
    const overlapping = fix([
      [7, 12, 'b = 3'],
      [13, 13, '// never half-applied\n'],
    ]);
    const samePoint = fix([[0, 0, '// b\n']]);
    const independent = fix([[20, 24, '3']]);
    const { fixes, edits } = pickWholeFixes([first, overlapping, samePoint, independent]);
    assert.deepEqual(fixes, [first, independent]);
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['// a\n', 'a', '3'],
    );
  });

  it('one reused token sent to two calls is one finding with the other call related, fixed once (issue 13)', () => {
    const text = [
      'ASSIGN a = GetRESTProxy()',
      'a.AddHeader("Authorization", "Bearer {accessToken}")',
      'ASSIGN r1 = a.MakeRestRequest("https://api.example.com/1", "", 0, "GET")',
      'ASSIGN b = GetRESTProxy()',
      'b.AddHeader("Authorization", "Bearer {accessToken}")',
      'ASSIGN r2 = b.MakeRestRequest("https://api.example.com/2", "", 0, "GET")',
      '',
    ].join('\n');
    const linted = lintText('two.snippet', undefined, text, DEFAULT_SETTINGS)!;
    const reuse = linted.findings.filter((f) => f.code === 'token-reuse-without-expiry');
    assert.equal(reuse.length, 1);
    assert.equal(text.slice(reuse[0]!.range.start, reuse[0]!.range.end), 'accessToken');
    assert.ok(reuse[0]!.range.start < text.indexOf('b.AddHeader'));
    const second = text.indexOf('{accessToken}', text.indexOf('b.AddHeader')) + 1;
    assert.deepEqual(
      reuse[0]!.related?.slice(-1).map((r) => [r.range.start, r.message]),
      [[second, 'accessToken is also sent here with no expiry check']],
    );
    assert.match(reuse[0]!.message, /The same token is sent to one more call in this snippet\.$/);
    const { fixes } = linted.analysis.preferredFixes('token-reuse-without-expiry');
    assert.equal(fixes.length, 1);
  });

  it('takes one fix per claimed token code in a pass; the other waits for the re-analysed text (point 7)', () => {
    const fix = (code: Fix['code'], edits: [number, number, string][], claims?: string[]): Fix => ({
      title: 'test',
      code,
      preferred: true,
      edits: edits.map(([start, end, newText]) => ({ range: { start, end }, newText })),
      ...(claims ? { claims } : {}),
    });
    const expiry = fix('token-expires-in-ignored', [[10, 10, 'expiry']], ['tokens@0']);
    const refresh = fix('token-reuse-without-expiry', [[40, 40, 'refresh']], ['tokens@0', 'call@3']);
    const handler = fix('unchecked-auth-status', [[60, 60, 'handler']], ['call@3']);
    const otherCall = fix('unchecked-auth-status', [[80, 80, 'handler']], ['call@4']);
    const literal = fix('hardcoded-secret', [[90, 95, '{SECURE_PASSWORD}']]);
    const { fixes } = pickWholeFixes([expiry, refresh, handler, otherCall, literal]);
    assert.deepEqual(fixes, [expiry, handler, otherCall, literal]);
  });

  it('a cached token given an expiry is not also given a second refresh block (issue 12, point 7)', () => {
    const text = [
      '// SNIPPET "Order status": the token is kept for the contact, refreshed only when it is missing.',
      'IF cachedToken = ""',
      '{',
      '  ASSIGN tokenProxy = GetRESTProxy()',
      '  tokenProxy.ContentType = "application/x-www-form-urlencoded"',
      '  ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://login.example-oms.com/oauth/token", ' +
        '"grant_type=client_credentials&client_id={OMS_CLIENT_ID}&client_secret={OMS_CLIENT_SECRET}", 0, "POST")',
      '  IF tokenProxy.StatusCode = 200',
      '  {',
      '    ASSIGN cachedToken = tokenResult.access_token',
      '  }',
      '}',
      'ASSIGN orderProxy = GetRESTProxy()',
      'orderProxy.AddHeader("Authorization", "Bearer {cachedToken}")',
      'ASSIGN order = orderProxy.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")',
      'IF orderProxy.StatusCode = 401 | orderProxy.StatusCode = 403',
      '{',
      '  ASSIGN cachedToken = ""',
      '  ASSIGN orderError = "AUTH"',
      '}',
      '',
    ].join('\n');
    const codes = lintText('order.snippet', undefined, text, DEFAULT_SETTINGS)!.findings.map((f) => f.code);
    assert.deepEqual(codes, ['token-expires-in-ignored', 'token-reuse-without-expiry']);
    const fixed = fixAllText('order.snippet', undefined, text, DEFAULT_SETTINGS).text;
    // One token request, one refresh condition, and no "acquisition is not in this script" placeholder.
    assert.equal(fixed.match(/MakeRestRequest\("https:\/\/login/g)?.length, 1, fixed);
    assert.equal(fixed.match(/IF cachedToken = ""/g)?.length, 1, fixed);
    assert.doesNotMatch(fixed, /TODO|\.invalid/, fixed);
    const left = lintText('order.snippet', undefined, fixed, DEFAULT_SETTINGS)!.findings;
    assert.deepEqual(
      left.filter((f) => f.severity !== 'hint').map((f) => f.code),
      [],
      fixed,
    );
  });
});
