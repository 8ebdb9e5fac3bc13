/** Real Snippet code (what Studio's SNIPPET action runs): tokens, syntax tree and parser. */
export * from './ast';
export { INTERNAL_ERROR_PREFIX, MAX_ERRORS, MAX_NESTING_DEPTH, parseSnippet, type SnippetParseResult } from './parser';
export { tokenize, type TokenStream } from './lexer';
export { treeRangeProblems } from './tree-check';
