/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 makes `big.slice(a, b)` (of 13
 * characters or more) a view that keeps all of `big` alive; a piece of one version of a document that outlives it
 * (an export action's code, whose parse the next versions keep while the action is unchanged) would otherwise keep
 * every earlier version's whole text. `' ' + text` is a two-part string; slicing it makes V8 flatten the two parts
 * into one new string first, and the result is a view of that copy alone.
 */
export function detachedCopy(text: string): string {
  return ` ${text}`.slice(1);
}
