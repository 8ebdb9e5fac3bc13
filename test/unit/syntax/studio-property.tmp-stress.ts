import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseStudio, walkNodes, type StudioParseResult } from '../../../server/src/syntax/studio';
import { readAnnotated } from '../../helpers/annotated';

const FIXTURE_DIRS = [join(__dirname, '../../fixtures/guide'), join(__dirname, '../../fixtures/studio')];

const fixtures: string[] = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.studio'))
    .sort()
    .map((f) => readAnnotated(readFileSync(join(dir, f), 'utf8')).text),
);

/** Pieces that stress the notation's edges: block keywords, quotes, brackets, comments, line endings, substitutions. */
const PIECES = [
  'SNIPPET', 'END SNIPPET', 'snippet', '\n', '\r\n', '\r', '"', "'", '`', '{', '}', '(', ')', '[', ']', '/*', '*/', '//',
  'SET ', 'SET x = ', 'ASSIGN ', 'DECISION ', 'WAIT ', 'YES --> [', '...', '=', '==', ';', '{strToken}', '{global:x}',
  '${', '\\', '/', 'global:', '\u2028', '\ufeff', '\u00e9', '\ud83d\ude00', '\ud800', ' ', '\t', '0x', '1e', 'var ', 'if (',
];

type Mutation =
  | { kind: 'insert'; at: number; piece: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'replace'; at: number; char: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: fc.constantFrom(...PIECES.filter((p) => p.length === 1)) }),
);

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.piece + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.char + text.slice(at + 1);
  }
}

/** Every `{start, end}` anywhere in the result (items, errors, comments, substitutions, acorn nodes) lies in the text. */
function checkRanges(result: StudioParseResult, length: number): void {
  const seen = new Set<object>();
  const stack: unknown[] = [result];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number') {
      assert.ok(0 <= record.start && record.start <= record.end && record.end <= length, `range ${record.start}-${record.end} of ${length}`);
    }
    for (const child of Object.values(record)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  for (const item of result.items) {
    if (item.kind !== 'SnippetBlock') continue;
    walkNodes(item.program, (node) => {
      assert.ok(item.bodyRange.start <= node.start && node.end <= item.bodyRange.end, `${node.type} outside the body`);
    });
    for (const sub of item.substitutions) assert.equal(sub.range.end - sub.range.start, sub.name.length + 2);
  }
}

describe('studio parser: properties', () => {
  it('has fixtures to mutate', () => {
    assert.ok(fixtures.length >= 9);
  });

  it('never throws, always terminates and keeps every range inside the document', function () {
    this.timeout(0);
    fc.assert(
      fc.property(fc.nat({ max: fixtures.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), (index, mutations) => {
        const text = mutations.reduce(apply, fixtures[index]!);
        const result = parseStudio(text);
        assert.ok(!result.errors.some((e) => e.message.startsWith('Internal parser error')), JSON.stringify(result.errors));
        checkRanges(result, text.length);
        for (let i = 1; i < result.items.length; i++) {
          assert.ok(result.items[i - 1]!.range.start <= result.items[i]!.range.start, 'items in document order');
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 1000), ...(process.env.SEED ? { seed: Number(process.env.SEED) } : {}), endOnFailure: true },
    );
  });

  it('handles arbitrary strings and arbitrary sequences of notation pieces', function () {
    this.timeout(0);
    const pieceSoup = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), pieceSoup), (text) => {
        const result = parseStudio(text);
        assert.ok(!result.errors.some((e) => e.message.startsWith('Internal parser error')));
        checkRanges(result, text.length);
      }),
      { numRuns: Number(process.env.RUNS ?? 1000), ...(process.env.SEED ? { seed: Number(process.env.SEED) } : {}), endOnFailure: true },
    );
  });
});
