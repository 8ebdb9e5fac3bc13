/**
 * Every diagnostic code the product reports, as a closed union: the registry (registry.ts) must define each of them,
 * settings and package.json list exactly these, and a typo in a code is a type error.
 */
const RULE_CODES = [
  'token-reuse-without-expiry',
  'token-expires-in-ignored',
  'token-expiry-no-buffer',
  'refresh-without-jitter',
  'token-fetch-in-loop',
  'unchecked-auth-status',
  'hardcoded-secret',
  'hardcoded-token',
  'resource-token-expiry-untracked',
  'token-fetch-unchecked',
  'unfilled-placeholder',
] as const;

/** Codes a rule over the flow model reports. */
export type RuleCode = (typeof RULE_CODES)[number];

/** The code of every syntax error, whichever parser found it. */
export const SYNTAX_ERROR_CODE = 'syntax-error';

/** A document over the size limit (`maxDocumentSizeKB`): not analysed at all. */
export const DOCUMENT_TOO_LARGE_CODE = 'document-too-large';

export type DiagnosticCode = typeof SYNTAX_ERROR_CODE | typeof DOCUMENT_TOO_LARGE_CODE | RuleCode;

/** Every code: syntax errors first, then the rules in catalog order, then the size limit. */
export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = [SYNTAX_ERROR_CODE, ...RULE_CODES, DOCUMENT_TOO_LARGE_CODE];

export function isDiagnosticCode(value: unknown): value is DiagnosticCode {
  return typeof value === 'string' && (DIAGNOSTIC_CODES as readonly string[]).includes(value);
}
