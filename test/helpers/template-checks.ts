import { strict as assert } from 'node:assert';
import type { LineEnding } from '../../server/src/templates';
import { parseSnippet } from '../../server/src/syntax/snippet/parser';
import { parseGuide, type SnippetBlock } from '../../server/src/syntax/guide';

/**
 * Checks shared by the template and snippet tests (parse errors, layout);
 * test/unit/templates/templates-code-checks.test.ts makes sure the checks themselves catch what they claim to.
 * Which constructs generated code may write is checked against docs/studio-constructs.md by
 * documented-constructs.ts.
 */

export function snippetErrors(text: string): string[] {
  return parseSnippet(text).errors.map(
    (e) => `${e.message} at ${e.range.start}: ${JSON.stringify(text.slice(e.range.start, e.range.start + 40))}`,
  );
}

/** Parse errors of guide-notation code; also reports SNIPPET bodies that only the loose parser could read. */
export function guideErrors(text: string): string[] {
  const result = parseGuide(text);
  const errors = result.errors.map(
    (e) => `${e.message} at ${e.range.start}: ${JSON.stringify(text.slice(e.range.start, e.range.start + 40))}`,
  );
  const blocks = result.items.filter((item): item is SnippetBlock => item.kind === 'SnippetBlock');
  for (const block of blocks)
    if (!block.exact) errors.push(`SNIPPET block at ${block.range.start} needed the loose parser`);
  return errors;
}

/** Every line ends with `eol`, and no other line break appears. */
export function assertLineEndings(text: string, eol: LineEnding, what: string): void {
  assert.ok(text.endsWith(eol), `${what}: does not end with ${JSON.stringify(eol)}`);
  const stripped = text.split(eol).join('');
  assert.ok(!/[\r\n]/.test(stripped), `${what}: has a line break other than ${JSON.stringify(eol)}`);
}

/** Every non-blank line starts with `indent`; blank lines are empty. */
export function assertIndented(text: string, eol: LineEnding, indent: string, what: string): void {
  const lines = text.split(eol).slice(0, -1);
  lines.forEach((line, i) => {
    if (line.trim() === '') assert.equal(line, '', `${what}: line ${i + 1} is blank but not empty`);
    else assert.ok(line.startsWith(indent), `${what}: line ${i + 1} lacks the indent: ${JSON.stringify(line)}`);
  });
}
