/** Half-open range of UTF-16 offsets into a document's text: `start <= i < end`. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A syntax problem found by one of the parsers. Parsers collect these; they never throw. */
export interface ParseError {
  readonly range: TextRange;
  readonly message: string;
}

/** The ranges of a list sorted by start that start inside `range` (binary search: comments of a statement). */
export function rangesStartingIn<R extends TextRange>(sorted: readonly R[], range: TextRange): readonly R[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.start < range.start) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < sorted.length && sorted[end]!.start < range.end) end++;
  return sorted.slice(low, end);
}

/** `range` moved by `by` characters (a new range: ranges are shared, never changed). */
export function shiftedRange(range: TextRange, by: number): TextRange {
  return { start: range.start + by, end: range.end + by };
}
