import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { snippetFactsOf } from '../../../server/src/analysis/snippet/facts';
import { statementsResumed } from '../../../server/src/analysis/snippet/resume';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { runSteps } from '../../../server/src/common/steps';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { Analysis } from '../../../server/src/service';
import { documentsUnder } from '../../helpers/fixture-texts';
import { readAnnotated } from '../../helpers/annotated';
import { readFileSync } from 'node:fs';
import { comparableFindings } from '../../helpers/comparable-findings';
import { applyMutation, type Mutation, mutationArbitrary } from '../../helpers/mutations';

/**
 * An edited `.snippet` file is analysed with the previous version's analysis at hand: the lowering resumes the
 * previous one from the first top-level statement that changed, or from the first whose reads of the document's facts
 * get another answer now (analysis/snippet/resume.ts). That must be invisible: after every edit of a random sequence,
 * the model's units and the findings are the ones a from-scratch analysis gives, and the previous version's model is
 * left as it was.
 *
 * The documents are long scripts made of every `.snippet` fixture and example, one after the other in a random order
 * (a script's later parts read what its earlier parts left: tokens, proxies, URLs, status copies, buffers).
 */

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The parts: every fixture and example that parses without errors (a broken one, an unclosed brace, would swallow
 * the parts after it into one statement; the random edits break and mend code themselves).
 */
const PARTS = [
  ...documentsUnder(join(ROOT, 'test', 'fixtures'), ['.snippet']),
  ...documentsUnder(join(ROOT, 'examples'), ['.snippet']),
]
  .map((file) => readAnnotated(readFileSync(file, 'utf8')).text)
  .filter((text) => {
    const { errors, program } = parseSnippet(text);
    return errors.length === 0 && program.body.length > 0;
  });

/**
 * Statements every script starts with, whose lowering depends on what later statements say of their names (the
 * facts): random edits further down that use these names must make the lowering resume before them.
 */
const PRELUDE = [
  'ASSIGN session = ""',
  'ASSIGN tokenWindow = utc + 0.04',
  'ASSIGN margin = 300',
  'IF utc > tokenExpiry - margin / 86400 { ASSIGN accessToken = "" }',
  'FUNCTION Fetch() { ASSIGN p = GetRESTProxy() ASSIGN accessToken = "" }',
].join('\n');

function script(order: readonly number[]): string {
  const parts = order.map((index) => PARTS[index % PARTS.length]!);
  return [PRELUDE, ...parts].map((part) => (part.endsWith('\n') ? part : `${part}\n`)).join('');
}

/** Fragments that change what later (and, through the facts, earlier) statements read. */
const PIECES = [
  '\n',
  ' ',
  '"',
  '{',
  '}',
  '//',
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
  'ASSIGN nowSec = timestamp / 10000000',
  'FUNCTION refresh() { ASSIGN accessToken = r.access_token RETURN accessToken }',
  'FOR i = 1 TO 3 { ASSIGN r = proxy.MakeRestRequest(url, "", 0, "GET") }',
  'client_secret=abc123',
  'https://',
  // Facts that change what earlier statements made: a token by its use, an expiry by its comparison, a buffer
  // variable's second value, a FUNCTION called in a loop.
  'ASSIGN session = ""',
  'proxy.AddHeader("Authorization", "Bearer {session}")',
  'ASSIGN tokenWindow = utc + 0.04',
  'IF utc > tokenWindow { ASSIGN x = 1 }',
  'ASSIGN margin = 200',
  'IF utc > tokenExpiry - margin / 86400 { ASSIGN accessToken = "" }',
  'FOR i = 1 TO 2 { Fetch() }',
];

const NAME = 'long-script.snippet';

/**
 * The facts of an analysis' parse, comparable across two parses: Sets and Maps as their entries in the order they
 * were made, syntax nodes as their offsets.
 */
function factsShape(analysis: Analysis): unknown {
  const document = analysis.document;
  assert.equal(document.kind, 'snippet');
  if (document.kind !== 'snippet') return undefined;
  const facts = snippetFactsOf(document.snippet.program, document.text);
  return Object.fromEntries(
    Object.entries(facts).map(([name, value]) => [
      name,
      [...(value as Iterable<unknown>)].map((entry) => (Array.isArray(entry) ? entry.map(offsets) : offsets(entry))),
    ]),
  );
}

function offsets(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'kind' in value && 'start' in value && 'end' in value
    ? `${String(value.kind)} ${String(value.start)}–${String(value.end)}`
    : value;
}

/** The next version analysed as the language server does: with the previous version's analysis at hand. */
function nextVersion(previous: Analysis, text: string): Analysis {
  const next = runSteps(Analysis.steps({ name: NAME, text }, DEFAULT_SETTINGS, previous))!;
  void next.findings;
  return next;
}

function fresh(text: string): Analysis {
  return Analysis.of({ name: NAME, text }, DEFAULT_SETTINGS)!;
}

/** The analysis of `text` after one edit: the next version can resume its lowering (an edited file's is kept). */
function edited(text: string): Analysis {
  const first = fresh(`${text}\n`);
  void first.findings;
  return nextVersion(first, text);
}

describe('service: incremental analysis of edited .snippet files', function () {
  this.timeout(300_000);

  it('has parts to build long scripts from', () => {
    assert.ok(PARTS.length >= 30, `found ${PARTS.length}`);
  });

  it('gives the model and findings of a from-scratch analysis after every edit of a random sequence', () => {
    const edits = mutationArbitrary({
      kinds: ['insert', 'delete', 'replace', 'replace-char', 'duplicate', 'insert'],
      pieces: PIECES,
      piecesWeight: 4,
      maxDelete: 80,
    });
    const resumedBefore = statementsResumed();
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: PARTS.length - 1 }), { minLength: 3, maxLength: 12 }),
        fc.array(edits, { minLength: 1, maxLength: 8 }),
        (order: number[], sequence: Mutation[]) => {
          let text = script(order);
          let previous = edited(text);
          for (const edit of sequence) {
            text = applyMutation(text, edit);
            const before = previous.model.units;
            const beforeCopy = structuredClone(before);
            const incremental = nextVersion(previous, text);
            const scratch = fresh(text);
            assert.deepStrictEqual(factsShape(incremental), factsShape(scratch));
            assert.deepStrictEqual(incremental.model.units, scratch.model.units);
            assert.deepEqual(comparableFindings(incremental.findings), comparableFindings(scratch.findings));
            // The version resumed from keeps its model as it was.
            assert.deepStrictEqual(before, beforeCopy);
            previous = incremental;
          }
        },
      ),
      { numRuns: 120, seed: 2_026_120_3 },
    );
    // Not a vacuous pass: most versions resumed a lowering part of the way.
    const resumed = statementsResumed() - resumedBefore;
    assert.ok(resumed > 5_000, `resumed ${resumed} statements`);
  });

  it('reads again only from the statement an edit touched when the facts answer the same', () => {
    const text = script(PARTS.map((_, i) => i));
    const before = edited(text);
    const statements = parseSnippet(text).program.body;
    // A space inside a string literal in the middle of the script: the statements before it are not read again.
    const at = text.indexOf('"https://', Math.floor(text.length / 2)) + 1;
    assert.ok(at > 0);
    const index = statements.findIndex((s) => s.start <= at && at < s.end);
    const resumed = statementsResumed();
    const after = nextVersion(before, `${text.slice(0, at)} ${text.slice(at)}`);
    assert.equal(statementsResumed() - resumed, index);
    assert.deepStrictEqual(after.model.units, fresh(after.text).model.units);
  });

  describe('an edit whose effect reaches statements before it', () => {
    const filler = (from: number): string =>
      Array.from({ length: 40 }, (_, i) => `ASSIGN filler${from + i} = ${i}`).join('\n');
    const lines = (...parts: string[]): string => `${parts.join('\n')}\n`;
    const CASES = [
      {
        name: 'a later read of r.access_token makes an earlier call a token request',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'ASSIGN r = proxy.MakeRestRequest("https://api.example.com/session", "", 0, "POST")',
          filler(0),
          'ASSIGN accessToken = r.access_token',
          filler(100),
          'proxy.AddHeader("Authorization", "Bearer {accessToken}")',
          'ASSIGN data = proxy.MakeRestRequest("https://api.example.com/data", "", 0, "GET")',
        ),
        edit: { from: 'ASSIGN filler107 = 7', to: 'ASSIGN filler107 = 8' },
      },
      {
        name: 'a header added further down makes an earlier variable a token (the facts change)',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'ASSIGN session = ""',
          filler(0),
          'ASSIGN data = proxy.MakeRestRequest("https://api.example.com/data", "", 0, "GET")',
        ),
        edit: { from: 'ASSIGN data =', to: 'proxy.AddHeader("Authorization", "Bearer {session}")\nASSIGN data =' },
      },
      {
        name: 'a header deleted further down: an earlier variable is no longer a token (the facts change)',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'ASSIGN session = ""',
          filler(0),
          'proxy.AddHeader("Authorization", "Bearer {session}")',
          'ASSIGN data = proxy.MakeRestRequest("https://api.example.com/data", "", 0, "GET")',
        ),
        edit: { from: 'proxy.AddHeader("Authorization", "Bearer {session}")\n', to: '' },
      },
      {
        name: 'an expiry compared with now further down makes an earlier assignment an expiry (the facts change)',
        text: lines('ASSIGN tokenWindow = utc + 0.04', filler(0), 'IF utc > 0 { ASSIGN x = 1 }'),
        edit: { from: 'IF utc > 0', to: 'IF utc > tokenWindow' },
      },
      {
        name: 'a second value for a buffer variable further down: an earlier expiry check no longer has a fixed buffer',
        text: lines(
          'ASSIGN margin = 300',
          'IF utc > tokenExpiry - margin / 86400 { ASSIGN accessToken = "" }',
          filler(0),
          'ASSIGN other = 1',
        ),
        edit: { from: 'ASSIGN other = 1', to: 'ASSIGN margin = 200' },
      },
      {
        name: 'a call inside a loop further down: an earlier FUNCTION runs in a loop',
        text: lines(
          'FUNCTION Fetch() { ASSIGN p = GetRESTProxy() ASSIGN accessToken = "" }',
          filler(0),
          'ASSIGN other = 1',
        ),
        edit: { from: 'ASSIGN other = 1', to: 'FOR i = 1 TO 3 { Fetch() }' },
      },
      {
        name: 'a read of r.access_token added further down makes an earlier call a token request',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'ASSIGN r = proxy.MakeRestRequest("https://api.example.com/session", "", 0, "POST")',
          filler(0),
          'ASSIGN other = 1',
        ),
        edit: { from: 'ASSIGN other = 1', to: 'ASSIGN accessToken = r.access_token' },
      },
      {
        name: 'a first constant value for a loop variable further down: an earlier buffer is now fixed',
        text: lines(
          'FOR pad = 1 TO 2 { ASSIGN y = 1 }',
          'IF utc > tokenExpiry - pad / 86400 { ASSIGN accessToken = "" }',
          filler(0),
          'ASSIGN other = 1',
        ),
        edit: { from: 'ASSIGN other = 1', to: 'ASSIGN pad = 300' },
      },
      {
        name: 'a name two statements read: the first one is read again',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'ASSIGN session = ""',
          filler(0),
          'ASSIGN session = ""',
          filler(100),
          'ASSIGN other = 1',
        ),
        edit: { from: 'ASSIGN other = 1', to: 'proxy.AddHeader("Authorization", "Bearer {session}")' },
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
        name: 'a token use waiting for its call: the call is edited, the use is not',
        text: lines(
          'ASSIGN proxy = GetRESTProxy()',
          'proxy.AddHeader("Authorization", "Bearer {accessToken}")',
          filler(0),
          'ASSIGN data = proxy.MakeRestRequest("https://api.example.com/data", "", 0, "GET")',
        ),
        edit: {
          from: '/data", "", 0, "GET")',
          to: '/data2", "", 0, "GET")\nASSIGN more = proxy.MakeRestRequest("x", "", 0, "GET")',
        },
      },
      {
        name: 'a FUNCTION body read in a scope, then an edit after it',
        text: lines(
          'FUNCTION GetToken() { ASSIGN p = GetRESTProxy()',
          'ASSIGN r = p.MakeRestRequest(tokenUrl, "grant_type=client_credentials", 0, "POST")',
          'RETURN r.access_token }',
          'ASSIGN accessToken = GetToken()',
          filler(0),
          'ASSIGN proxy = GetRESTProxy()',
          'proxy.AddHeader("Authorization", "Bearer {accessToken}")',
          'ASSIGN data = proxy.MakeRestRequest("https://api.example.com/data", "", 0, "GET")',
        ),
        edit: { from: 'ASSIGN filler20 = 20', to: 'ASSIGN filler20 = GetToken()' },
      },
    ];
    for (const { name, text, edit } of CASES) {
      it(name, () => {
        const before = edited(text);
        const model = structuredClone(before.model.units);
        assert.ok(text.includes(edit.from));
        const after = nextVersion(before, text.replace(edit.from, edit.to));
        const scratch = fresh(after.text);
        assert.deepStrictEqual(after.model.units, scratch.model.units);
        assert.deepEqual(comparableFindings(after.findings), comparableFindings(scratch.findings));
        assert.deepStrictEqual(before.model.units, model);
      });
    }
  });

  it('notes reads again where statements moved: a reader that moved up is the one read again', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `ASSIGN filler${i} = ${i}`).join('\n');
    const v1 = `ASSIGN proxy = GetRESTProxy()\n${filler}\nASSIGN session = ""\n${filler}\nASSIGN other = 1\n`;
    // Version 2 deletes statements above the reader (resumed from there), version 3 changes what the reader is told.
    const v2 = v1.replace(/ASSIGN filler1\d = \d+\n/, '').replace(/ASSIGN filler1\d = \d+\n/, '');
    const v3 = v2.replace('ASSIGN other = 1', 'proxy.AddHeader("Authorization", "Bearer {session}")');
    const second = nextVersion(edited(v1), v2);
    const third = nextVersion(second, v3);
    assert.deepStrictEqual(third.model.units, fresh(v3).model.units);
  });

  it('resumes nothing under other settings, or when the previous version was never edited', () => {
    const text = script([0, 1, 2, 3]);
    const resumed = statementsResumed();
    const first = fresh(text);
    void first.findings;
    const second = nextVersion(first, `${text}\n`);
    assert.equal(statementsResumed(), resumed, 'the first version keeps no lowering');
    const other = runSteps(
      Analysis.steps({ name: NAME, text: `${text}\n\n` }, { ...DEFAULT_SETTINGS, bufferSeconds: 60 }, second),
    )!;
    void other.findings;
    assert.equal(statementsResumed(), resumed, 'other settings resume nothing');
  });
});
