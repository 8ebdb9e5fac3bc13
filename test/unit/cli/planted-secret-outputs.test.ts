import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskSecret } from '../../../server/src/common/mask';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { Analysis } from '../../../server/src/service/analysis';
import { buildExport } from '../../helpers/export-builder';
import { assertCliBundleIsFresh, makeTempFolder, removeTempFolders, ROOT, runBundle } from './cli-process';

/**
 * A distinctive client secret and a signed JWT planted in a .snippet, a .studio script and an export, then every
 * output the product makes of them read back: studio-lint as text, JSON and SARIF, studio-lint --fix (its report and
 * the files it writes), studio-sim's JSON, and the hovers and findings of the Analysis. Neither value may appear
 * whole anywhere; where an output shows one, it is as maskSecret shows it (first 4 characters, an ellipsis, the
 * length).
 */

const SECRET = 'Vq7Lw2Pn9Xv4Rt6Ks8Mb3Hd5Jf1Gc0YaE2';
const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InJlZnVuZHMtMjAyNiJ9.' +
  'eyJzdWIiOiJpdnItcmVmdW5kcyIsInNjb3BlIjoicmVmdW5kcy53cml0ZSIsImV4cCI6MTc4MDAwMDAwMH0.' +
  'c2lnbmF0dXJlLW9mLXRoZS1yZWZ1bmRzLXNlcnZpY2UtdG9rZW4tMjAyNg';
const SIM_BUNDLE = path.join(ROOT, 'server', 'out', 'sim.js');

const TOKEN_URL = 'https://login.example-idp.com/oauth2/token';
/** The secret also rides in a query string, so the simulator's request list has it to mask. */
const REFUNDS_URL = `https://api.example-shop.com/v1/refunds/{orderId}?api_key=${SECRET}`;
const BODY = `grant_type=client_credentials&client_id=ivr-refunds&client_secret=${SECRET}`;

const SNIPPET = [
  '// SNIPPET "Refunds": the client secret and a service token were pasted in while testing',
  'ASSIGN idp = GetRESTProxy()',
  'idp.ContentType = "application/x-www-form-urlencoded"',
  `ASSIGN grant = idp.MakeRestRequest("${TOKEN_URL}", "${BODY}", 0, "POST")`,
  'ASSIGN refundsApi = GetRESTProxy()',
  `refundsApi.AddHeader("Authorization", "Bearer ${JWT}")`,
  `ASSIGN refund = refundsApi.MakeRestRequest("${REFUNDS_URL}", "", 0, "GET")`,
  'IF refundsApi.StatusCode != 200',
  '{',
  '  ASSIGN refundError = "HTTP_{refundsApi.StatusCode}"',
  '}',
].join('\n');

const STUDIO = [
  '// The refunds line: a secret on a script line and a token in a SNIPPET block',
  `ASSIGN strRefundSecret = "${SECRET}";`,
  'SNIPPET',
  'var refundReq = new CXone.HttpRequest();',
  'refundReq.url = "https://api.example-shop.com/v1/refunds/" + "{strOrderId}";',
  `refundReq.headers["Authorization"] = "Bearer ${JWT}";`,
  'var refundResp = refundReq.send();',
  'if (refundResp.statusCode != 200) {',
  '  SET strRefundError = "HTTP_" + refundResp.statusCode.toString();',
  '}',
  'END SNIPPET',
].join('\n');

const EXPORT = buildExport([
  { id: 1, type: 'BEGIN', caption: 'Begin', parameters: ['', '', ''], next: 2 },
  { id: 2, type: 'SNIPPET', caption: 'Refunds', code: SNIPPET, next: 3 },
  { id: 3, type: 'HANGUP', caption: 'Hangup', parameters: [] },
]);

const FILES = { 'refunds.snippet': SNIPPET, 'refunds.studio': STUDIO, 'refunds-line.xml': EXPORT };

/** Neither planted value appears whole; the secret's first 4 characters only as part of its mask. */
function assertNothingWhole(output: string, what: string): void {
  assert.ok(!output.includes(SECRET), `${what} shows the client secret whole`);
  assert.ok(!output.includes(JWT), `${what} shows the JWT whole`);
  // Nor a part long enough to matter: the JWT's payload or signature, half of the secret.
  for (const part of JWT.split('.')) assert.ok(!output.includes(part), `${what} shows a part of the JWT`);
  assert.ok(!output.includes(SECRET.slice(0, 17)), `${what} shows half of the client secret`);
}

describe('planted secrets never come out whole (every output)', () => {
  before(function () {
    this.timeout(60_000);
    assertCliBundleIsFresh();
  });
  after(removeTempFolders);

  function folderWithScripts(): string {
    const dir = makeTempFolder('planted-secret-');
    for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  for (const format of ['text', 'json', 'sarif']) {
    it(`studio-lint --format ${format}: the findings name the secret and the token masked`, () => {
      const dir = folderWithScripts();
      const run = runBundle(['--format', format, dir]);
      assert.equal(run.status, 1, run.stderr);
      assertNothingWhole(run.stdout + run.stderr, `studio-lint --format ${format}`);
      assert.ok(run.stdout.includes(maskSecret(SECRET)), `the secret is shown masked: ${run.stdout.slice(0, 400)}`);
      assert.ok(run.stdout.includes(maskSecret(JWT)), 'the token is shown masked');
    });
  }

  it('studio-lint --fix: neither its report nor the files it writes hold the planted values', () => {
    const dir = folderWithScripts();
    const run = runBundle(['--fix', '--format', 'json', dir]);
    assertNothingWhole(run.stdout + run.stderr, 'studio-lint --fix');
    for (const name of Object.keys(FILES)) {
      const fixed = fs.readFileSync(path.join(dir, name), 'utf8');
      assert.notEqual(fixed, FILES[name as keyof typeof FILES], `${name} was fixed`);
      assertNothingWhole(fixed, `${name} after --fix`);
    }
  });

  for (const name of ['refunds.snippet', 'refunds-line.xml']) {
    it(`studio-sim --format json on ${name}: requests and their bodies masked`, () => {
      const dir = folderWithScripts();
      const run = spawnSync(process.execPath, [SIM_BUNDLE, path.join(dir, name), '--format', 'json'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.ok(run.status === 0 || run.status === 1, `studio-sim ran: ${run.stderr}`);
      const report = JSON.parse(run.stdout) as unknown;
      assert.ok(report !== null && typeof report === 'object');
      assertNothingWhole(run.stdout + run.stderr, `studio-sim on ${name}`);
      assert.ok(
        run.stdout.includes(`api_key=${maskSecret(SECRET)}`),
        'the request to the refunds API is listed masked',
      );
    });
  }

  it('the Analysis: findings, related places and every hover over each file', () => {
    const now = new Date('2026-03-01T09:00:00Z');
    for (const [name, text] of Object.entries(FILES)) {
      const analysis = Analysis.of({ name, text }, DEFAULT_SETTINGS);
      assert.ok(analysis, name);
      const shown: string[] = [];
      for (const finding of analysis.findings)
        shown.push(finding.message, ...(finding.related ?? []).map((place) => place.message));
      for (let offset = 0; offset <= text.length; offset++) {
        const jwtHover = analysis.hoverAt(offset, now);
        if (jwtHover) shown.push(jwtHover.markdown);
        const hover = analysis.authoringHoverAt(offset);
        if (hover) shown.push(hover.markdown);
      }
      assertNothingWhole(shown.join('\n'), `${name}: findings and hovers`);
      const secretHover = analysis.hoverAt(text.indexOf(JWT) + 10, now);
      assert.ok(secretHover, `${name}: the JWT has its hover`);
      assert.ok(secretHover.markdown.includes(maskSecret(JWT)), `${name}: the hover names the token masked`);
    }
  });
});
