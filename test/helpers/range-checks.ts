import { strict as assert } from 'node:assert';
import type { TextRange } from '../../server/src/common/text-range';
import { walkNodes, type GuideParseResult } from '../../server/src/syntax/guide';

/** `range` has integer offsets, in order, inside `within` (a range, or a document of that length). */
export function assertRangeInside(range: TextRange, within: TextRange | number, what: string): void {
  const bounds = typeof within === 'number' ? { start: 0, end: within } : within;
  assert.ok(
    Number.isInteger(range.start) && Number.isInteger(range.end),
    `${what}: integer offsets ${JSON.stringify(range)}`,
  );
  assert.ok(
    bounds.start <= range.start && range.start <= range.end && range.end <= bounds.end,
    `${what} ${range.start}-${range.end} lies inside ${bounds.start}-${bounds.end}`,
  );
}

/** As `assertRangeInside`, for a range the model may leave out. */
export function assertOptionalRangeInside(
  range: TextRange | undefined,
  within: TextRange | number,
  what: string,
): void {
  if (range !== undefined) assertRangeInside(range, within, what);
}

/**
 * Every object with numeric `start` and `end` reachable from `value` (parse results, errors, comments, acorn nodes)
 * is a range inside a document of `length`.
 */
export function assertEveryRangeInside(value: unknown, length: number): void {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number') {
      assertRangeInside({ start: record.start, end: record.end }, length, 'range');
    }
    for (const child of Object.values(record)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
}

/** Every range of a Studio parse result lies in the document, and every node of a SNIPPET block's code in its body. */
export function assertGuideRangesInside(result: GuideParseResult, length: number): void {
  assertEveryRangeInside(result, length);
  for (const item of result.items) {
    if (item.kind !== 'SnippetBlock') continue;
    walkNodes(item.program, (node) => {
      assert.ok(item.bodyRange.start <= node.start && node.end <= item.bodyRange.end, `${node.type} outside the body`);
    });
  }
}
