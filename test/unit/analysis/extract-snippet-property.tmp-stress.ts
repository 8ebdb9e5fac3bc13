import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { extractExportModel } from '../../../server/src/analysis/extract-export';
import { extractSnippetModel } from '../../../server/src/analysis/extract-snippet';
import type { CodeUnit, FlowModel } from '../../../server/src/analysis/flow-model';
import { extractSnippetUnit, ModelIds } from '../../../server/src/analysis/snippet-unit';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import type { TextRange } from '../../../server/src/common/text-range';
import { parseDocument, type SnippetDocument, type XmlExportDocument } from '../../../server/src/documents/parsed-document';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { readStudioExport } from '../../../server/src/syntax/xml/studio-export';
import { readAnnotated } from '../../helpers/annotated';
import { ROOT } from './extract-snippet-helpers';

/** Every Snippet text the project has, annotation lines removed. */
function snippetSources(): string[] {
  const dirs = ['examples', 'test/fixtures/snippet', 'test/fixtures/snippet/errors', 'test/fixtures/analysis/snippet'];
  const texts: string[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.snippet'))) {
      texts.push(readAnnotated(readFileSync(path.join(ROOT, dir, name), 'utf8')).text);
    }
  }
  return texts;
}

function xmlSources(): string[] {
  const out: string[] = [];
  for (const dir of ['test/fixtures/xml', 'test/fixtures/analysis/xml']) {
    for (const name of readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.xml'))) {
      out.push(readFileSync(path.join(ROOT, dir, name), 'utf8'));
    }
  }
  return out;
}

const SNIPPETS = snippetSources();
const XMLS = xmlSources();

/** Fragments that matter to the parser and to the extractor's patterns. */
const PIECES = [
  '"', "'", '$"', '{', '}', '(', ')', '[', ']', '\\{', '//', '\r\n', '\n', '=', '!=', '>=', '<', '|', '&', '-', '/', '%',
  'IF ', 'ELSE ', 'CASE ', 'DEFAULT ', 'SELECT {', 'SWITCH x {', 'FOREACH x IN y ', 'REPEAT 3 ', 'FUNCTION f(', 'RETURN ',
  'BREAK ', 'global:', '.access_token', '.expires_in', '.StatusCode', '.MakeRestRequest(', '.AddHeader("Authorization", ',
  'GetRESTProxy()', 'utc', 'now()', ' / 86400', 'tokenExpiry', 'cachedToken', '"Bearer {', 'EncodeBase64("a:b")',
  'client_secret=x1', 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln', '.throw()', 'ContactID % 361', '&amp;', '&gt;', ']]>',
  '<![CDATA[', '</string>', '\ud800', '😀',
];

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'splice'; at: number; source: number; from: number; length: number };

const position = fc.integer({ min: 0, max: 1_000_000 });
const payload = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: position, text: payload }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 16 }) }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: position,
    source: fc.integer({ min: 0, max: SNIPPETS.length - 1 }),
    from: position,
    length: fc.integer({ min: 1, max: 300 }),
  }),
);

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'splice': {
      const source = SNIPPETS[m.source]!;
      const from = m.from % (source.length + 1);
      return text.slice(0, at) + source.slice(from, from + m.length) + text.slice(at);
    }
  }
}

function assertInside(range: TextRange | undefined, bounds: TextRange, what: string): void {
  if (range === undefined) return;
  assert.ok(Number.isInteger(range.start) && Number.isInteger(range.end), `${what}: integer offsets`);
  assert.ok(bounds.start <= range.start && range.start <= range.end && range.end <= bounds.end,
    `${what} ${JSON.stringify(range)} inside ${JSON.stringify(bounds)}`);
}

/** The model's invariants: ranges inside their unit, orders 0..n-1, guards and call ids that resolve. */
function assertWellFormedUnit(unit: CodeUnit, documentLength: number): void {
  assertInside(unit.range, { start: 0, end: documentLength }, 'unit');
  const bounds = unit.range;
  const conditionIds = new Set(unit.conditions.map((c) => c.id));
  const callIds = new Set(unit.events.flatMap((e) => (e.kind === 'rest-call' ? [e.id] : [])));
  for (const c of unit.conditions) {
    assertInside(c.range, bounds, 'condition');
    assertInside(c.expiryCheck?.comparisonRange, bounds, 'comparison');
    assertInside(c.expiryCheck?.bufferRange, bounds, 'buffer');
    if (c.statusCheck?.callId !== undefined) assert.ok(callIds.has(c.statusCheck.callId), 'status check of a known call');
  }
  unit.events.forEach((e, i) => {
    assert.equal(e.order, i, 'orders are positions');
    assert.equal(e.unit, unit.id);
    assertInside(e.range, bounds, e.kind);
    for (const g of e.guards) assert.ok(conditionIds.has(g.conditionId), 'a guard names a condition of the unit');
    switch (e.kind) {
      case 'rest-call': assertInside(e.statementRange, bounds, 'statement'); break;
      case 'secret-literal': case 'token-literal': assertInside(e.valueRange, bounds, 'value'); break;
      case 'expiry-set': assertInside(e.constantRange, bounds, 'constant'); break;
      case 'token-use': if (e.callId !== undefined) assert.ok(callIds.has(e.callId), 'use of a known call'); break;
      case 'token-acquire': if (e.fromCall !== undefined) assert.ok(callIds.has(e.fromCall), 'acquired from a known call'); break;
      default: break;
    }
  });
}

function assertWellFormedFlow(model: FlowModel, documentLength: number): void {
  const ids = model.units.map((u) => u.id);
  for (const a of ids) {
    for (const p of model.flow.predecessors(a)) assert.ok(ids.includes(p));
    for (const b of ids) {
      for (const e of model.flow.longRunningBetween(a, b)) assertInside(e.range, { start: 0, end: documentLength }, 'long-running');
    }
  }
}

/** Extraction of a Snippet text without the public function's last-resort catch. */
function checkSnippet(text: string): void {
  const parsed = parseSnippet(text);
  const unit = extractSnippetUnit(
    { program: parsed.program, code: text, comments: parsed.comments, toDocument: (o) => o },
    { id: 1, label: 'snippet', range: { start: 0, end: text.length } },
    { settings: DEFAULT_SETTINGS, ids: new ModelIds() },
  );
  assertWellFormedUnit(unit, text.length);
  const model = extractSnippetModel(parseDocument('cxone-snippet', text) as SnippetDocument, DEFAULT_SETTINGS);
  assertWellFormedUnit(model.units[0]!, text.length);
}

/** Extraction of every SNIPPET action of an export, without the last-resort catch, and the public model. */
function checkExport(text: string): void {
  const studioExport = readStudioExport(text);
  if (!studioExport) return;
  for (const code of studioExport.snippets) {
    const parsed = parseSnippet(code.code);
    const unit = extractSnippetUnit(
      { program: parsed.program, code: code.code, comments: parsed.comments, toDocument: (o) => code.toDocumentOffset(o), documentText: text },
      { id: 1, label: 'x', range: code.contentRange },
      { settings: DEFAULT_SETTINGS, ids: new ModelIds() },
    );
    assertWellFormedUnit(unit, text.length);
  }
  const document = parseDocument('studio-xml', text) as XmlExportDocument | undefined;
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
      fc.property(fc.integer({ min: 0, max: SNIPPETS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (seed, edits) => {
        checkSnippet(edits.reduce(apply, SNIPPETS[seed]!));
      }),
      { numRuns: Number(process.env.RUNS ?? 1000), ...(process.env.SEED ? { seed: Number(process.env.SEED) } : {}), endOnFailure: true },
    );
  });

  it('never throws and maps every range into the file, whatever the export edits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: XMLS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, edits) => {
        checkExport(edits.reduce(apply, XMLS[seed]!));
      }),
      { numRuns: Number(process.env.RUNS ?? 1000), ...(process.env.SEED ? { seed: Number(process.env.SEED) } : {}), endOnFailure: true },
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
