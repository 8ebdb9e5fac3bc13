import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import type * as A from '../../../server/src/syntax/snippet/ast';
import { parseSnippet, reparseSnippet, type SnippetParseResult } from '../../../server/src/syntax/snippet/parser';
import { snippetStatementsReused } from '../../../server/src/syntax/snippet/reuse';
import { shiftedStatement } from '../../../server/src/syntax/snippet/shift';
import { fixtureTexts } from '../../helpers/fixture-texts';
import { applyMutation, type Mutation, mutationArbitrary } from '../../helpers/mutations';

const FIXTURES = join(__dirname, '../../fixtures/snippet');
const EXAMPLES = join(__dirname, '../../../examples');

/** Every Snippet fixture and example, error fixtures included (without their annotation lines). */
const SOURCES = fixtureTexts([FIXTURES, join(FIXTURES, 'errors'), EXAMPLES], '.snippet');

/** What a parse gives, in plain data: the tree, the errors, the comments and the tokens it was read from. */
function parsed(result: SnippetParseResult): unknown {
  const t = result.tokens;
  const tokens = t && {
    count: t.count,
    kinds: [...t.kinds.subarray(0, t.count)],
    starts: [...t.starts.subarray(0, t.count)],
    ends: [...t.ends.subarray(0, t.count)],
    flags: [...t.flags.subarray(0, t.count)],
    errors: t.errors,
  };
  return { program: result.program, errors: result.errors, comments: result.comments, tokens };
}

/** Paths where two trees' nodes list their properties in another order (the copy must share the parser's shapes). */
function keyOrderDifferences(a: unknown, b: unknown, path = '$'): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return [];
  const differences: string[] = [];
  const ka = Object.keys(a).join(',');
  const kb = Object.keys(b).join(',');
  if (ka !== kb) differences.push(`${path}: ${ka} / ${kb}`);
  for (const key of Object.keys(a)) {
    differences.push(
      ...keyOrderDifferences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      ),
    );
  }
  return differences;
}

/** One script of many statements: every fixture and example, one after another. */
const LONG = SOURCES.join('\n');

/** The same of the error-free ones: every statement there can be taken over. */
const LONG_CLEAN = SOURCES.filter((text) => parseSnippet(text).errors.length === 0).join('\n');

const EDIT_PIECES = [
  '"',
  "'",
  '$"',
  '#"',
  '{',
  '}',
  '\n',
  '\r',
  '\r\n',
  '//',
  'ELSE ',
  'IF x ',
  'ASSIGN ',
  '(',
  ')',
  'x',
  ' ',
  '=',
  '.',
  '\\',
  'END',
];

const edit = mutationArbitrary({
  kinds: ['insert', 'delete', 'replace', 'splice'],
  pieces: EDIT_PIECES,
  piecesWeight: 3,
  position: fc.integer({ min: 0, max: 1_000_000 }),
  maxDelete: 30,
  sources: SOURCES,
  maxSplice: 120,
});

/** Applies `edits` one after another, reparsing each version from the previous one: each equals a fresh parse. */
function reparsesAsFresh(start: string, edits: readonly Mutation[]): void {
  let text = start;
  let previous = parseSnippet(text);
  for (const e of edits) {
    text = applyMutation(text, e, SOURCES);
    const result = reparseSnippet(previous, text);
    assert.deepEqual(parsed(result), parsed(parseSnippet(text)));
    previous = result;
  }
}

describe('snippet parser: reuse of unchanged lines (tokens) and top-level statements after an edit', () => {
  it('moves a statement as a fresh parse of the code further on would read it, same values and property order', () => {
    let statements = 0;
    for (const text of SOURCES) {
      const pad = '\n  // moved\n';
      const before = parseSnippet(text).program.body;
      const after = parseSnippet(pad + text).program.body;
      assert.equal(after.length, before.length);
      before.forEach((statement, i) => {
        const moved = shiftedStatement(statement, pad.length);
        assert.deepEqual(moved, after[i]);
        assert.deepEqual(keyOrderDifferences(moved, after[i]), []);
        statements++;
      });
    }
    assert.ok(statements > 100, `only ${statements} statements`);
  });

  it('gives up moving a statement deeper than it can copy, and the reparse reads it again', () => {
    const chain = `ASSIGN total = ${Array.from({ length: 600 }, (_, i) => `a${i}`).join(' + ')}`;
    assert.equal(shiftedStatement(parseSnippet(chain).program.body[0]!, 5), undefined);
    const before = `ASSIGN n = 1\n${chain}\n`;
    const after = `ASSIGN n = 22\n${chain}\n`;
    assert.deepEqual(parsed(reparseSnippet(parseSnippet(before), after)), parsed(parseSnippet(after)));
  });

  it('reads again only the statements around an edit', () => {
    const previous = parseSnippet(LONG_CLEAN);
    assert.deepEqual(previous.errors, []);
    const statements = previous.program.body.length;
    const at = LONG_CLEAN.indexOf('https://', LONG_CLEAN.length >> 1) + 'https://'.length;
    const text = `${LONG_CLEAN.slice(0, at)}x${LONG_CLEAN.slice(at)}`;
    const reusedBefore = snippetStatementsReused();
    const result = reparseSnippet(previous, text);
    const reused = snippetStatementsReused() - reusedBefore;
    assert.deepEqual(parsed(result), parsed(parseSnippet(text)));
    assert.ok(statements > 50, `${statements} statements`);
    assert.ok(reused >= statements - 3, `${reused} of ${statements} taken over`);
    // Before the edit, the same objects; after it, copies.
    const first = result.program.body[0]!;
    assert.equal(first, previous.program.body[0]);
    assert.notEqual(result.program.body.at(-1), previous.program.body.at(-1));
  });

  it('takes nothing over where the edit changes how the rest reads (an opened string, a deleted brace)', () => {
    for (const piece of ['"', '{', '}', '// ', 'IF x {\n']) {
      const previous = parseSnippet(LONG);
      const at = LONG.indexOf('\nASSIGN', LONG.length >> 2) + 1;
      const text = `${LONG.slice(0, at)}${piece}${LONG.slice(at)}`;
      assert.deepEqual(parsed(reparseSnippet(previous, text)), parsed(parseSnippet(text)), JSON.stringify(piece));
    }
  });

  it('reads a statement again when an edit keeps its tokens where they were (one letter of a name replaced)', () => {
    const before = 'ASSIGN price = 10\nASSIGN total = price * 2\nASSIGN shipping = 5\n';
    const after = before.replace('total = price', 'total = prize');
    const result = reparseSnippet(parseSnippet(before), after);
    assert.deepEqual(parsed(result), parsed(parseSnippet(after)));
    const value = result.program.body[1]!.kind === 'Assign' ? result.program.body[1]!.value : undefined;
    assert.equal(value?.kind === 'Binary' && value.left.kind === 'Identifier' ? value.left.name : '', 'prize');
    // The same where the changed name is the statement's first token (an assignment without ASSIGN).
    const bare = 'ASSIGN count = 1\nprice = 10\nASSIGN shipping = 5\n';
    const renamed = bare.replace('price', 'prize');
    assert.deepEqual(parsed(reparseSnippet(parseSnippet(bare), renamed)), parsed(parseSnippet(renamed)));
  });

  it('equals a fresh parse after every edit of random sequences (each reparse from the previous one)', function () {
    this.timeout(60_000);
    const reusedBefore = snippetStatementsReused();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SOURCES.length - 1 }),
        fc.boolean(),
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        (index, long, edits) => reparsesAsFresh(long ? LONG : SOURCES[index]!, edits),
      ),
      { numRuns: 300, seed: 20261202 },
    );
    const reused = snippetStatementsReused() - reusedBefore;
    assert.ok(reused > 10_000, `only ${reused} statements were taken over: the property hardly tested reuse`);
  });

  it('equals a fresh parse with fresh random seeds too', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SOURCES.length - 1 }), fc.array(edit, { maxLength: 12 }), (index, edits) =>
        reparsesAsFresh(SOURCES[index]!, edits),
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the first statements of a text that only grew at its end (typing a new last line)', () => {
    let text = 'ASSIGN a = 1\nASSIGN b = 2\nASSIGN c = 3\n';
    let previous = parseSnippet(text);
    const kept: A.Statement[] = [...previous.program.body];
    for (const ch of 'ASSIGN d = "x"') {
      text += ch;
      previous = reparseSnippet(previous, text);
      assert.deepEqual(parsed(previous), parsed(parseSnippet(text)));
    }
    assert.equal(previous.program.body[0], kept[0]);
    assert.equal(previous.program.body[1], kept[1]);
  });
});
