import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { RECORDED_STATEMENTS } from '../../../server/src/analysis/snippet/extract';
import { recordedStatementsRead } from '../../../server/src/analysis/snippet/statement-reuse';
import { runSteps } from '../../../server/src/common/steps';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { Analysis, type Finding } from '../../../server/src/service';
import { applyMutation, type Mutation, mutationArbitrary } from '../../helpers/mutations';

/**
 * A long `.snippet` is analysed with the previous version's model at hand: every top-level statement the edit did not
 * touch, and whose recorded reads of the state and of the facts still answer the same, is taken over instead of read
 * again. That must be invisible: after every edit of a random sequence, the model's units and the findings are the
 * ones a from-scratch analysis gives.
 *
 * The documents are long scripts made of every `.snippet` fixture and example, one after the other in a random
 * order (a script's later parts read what its earlier parts left: tokens, proxies, URLs, status copies, buffers).
 */

const ROOT = join(__dirname, '..', '..', '..');

function snippetFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...snippetFiles(path));
    else if (name.endsWith('.snippet')) out.push(path);
  }
  return out;
}

/**
 * The parts: every fixture and example that parses without errors (a broken one, an unclosed brace, would swallow
 * the parts after it into one statement; the random edits break and mend code themselves).
 */
const PARTS = [...snippetFiles(join(ROOT, 'test', 'fixtures')), ...snippetFiles(join(ROOT, 'examples'))]
  .map((file) => readFileSync(file, 'utf8'))
  .filter((text) => {
    const { errors, program } = parseSnippet(text);
    return errors.length === 0 && program.body.length > 0;
  });

/** Parts in this order, again and again, until the script has enough top-level statements to be recorded. */
function longScript(order: readonly number[]): string {
  let text = '';
  let statements = 0;
  while (statements < RECORDED_STATEMENTS + 20) {
    for (const index of order) {
      const part = PARTS[index % PARTS.length]!;
      text += part.endsWith('\n') ? part : `${part}\n`;
    }
    statements = parseSnippet(text).program.body.length;
  }
  return text;
}

/** Fragments that change what later statements read: tokens, expiries, proxies, status checks, facts. */
const PIECES = [
  '\n',
  ' ',
  '"',
  '{',
  '}',
  'ASSIGN cachedToken = ""',
  'ASSIGN accessToken = r.access_token',
  'ASSIGN tokenExpiry = utc + 3300 / 86400',
  'ASSIGN tokenExpiry = utc + r.expires_in / 86400',
  'IF proxy.StatusCode = 401 { ASSIGN accessToken = "" }',
  'ASSIGN status = "{proxy.StatusCode}"',
  'proxy.AddHeader("Authorization", "Bearer {accessToken}")',
  'ASSIGN r = proxy.MakeRestRequest(tokenUrl, body, 0, "POST")',
  'ASSIGN tokenUrl = "https://login.example.com/oauth2/token"',
  'ASSIGN refreshBuffer = 300',
  'ASSIGN jitter = Random(360) + 120',
  'ASSIGN proxy = GetRESTProxy()',
  'FUNCTION refresh() { ASSIGN accessToken = r.access_token RETURN accessToken }',
  'FOR i = 1 TO 3 { ASSIGN r = proxy.MakeRestRequest(url, "", 0, "GET") }',
  'client_secret=abc123',
  'https://',
];

function comparable(findings: readonly Finding[]): unknown[] {
  return findings.map((f) => ({
    code: f.code,
    range: f.range,
    message: f.message,
    severity: f.severity,
    related: f.related?.map((r) => ({ range: r.range, message: r.message })),
  }));
}

const NAME = 'long-script.snippet';

describe('service: incremental analysis of long .snippet files', function () {
  this.timeout(300_000);

  it('has parts to build long scripts from', () => {
    assert.ok(PARTS.length >= 30, `found ${PARTS.length}`);
    const text = longScript(PARTS.map((_, i) => i));
    assert.ok(parseSnippet(text).program.body.length >= RECORDED_STATEMENTS);
  });

  it('gives the model and findings of a from-scratch analysis after every edit of a random sequence', () => {
    const edits = mutationArbitrary({
      kinds: ['insert', 'delete', 'replace', 'replace-char', 'duplicate', 'insert'],
      pieces: PIECES,
      piecesWeight: 4,
      maxDelete: 80,
    });
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: PARTS.length - 1 }), { minLength: 3, maxLength: 12 }),
        fc.array(edits, { minLength: 1, maxLength: 6 }),
        (order: number[], sequence: Mutation[]) => {
          let text = longScript(order);
          let previous = Analysis.of({ name: NAME, text }, DEFAULT_SETTINGS)!;
          previous.findings;
          for (const edit of sequence) {
            text = applyMutation(text, edit);
            const input = { name: NAME, text };
            const incremental = runSteps(Analysis.steps(input, DEFAULT_SETTINGS, previous))!;
            const fresh = Analysis.of(input, DEFAULT_SETTINGS)!;
            assert.deepStrictEqual(incremental.model.units, fresh.model.units);
            assert.deepEqual(comparable(incremental.findings), comparable(fresh.findings));
            previous = incremental;
          }
        },
      ),
      { numRuns: 30, seed: 2_026_120_2 },
    );
  });

  it('reads again only the statement an edit touched when nothing it writes changes', () => {
    const text = longScript(PARTS.map((_, i) => i));
    const before = Analysis.of({ name: NAME, text }, DEFAULT_SETTINGS)!;
    before.model;
    // A space inside a string literal in the middle of the script: that statement's events move, nothing else.
    const at = text.indexOf('"https://', Math.floor(text.length / 2)) + 1;
    assert.ok(at > 0);
    const edited = `${text.slice(0, at)} ${text.slice(at)}`;
    const read = recordedStatementsRead();
    const after = runSteps(Analysis.steps({ name: NAME, text: edited }, DEFAULT_SETTINGS, before))!;
    after.model;
    const readAgain = recordedStatementsRead() - read;
    assert.ok(readAgain >= 1 && readAgain <= 3, `read ${readAgain} statements again`);
    assert.deepStrictEqual(after.model.units, Analysis.of({ name: NAME, text: edited }, DEFAULT_SETTINGS)!.model.units);
  });

  describe('an edit whose effect reaches statements it did not touch', () => {
    /** Enough statements that the script is recorded, with no effect on what the cases read. */
    const filler = (from: number): string =>
      Array.from({ length: RECORDED_STATEMENTS + 20 }, (_, i) => `ASSIGN filler${from + i} = ${i}`).join('\n');
    const lines = (...parts: string[]): string => `${parts.join('\n')}\n`;
    const CASES = [
      {
        name: 'a later read of r.access_token makes an earlier call a token request (the call is taken over)',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'ASSIGN r = proxy.MakeRestRequest("https://api.example.com/session", "", 0, "POST")',
          filler(0),
          'ASSIGN accessToken = r.access_token',
          'proxy.AddHeader("Authorization", "Bearer {accessToken}")',
          'ASSIGN data = proxy.MakeRestRequest("https://api.example.com/data", "", 0, "GET")',
        ),
        edit: { from: 'ASSIGN filler7 = 7', to: 'ASSIGN filler7 = 8' },
      },
      {
        name: 'a whole statement deleted: what it wrote is read further down',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'ASSIGN tokenUrl = "https://login.example.com/oauth2/token"',
          'ASSIGN tokenUrl = "https://api.example.com/data"',
          filler(0),
          'ASSIGN r = proxy.MakeRestRequest(tokenUrl, "grant_type=client_credentials", 0, "POST")',
          'ASSIGN accessToken = r.access_token',
        ),
        edit: { from: 'ASSIGN tokenUrl = "https://api.example.com/data"\n', to: '' },
      },
      {
        name: 'a statement read again writes less than it did: what it no longer writes is read further down',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'ASSIGN source = "https://login.example.com/oauth2/token"',
          filler(0),
          'ASSIGN copy = source',
          filler(1000),
          'ASSIGN r = proxy.MakeRestRequest(copy, "grant_type=client_credentials", 0, "POST")',
          'ASSIGN accessToken = r.access_token',
        ),
        edit: { from: 'ASSIGN source = "https://login.example.com/oauth2/token"', to: 'ASSIGN source = 5' },
      },
    ];
    for (const { name, text, edit } of CASES) {
      it(name, () => {
        const before = Analysis.of({ name: NAME, text }, DEFAULT_SETTINGS)!;
        before.model;
        assert.ok(text.includes(edit.from));
        const edited = text.replace(edit.from, edit.to);
        const after = runSteps(Analysis.steps({ name: NAME, text: edited }, DEFAULT_SETTINGS, before))!;
        const fresh = Analysis.of({ name: NAME, text: edited }, DEFAULT_SETTINGS)!;
        assert.deepStrictEqual(after.model.units, fresh.model.units);
        assert.deepEqual(comparable(after.findings), comparable(fresh.findings));
      });
    }
  });
});
