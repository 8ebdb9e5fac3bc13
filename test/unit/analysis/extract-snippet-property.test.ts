import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { extractExportModel } from '../../../server/src/analysis/export/extract';
import { extractSnippetModel } from '../../../server/src/analysis/snippet/extract';
import type { CodeUnit, FlowModel } from '../../../server/src/analysis/model/flow-model';
import { ModelIds } from '../../../server/src/analysis/snippet/model-ids';
import { extractSnippetUnit } from '../../../server/src/analysis/snippet/unit-extractor';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import {
  parseDocument,
  type SnippetDocument,
  type ExportDocument,
} from '../../../server/src/documents/parsed-document';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { filesIn, fixtureTexts } from '../../helpers/fixture-texts';
import { applyMutations, mutationArbitrary } from '../../helpers/mutations';
import { assertOptionalRangeInside, assertRangeInside } from '../../helpers/range-checks';
import { ROOT } from './extract-snippet-helpers';

const inRoot = (dirs: readonly string[]): string[] => dirs.map((dir) => path.join(ROOT, dir));

/** Every Snippet text the project has, annotation lines removed. */
const SNIPPETS = fixtureTexts(
  inRoot(['examples', 'test/fixtures/snippet', 'test/fixtures/snippet/errors', 'test/fixtures/analysis/snippet']),
  '.snippet',
);
const XMLS = filesIn(inRoot(['test/fixtures/export', 'test/fixtures/analysis/export']), '.xml').map((file) =>
  readFileSync(file, 'utf8'),
);

/** Fragments that matter to the parser and to the extractor's patterns. */
const PIECES = [
  '"',
  "'",
  '$"',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '\\{',
  '//',
  '\r\n',
  '\n',
  '=',
  '!=',
  '>=',
  '<',
  '|',
  '&',
  '-',
  '/',
  '%',
  'IF ',
  'ELSE ',
  'CASE ',
  'DEFAULT ',
  'SELECT {',
  'SWITCH x {',
  'FOREACH x IN y ',
  'REPEAT 3 ',
  'FUNCTION f(',
  'RETURN ',
  'BREAK ',
  'global:',
  '.access_token',
  '.expires_in',
  '.StatusCode',
  '.MakeRestRequest(',
  '.AddHeader("Authorization", ',
  'GetRESTProxy()',
  'utc',
  'now()',
  ' / 86400',
  'tokenExpiry',
  'cachedToken',
  '"Bearer {',
  'EncodeBase64("a:b")',
  'client_secret=x1',
  'eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln',
  '.throw()',
  'ContactID % 361',
  '&amp;',
  '&gt;',
  ']]>',
  '<![CDATA[',
  '</string>',
  '\ud800',
  '😀',
];

/** Edits of Snippet code and of exports alike; a splice copies from the Snippet texts. */
const mutation = mutationArbitrary({
  kinds: ['insert', 'delete', 'splice'],
  pieces: PIECES,
  piecesWeight: 4,
  randomText: [fc.string({ maxLength: 6 })],
  position: fc.integer({ min: 0, max: 1_000_000 }),
  maxDelete: 16,
  sources: SNIPPETS,
  maxSplice: 300,
});

/** The model's invariants: ranges inside their unit, orders 0..n-1, guards and call ids that resolve. */
function assertWellFormedUnit(unit: CodeUnit, documentLength: number): void {
  assertRangeInside(unit.range, documentLength, 'unit');
  const bounds = unit.range;
  const conditionIds = new Set(unit.conditions.map((c) => c.id));
  const callIds = new Set(unit.events.flatMap((e) => (e.kind === 'rest-call' ? [e.id] : [])));
  for (const c of unit.conditions) {
    assertRangeInside(c.range, bounds, 'condition');
    assertOptionalRangeInside(c.expiryCheck?.comparisonRange, bounds, 'comparison');
    assertOptionalRangeInside(c.expiryCheck?.bufferRange, bounds, 'buffer');
    if (c.statusCheck?.callId !== undefined)
      assert.ok(callIds.has(c.statusCheck.callId), 'status check of a known call');
  }
  unit.events.forEach((e, i) => {
    assert.equal(e.order, i, 'orders are positions');
    assert.equal(e.unit, unit.id);
    assertRangeInside(e.range, bounds, e.kind);
    for (const g of e.guards) assert.ok(conditionIds.has(g.conditionId), 'a guard names a condition of the unit');
    switch (e.kind) {
      case 'rest-call':
        assertRangeInside(e.statementRange, bounds, 'statement');
        break;
      case 'secret-literal':
      case 'token-literal':
        assertRangeInside(e.valueRange, bounds, 'value');
        break;
      case 'expiry-set':
        assertOptionalRangeInside(e.constantRange, bounds, 'constant');
        break;
      case 'token-use':
        if (e.callId !== undefined) assert.ok(callIds.has(e.callId), 'use of a known call');
        break;
      case 'token-acquire':
        if (e.fromCall !== undefined) assert.ok(callIds.has(e.fromCall), 'acquired from a known call');
        break;
      default:
        break;
    }
  });
}

function assertWellFormedFlow(model: FlowModel, documentLength: number): void {
  const ids = model.units.map((u) => u.id);
  for (const a of ids) {
    for (const p of model.flow.predecessors(a)) assert.ok(ids.includes(p));
    for (const b of ids) {
      for (const e of model.flow.longRunningBetween(a, b)) assertRangeInside(e.range, documentLength, 'long-running');
    }
  }
}

/** Extraction of a Snippet text without the public function's last-resort catch. */
function checkSnippet(text: string): void {
  const parsed = parseSnippet(text);
  const unit = extractSnippetUnit(
    {
      program: parsed.program,
      code: text,
      comments: parsed.comments,
      toDocumentRange: (start, end) => ({ start, end }),
    },
    { id: 1, label: 'snippet', range: { start: 0, end: text.length } },
    { settings: DEFAULT_SETTINGS, ids: new ModelIds() },
  );
  assertWellFormedUnit(unit, text.length);
  const model = extractSnippetModel(parseDocument('snippet', text) as SnippetDocument, DEFAULT_SETTINGS);
  assertWellFormedUnit(model.units[0]!, text.length);
}

/** Extraction of every SNIPPET action of an export, without the last-resort catch, and the public model. */
function checkExport(text: string): void {
  const scriptExport = readExport(text);
  if (!scriptExport) return;
  for (const code of scriptExport.snippets) {
    const parsed = parseSnippet(code.code);
    const unit = extractSnippetUnit(
      {
        program: parsed.program,
        code: code.code,
        comments: parsed.comments,
        toDocumentRange: (start, end) => code.toDocumentRange(start, end),
      },
      { id: 1, label: 'x', range: code.contentRange },
      { settings: DEFAULT_SETTINGS, ids: new ModelIds() },
    );
    assertWellFormedUnit(unit, text.length);
  }
  const document = parseDocument('export', text) as ExportDocument | undefined;
  if (!document) return;
  const model = extractExportModel(document, DEFAULT_SETTINGS);
  for (const unit of model.units) assertWellFormedUnit(unit, text.length);
  assertWellFormedFlow(model, text.length);
}

describe('token-flow extraction on broken and mutated code (property)', () => {
  it('every fixture as it is', () => {
    for (const text of SNIPPETS) checkSnippet(text);
    for (const text of XMLS) checkExport(text);
  });

  it('never throws and keeps every range inside the document, whatever the Snippet edits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SNIPPETS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (seed, edits) => {
          checkSnippet(applyMutations(SNIPPETS[seed]!, edits, SNIPPETS));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws and maps every range into the file, whatever the export edits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: XMLS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (seed, edits) => {
          checkExport(applyMutations(XMLS[seed]!, edits, SNIPPETS));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('survives very long operator chains and deep nesting without overflowing the stack', () => {
    const chain = `IF utc >= tokenExpiry${' - 1'.repeat(20000)} | cachedToken = ""${' | x = 1'.repeat(20000)} { ASSIGN a = 1 }`;
    checkSnippet(chain);
    const member = `ASSIGN t = r${'.a'.repeat(20000)}.access_token\nproxy.AddHeader("Authorization", "{t}")`;
    checkSnippet(member);
    const nested = `${'IF a = 1 { '.repeat(400)}ASSIGN t = r.access_token${' }'.repeat(400)}`;
    checkSnippet(nested);
    const sum = `ASSIGN tokenExpiry = utc + ${'(1 + '.repeat(300)}1${')'.repeat(300)}`;
    checkSnippet(sum);
  });
});
