import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { extractGuideModel } from '../../../server/src/analysis/guide/extract';
import type { FlowModel } from '../../../server/src/analysis/model/flow-model';
import { DEFAULT_SETTINGS } from '../../../server/src/common/settings';
import { parseGuide } from '../../../server/src/syntax/guide';
import { fixtureTexts } from '../../helpers/fixture-texts';
import { applyMutations, mutationArbitrary } from '../../helpers/mutations';
import { assertOptionalRangeInside, assertRangeInside } from '../../helpers/range-checks';
import { extract, FIXTURES } from './extract-guide-helpers';

const FIXTURE_DIRS = ['guide', 'guide-scripts', 'analysis/guide'].map((dir) => join(FIXTURES, dir));

const fixtures: string[] = fixtureTexts(FIXTURE_DIRS, '.studio');

/** Pieces that the extractor reacts to, plus the notation's structural edges. */
const PIECES = [
  'SNIPPET\n',
  '\nEND SNIPPET\n',
  '\n',
  '\r\n',
  '"',
  "'",
  '`',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '//',
  '/*',
  '*/',
  ';',
  '=',
  '==',
  'SET ',
  'ASSIGN ',
  'DECISION ',
  'WAIT 300\n',
  '...\n',
  'MENU "x"\n',
  '// 90 minutes on hold\n',
  'global:',
  'var t = GetOAuthToken();',
  'req.send()',
  'var r = new CXone.HttpRequest();',
  '"Bearer " + ',
  '`Bearer ${t}`',
  '"Bearer {strToken}"',
  '.access_token',
  '.expires_in',
  'JSON.parse(',
  'Date.now()',
  'Math.floor(Date.now() / 1000)',
  ' - 300',
  ' >= ',
  ' < ',
  '.statusCode == 401',
  '.statusCode != 200',
  'if (',
  ') {',
  '} else {',
  'for (;;) {',
  'while (x) {',
  'switch (c) { case 401: ',
  '? a : b',
  '&&',
  '||',
  '!',
  'throw e;',
  'return;',
  'x.forEach(function (i) {',
  'function f() {',
  '.headers["Authorization"] = ',
  '.headers = { Authorization: t };',
  '.url = "https://a/oauth/token";',
  '.body = "grant_type=client_credentials&client_secret=abc123";',
  'btoa("user:pass")',
  '"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"',
  '{strTokenExpiry}',
  'parseInt("{strTokenExpiry}") || 0',
  'Math.random()',
  'strApiError',
  'tokenValue.length > 0',
  '\u2028',
  '\ud800',
  '\ufeff',
  ' ',
  '\t',
];

const mutation = mutationArbitrary({
  kinds: ['insert', 'delete', 'duplicate'],
  pieces: PIECES,
  randomText: [fc.string({ maxLength: 6 })],
  maxDelete: 60,
  maxDuplicate: 300,
});

/** Ranges inside the document, consistent ids and orders, flow answers that never throw. */
function checkModel(model: FlowModel, length: number): void {
  const callIds = new Set<number>();
  for (const unit of model.units) {
    for (const event of unit.events) if (event.kind === 'rest-call') callIds.add(event.id);
  }
  model.units.forEach((unit, index) => {
    assert.equal(unit.id, index, 'unit ids are indices in document order');
    assertRangeInside(unit.range, length, 'unit');
    const conditionIds = new Set(unit.conditions.map((c) => c.id));
    for (const condition of unit.conditions) {
      assertRangeInside(condition.range, length, 'condition');
      assertOptionalRangeInside(condition.expiryCheck?.comparisonRange, length, 'comparison');
      if (condition.statusCheck?.callId !== undefined) assert.ok(callIds.has(condition.statusCheck.callId));
    }
    unit.events.forEach((event, order) => {
      assert.equal(event.unit, unit.id);
      assert.equal(event.order, order);
      assertRangeInside(event.range, length, event.kind);
      for (const guard of event.guards)
        assert.ok(conditionIds.has(guard.conditionId), 'guards name conditions of their unit');
      switch (event.kind) {
        case 'rest-call':
          assertRangeInside(event.statementRange, length, 'statement');
          break;
        case 'expiry-set':
          assertOptionalRangeInside(event.constantRange, length, 'constant');
          if (event.fromCall !== undefined) assert.ok(callIds.has(event.fromCall));
          break;
        case 'secret-literal':
        case 'token-literal':
          assertRangeInside(event.valueRange, length, 'value');
          assert.ok(event.valueRange.end > event.valueRange.start, 'a literal value is never empty');
          break;
        case 'token-acquire':
          if (event.fromCall !== undefined) assert.ok(callIds.has(event.fromCall));
          break;
        case 'token-use':
        case 'status-copy':
          if (event.callId !== undefined) assert.ok(callIds.has(event.callId));
          break;
        default:
          break;
      }
    });
  });
  // Every pair for small models; the edges and a few pairs for large ones.
  const ids =
    model.units.length <= 40
      ? [...Array(model.units.length + 2).keys()].map((i) => i - 1)
      : [-1, 0, 1, 7, model.units.length - 1, model.units.length];
  for (const from of ids) {
    assert.ok(model.flow.predecessors(from).every((p) => p < from));
    for (const to of ids) {
      for (const event of model.flow.longRunningBetween(from, to)) assert.equal(event.kind, 'long-running');
    }
  }
}

describe('extract-studio: properties', () => {
  it('has fixtures to mutate', () => {
    assert.ok(fixtures.length >= 16);
  });

  it('never throws on mutated fixtures and keeps every range inside the document', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (index, mutations) => {
          const text = applyMutations(fixtures[index]!, mutations);
          const { model } = extract(text);
          checkModel(model, text.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings and soups of notation pieces', function () {
    this.timeout(60000);
    const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), soup), (text) => {
        checkModel(extract(text).model, text.length);
      }),
      { numRuns: 500 },
    );
  });

  it('survives absurd nesting and size', function () {
    this.timeout(20000);
    const deepIf = `SNIPPET\n${'if (a) {\n'.repeat(3000)}var t = GetOAuthToken();\n${'}\n'.repeat(3000)}END SNIPPET\n`;
    const deepParens = `ASSIGN x = ${'('.repeat(2000)}1${')'.repeat(2000)};\n`;
    const deepConcat = `SNIPPET\nvar h = "Bearer " + ${Array.from({ length: 3000 }, (_, i) => `t${i}`).join(' + ')};\nEND SNIPPET\n`;
    const manyUnits = 'SNIPPET\nvar t = GetOAuthToken();\nEND SNIPPET\nWAIT 5\n'.repeat(400);
    for (const text of [deepIf, deepParens, deepConcat, manyUnits]) {
      const model = extractGuideModel({ kind: 'guide', text, guide: parseGuide(text) }, DEFAULT_SETTINGS);
      checkModel(model, text.length);
    }
  });
});
