import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { INTERNAL_ERROR_PREFIX, parseSnippet } from '../../../server/src/syntax/snippet/parser';
import { treeRangeProblems } from '../../../server/src/syntax/snippet/tree-check';
import { readAnnotated } from '../../helpers/annotated';

const FIXTURES = join(__dirname, '../../fixtures/snippet');

/** Every Snippet fixture, error fixtures included (without their annotation lines). */
function loadFixtures(): string[] {
  const texts: string[] = [];
  for (const dir of [FIXTURES, join(FIXTURES, 'errors')]) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.snippet'))) {
      texts.push(readAnnotated(readFileSync(join(dir, name), 'utf8')).text);
    }
  }
  return texts;
}

const SOURCES = loadFixtures();

/** Fragments that stress the lexer's modes and the parser's recovery. */
const TRICKY = [
  '"', "'", '$"', '#"', '{', '}', '\\', '\\{', '\\"', '//', '\r', '\n', '\r\n', '\u0000', '\u0007', '(', ')', '[', ']',
  '=', '==', '|', '||', '&', '&&', '<>', '!', '.', ',', '-', ';', 'IF ', 'ELSE ', 'ELSE IF ', 'CASE ', 'DEFAULT ',
  'SELECT {', 'SWITCH x {', 'FOR i = 1 TO ', 'FOREACH x IN ', 'FUNCTION f(', 'RETURN ', 'WHILE ', 'global:', 'Global:',
  '\ud800', '\udc00', '😀', '–', 'ä', '\u00a0', '\ufeff',
];

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'splice'; at: number; source: number; from: number; length: number };

const position = fc.integer({ min: 0, max: 1_000_000 });
const payload = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: position, text: payload }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, length: fc.integer({ min: 1, max: 4 }), text: payload }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: position,
    source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
    from: position,
    length: fc.integer({ min: 1, max: 200 }),
  }),
);

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.length);
    case 'splice': {
      const source = SOURCES[m.source]!;
      const from = m.from % (source.length + 1);
      return text.slice(0, at) + source.slice(from, from + m.length) + text.slice(at);
    }
  }
}

/** The properties every parse must have, whatever the input. */
function checkParse(text: string): void {
  const started = performance.now();
  const result = parseSnippet(text);
  const elapsed = performance.now() - started;
  assert.ok(!result.errors.some((e) => e.message.startsWith(INTERNAL_ERROR_PREFIX)), result.errors[0]?.message);
  assert.deepEqual(result.program.range, { start: 0, end: text.length });
  assert.deepEqual(treeRangeProblems(result.program, text.length), []);
  for (const e of result.errors) {
    assert.ok(0 <= e.range.start && e.range.start <= e.range.end && e.range.end <= text.length, JSON.stringify(e));
    assert.ok(e.message.length > 0);
  }
  let previous = -1;
  for (const c of result.comments) {
    assert.ok(c.start > previous && c.end <= text.length && text.startsWith('//', c.start));
    previous = c.end;
  }
  assert.ok(elapsed < 1_000, `parse took ${elapsed.toFixed(0)} ms`);
}

describe('snippet parser: properties under random mutation', function () {
  this.timeout(30_000);

  it('parses every fixture unchanged', () => {
    assert.ok(SOURCES.length >= 10);
    for (const text of SOURCES) checkParse(text);
  });

  it('never throws, always terminates, and keeps every range inside its parent and in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SOURCES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (index, mutations) => {
          checkParse(mutations.reduce(apply, SOURCES[index]!));
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 1000), ...(process.env.SEED ? { seed: Number(process.env.SEED) } : {}), endOnFailure: true },
    );
  });

  it('also holds with fresh random seeds (different cases on every run)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SOURCES.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 20 }),
        (index, mutations) => {
          checkParse(mutations.reduce(apply, SOURCES[index]!));
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 1000), ...(process.env.SEED ? { seed: Number(process.env.SEED) } : {}), endOnFailure: true },
    );
  });

  it('holds for arbitrary strings built from the tricky fragments alone', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY, 'x', ' ', '1', 'ASSIGN ', 'a.b(', '}"'), { maxLength: 60 }), (parts) => {
        checkParse(parts.join(''));
      }),
      { numRuns: Number(process.env.RUNS ?? 1000), ...(process.env.SEED ? { seed: Number(process.env.SEED) } : {}), endOnFailure: true },
    );
  });
});
