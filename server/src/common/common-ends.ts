/**
 * Where two versions of a text start and stop differing: the length of their common prefix, and of their common
 * suffix within what the prefix leaves. Blocks are compared first (a comparison of two slices runs natively, so a
 * megabyte costs well under a millisecond), then characters.
 */

/** Characters compared at once. */
const BLOCK = 256;

/** How many leading characters `a` and `b` share. */
export function commonPrefixLength(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let length = 0;
  while (length + BLOCK <= shorter && a.slice(length, length + BLOCK) === b.slice(length, length + BLOCK)) {
    length += BLOCK;
  }
  while (length < shorter && a.charCodeAt(length) === b.charCodeAt(length)) length++;
  return length;
}

/** Where two versions of a text differ: the length of their common prefix, and of their common suffix after it. */
export interface CommonEnds {
  readonly prefix: number;
  readonly suffix: number;
}

export function commonEnds(before: string, after: string): CommonEnds {
  const prefix = commonPrefixLength(before, after);
  return { prefix, suffix: commonSuffixLength(before, after, Math.min(before.length, after.length) - prefix) };
}

/** How many trailing characters `a` and `b` share, at most `limit`. */
export function commonSuffixLength(a: string, b: string, limit: number): number {
  let length = 0;
  while (
    length + BLOCK <= limit &&
    a.slice(a.length - length - BLOCK, a.length - length) === b.slice(b.length - length - BLOCK, b.length - length)
  ) {
    length += BLOCK;
  }
  while (length < limit && a.charCodeAt(a.length - 1 - length) === b.charCodeAt(b.length - 1 - length)) length++;
  return length;
}
