/**
 * The one vocabulary of the analysis: what names, values, URLs and actions mean in a Studio script. Every extractor
 * (real Snippet, the guide's notation, Desktop Studio exports) asks here, so a name or a value means the same in
 * every notation. The extractors read their own syntax trees; nothing here knows a tree.
 *
 * - names.ts: variable names (tokens, expiries, lifetimes, errors, random spreads)
 * - time.ts: what "now" is, time units
 * - values.ts: what a plain value means (clearing, absent, an error)
 * - http.ts: requests, headers, responses, status codes
 * - javascript.ts: words of the guide's JavaScript-like bodies only
 * - credential-patterns.ts: token endpoints and requests, where secrets and literal tokens are written
 * - secret-values.ts: whether a literal is a secret (its value, its place, its name) and how sure that is
 * - long-running-actions.ts: Studio actions that can keep a contact waiting
 *
 * Code outside analysis/ imports the vocabulary from here. The extractors import the one file they need: run from
 * source (tests, `npm run bench`), every call through a re-export costs one more property getter, and the extractors
 * ask the vocabulary for every name and node.
 */
export * from './credential-patterns';
export * from './http';
export * from './javascript';
export * from './long-running-actions';
export * from './names';
export * from './secret-values';
export * from './time';
export * from './values';
