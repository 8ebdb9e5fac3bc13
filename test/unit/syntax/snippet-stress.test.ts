import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walk } from '../../../server/src/syntax/snippet/ast';
import {
  INTERNAL_ERROR_PREFIX,
  MAX_ERRORS,
  MAX_NESTING_DEPTH,
  parseSnippet,
  type SnippetParseResult,
} from '../../../server/src/syntax/snippet/parser';
import { treeRangeProblems } from '../../../server/src/syntax/snippet/tree-check';
import { rangeOf } from '../../../server/src/syntax/snippet/ast';

const FIXTURES = join(__dirname, '../../fixtures/snippet');
const NESTING = `Nesting deeper than ${MAX_NESTING_DEPTH} levels`;

/** Parses text that may be broken: the result must still be a consistent tree. */
function parseAny(text: string): SnippetParseResult {
  const result = parseSnippet(text);
  assert.ok(!result.errors.some((e) => e.message.startsWith(INTERNAL_ERROR_PREFIX)), result.errors[0]?.message);
  assert.deepEqual(treeRangeProblems(result.program, text.length), []);
  for (const e of result.errors)
    assert.ok(e.range.start >= 0 && e.range.start <= e.range.end && e.range.end <= text.length);
  return result;
}

function messages(result: SnippetParseResult): string[] {
  return result.errors.map((e) => e.message);
}

/** A deterministic pseudo-random generator, so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('snippet parser: deep nesting', function () {
  this.timeout(20_000);

  it(`stops at ${MAX_NESTING_DEPTH} nested blocks with one clear error (10,000 nested IF x {)`, () => {
    const text = `${'IF x {\n'.repeat(10_000) + '}\n'.repeat(10_000)}after = 1\n`;
    const result = parseAny(text);
    assert.deepEqual(
      messages(result).map((m) => m.slice(0, NESTING.length)),
      [NESTING],
    );
    // Reported on the first line past the limit (line 257, which starts at offset 7 * 256).
    const at = result.errors[0]!.range.start;
    assert.ok(at >= 7 * MAX_NESTING_DEPTH && at < 7 * (MAX_NESTING_DEPTH + 1), String(at));
    assert.equal(result.program.body.length, 2);
    assert.equal(result.program.body[1]!.kind, 'Assign');
  });

  it('survives 10,000 nested bare braces, closed or not', () => {
    const closed = parseAny('{'.repeat(10_000) + '}'.repeat(10_000));
    assert.ok(messages(closed).some((m) => m.startsWith(NESTING)));
    const open = parseAny('IF x {'.repeat(10_000));
    assert.ok(messages(open).some((m) => m.startsWith(NESTING)));
    assert.ok(messages(open).some((m) => m.startsWith('This { is never closed')));
  });

  it('stops at the limit for 10,000 nested parentheses, closed or not', () => {
    const closed = parseAny(`x = ${'('.repeat(10_000)}a${')'.repeat(10_000)}\ny = 2`);
    assert.deepEqual(
      messages(closed).map((m) => m.slice(0, NESTING.length)),
      [NESTING],
    );
    assert.equal(closed.program.body.length, 2);
    const open = parseAny(`x = ${'('.repeat(10_000)}a\ny = 2`);
    assert.ok(messages(open).some((m) => m.startsWith(NESTING)));
  });

  it('stops at the limit for nested calls, indexes, unary minus and strings in interpolations', () => {
    for (const text of [
      `x = ${'f('.repeat(10_000)}${')'.repeat(10_000)}`,
      `x = a${'[b'.repeat(10_000)}${']'.repeat(10_000)}`,
      `x = ${'- '.repeat(10_000)}a`,
      `x = ${'"{'.repeat(10_000)}a${'}"'.repeat(10_000)}`,
      `x = ${'"{'.repeat(10_000)}`,
    ]) {
      const result = parseAny(text);
      assert.ok(
        messages(result).some((m) => m.startsWith(NESTING)),
        text.slice(0, 20),
      );
    }
  });

  it('reads 100,000 chained members and calls without recursion', () => {
    const text = `x = a${'.b(1)'.repeat(100_000)}`;
    assert.deepEqual(parseAny(text).errors, []);
  });
});

describe('snippet parser: binary junk and odd input', function () {
  this.timeout(20_000);

  it('parses the empty file and whitespace-only files without errors', () => {
    for (const text of ['', ' ', '\n', '\r\n\r\n', '\t \u00a0', '// just a comment']) {
      const result = parseAny(text);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.program.body, []);
    }
  });

  it('reports NUL bytes and control characters without throwing', () => {
    const result = parseAny('x = 1\u0000\u0000\u0007\nASSIGN y = 2');
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]!.message, /U\+0000/);
    assert.equal(result.program.body.length, 3);
  });

  it('reports lone surrogates in code, and keeps them as text inside strings', () => {
    const result = parseAny('x = "\ud800" \udc00 y = 1');
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]!.message, /U\+DC00/);
  });

  it('survives random bytes (including every control character and lone surrogates)', () => {
    const next = random(42);
    for (let round = 0; round < 20; round++) {
      let text = '';
      for (let i = 0; i < 5_000; i++) {
        const r = next();
        text +=
          r < 0.1
            ? String.fromCharCode(0xd800 + Math.floor(next() * 0x800))
            : String.fromCharCode(Math.floor(next() * 256));
      }
      const result = parseAny(text);
      assert.ok(result.errors.length > 0);
      assert.ok(result.errors.length <= MAX_ERRORS + 1);
    }
  });

  it(`caps the errors at ${MAX_ERRORS} and says so`, () => {
    const result = parseAny(') '.repeat(1).concat('\n').repeat(3_000));
    assert.equal(result.errors.length, MAX_ERRORS + 1);
    assert.ok(result.errors.some((e) => e.message.startsWith('Too many syntax errors')));
  });
});

describe('snippet parser: a 5 MB file', function () {
  this.timeout(30_000);

  it('parses realistic code of 5 MB without errors, with sane ranges, in reasonable time', () => {
    const sources = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.snippet'))
      .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
    const chunk = sources.map((s) => (s.endsWith('\n') ? s : `${s}\n`)).join('');
    const statementsPerChunk = parseSnippet(chunk).program.body.length;
    const copies = Math.ceil(5_000_000 / chunk.length);
    const text = chunk.repeat(copies);

    const started = performance.now();
    const result = parseSnippet(text);
    const elapsed = performance.now() - started;

    assert.deepEqual(result.errors, []);
    assert.deepEqual(rangeOf(result.program), { start: 0, end: text.length });
    assert.equal(result.program.body.length, statementsPerChunk * copies);
    let nodes = 0;
    let lastStart = -1;
    walk(result.program, (n) => {
      nodes++;
      // A pre-order walk meets ranges in non-decreasing start order.
      assert.ok(n.start >= lastStart);
      lastStart = n.start;
    });
    assert.ok(nodes > text.length / 20, `only ${nodes} nodes`);
    assert.deepEqual(treeRangeProblems(result.program, text.length), []);
    // Generous: the parser reads ~50-100 MB/s; this only catches accidental quadratic behaviour.
    assert.ok(elapsed < 5_000, `took ${elapsed.toFixed(0)} ms`);
  });
});
