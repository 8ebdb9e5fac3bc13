/**
 * What an assigned or compared value means, decided on the value itself: each extractor reads its own syntax
 * (a Snippet literal, an acorn Literal or template, `null`, `undefined`) into a `PlainValue` and asks here, so a
 * `""`, a `"0"` or a `0` means the same in every notation.
 */
export type PlainValue =
  /** Literal text with nothing substituted or interpolated in it (escapes decoded). */
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** No value: JavaScript's `null` and `undefined`, Snippet's unassigned `null` name. */
  | { readonly kind: 'nothing' }
  /** Anything computed when the script runs: a variable, a call, text with a substitution in it. */
  | { readonly kind: 'computed' }
  /** Code that did not parse (error recovery): it means nothing. */
  | { readonly kind: 'unreadable' };

export const COMPUTED: PlainValue = Object.freeze({ kind: 'computed' });
export const NOTHING: PlainValue = Object.freeze({ kind: 'nothing' });
export const UNREADABLE: PlainValue = Object.freeze({ kind: 'unreadable' });

const WHOLE_NUMBER = /^-?\d+$/;

/** A number, or text that is a whole number (`"401"` is compared as a number, as Studio does). */
export function numberOf(value: PlainValue): number | undefined {
  if (value.kind === 'number') return Number.isFinite(value.value) ? value.value : undefined;
  return value.kind === 'text' ? wholeNumberIn(value.text) : undefined;
}

/** The whole number some text is (blanks around it allowed), or undefined. */
export function wholeNumberIn(text: string): number | undefined {
  const trimmed = text.trim();
  return WHOLE_NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

/** No value at all: blank text (`""`, `" "`), `null`, `undefined`. What a token presence test compares with. */
export function isAbsentValue(value: PlainValue): boolean {
  return value.kind === 'nothing' || (value.kind === 'text' && value.text.trim() === '');
}

/** Clears a cached value, as a 401 handler does to an expiry: no value, or zero (`""`, `"0"`, `0`, `null`). */
export function isClearingValue(value: PlainValue): boolean {
  return isAbsentValue(value) || numberOf(value) === 0;
}

/**
 * A value that signals an error when stored in an error variable: anything but a reset (`""`, `"0"`, `0`, `false`,
 * `null`) or unreadable code. A computed value (`"AUTH_{code}"`, `code`) signals one.
 */
export function isErrorValue(value: PlainValue): boolean {
  if (value.kind === 'unreadable') return false;
  if (value.kind === 'boolean') return value.value;
  return !isClearingValue(value);
}
