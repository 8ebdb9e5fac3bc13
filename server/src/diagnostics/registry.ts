import {
  DIAGNOSTIC_CODES,
  DOCUMENT_TOO_LARGE_CODE,
  type DiagnosticCode,
  type RuleCode,
  SYNTAX_ERROR_CODE,
} from './codes';
import type { DiagnosticMeta, RuleDefinition } from './definition';
import { tokenReuseWithoutExpiry } from './token-reuse-without-expiry';
import { tokenExpiresInIgnored } from './token-expires-in-ignored';
import { tokenExpiryNoBuffer } from './token-expiry-no-buffer';
import { refreshWithoutJitter } from './refresh-without-jitter';
import { tokenFetchInLoop } from './token-fetch-in-loop';
import { uncheckedAuthStatus } from './unchecked-auth-status';
import { hardcodedSecret } from './hardcoded-secret';
import { hardcodedToken } from './hardcoded-token';
import { resourceTokenExpiryUntracked } from './resource-token-expiry-untracked';
import { tokenFetchUnchecked } from './token-fetch-unchecked';
import { unfilledPlaceholder } from './unfilled-placeholder';

/**
 * Every diagnostic code and what it owns (its rule, its fixes or why it has none), in one table. The type demands an
 * entry for each code of the closed union, under its own code.
 */
export const RULES: { readonly [C in RuleCode]: RuleDefinition<C> } = {
  'token-reuse-without-expiry': tokenReuseWithoutExpiry,
  'token-expires-in-ignored': tokenExpiresInIgnored,
  'token-expiry-no-buffer': tokenExpiryNoBuffer,
  'refresh-without-jitter': refreshWithoutJitter,
  'token-fetch-in-loop': tokenFetchInLoop,
  'unchecked-auth-status': uncheckedAuthStatus,
  'hardcoded-secret': hardcodedSecret,
  'hardcoded-token': hardcodedToken,
  'resource-token-expiry-untracked': resourceTokenExpiryUntracked,
  'token-fetch-unchecked': tokenFetchUnchecked,
  'unfilled-placeholder': unfilledPlaceholder,
};

/** Syntax errors come from the parsers: no rule, and no automatic fix (the author's intent is unknown). */
const SYNTAX_ERROR: DiagnosticMeta = {
  code: SYNTAX_ERROR_CODE,
  defaultSeverity: 'error',
  title: 'The script text does not parse.',
};

/** The Analysis reports a document over the size limit instead of analysing it: no rule, nothing to fix. */
const DOCUMENT_TOO_LARGE: DiagnosticMeta = {
  code: DOCUMENT_TOO_LARGE_CODE,
  defaultSeverity: 'information',
  title: 'The document is larger than studioTokenLens.maxDocumentSizeKB and was not analysed.',
};

/** What every code says of itself, in DIAGNOSTIC_CODES order. */
export const CATALOG: readonly DiagnosticMeta[] = DIAGNOSTIC_CODES.map((code) => metaOf(code));

export function metaOf(code: DiagnosticCode): DiagnosticMeta {
  if (code === SYNTAX_ERROR_CODE) return SYNTAX_ERROR;
  if (code === DOCUMENT_TOO_LARGE_CODE) return DOCUMENT_TOO_LARGE;
  return RULES[code];
}
