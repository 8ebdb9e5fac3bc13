import type { Severity } from './severity';
import { SYNTAX_ERROR_CODE } from './finding';

/** What every diagnostic code is: the closed registry the CLI, SARIF and the server describe codes from. */
export interface RuleMeta {
  readonly code: string;
  readonly defaultSeverity: Severity;
  /** One line, as a SARIF shortDescription or a README table row. */
  readonly title: string;
}

export const RULE_CATALOG: readonly RuleMeta[] = [
  { code: SYNTAX_ERROR_CODE, defaultSeverity: 'error', title: 'The script text does not parse.' },
  {
    code: 'token-reuse-without-expiry',
    defaultSeverity: 'warning',
    title: 'A token acquired once is reused later with no expiry check (Pattern A).',
  },
  {
    code: 'token-expires-in-ignored',
    defaultSeverity: 'warning',
    title: "A token's expiry ignores the response's expires_in, or a cached token has no expiry.",
  },
  {
    code: 'token-expiry-no-buffer',
    defaultSeverity: 'warning',
    title: 'An expiry check has no safety buffer against clock drift.',
  },
  {
    code: 'refresh-without-jitter',
    defaultSeverity: 'hint',
    title: 'A fixed refresh buffer makes many contacts refresh at the same instant.',
  },
  {
    code: 'token-fetch-in-loop',
    defaultSeverity: 'information',
    title: 'A token is fetched inside a loop or before each of many calls.',
  },
  {
    code: 'unchecked-auth-status',
    defaultSeverity: 'warning',
    title: 'A REST call whose 401/403 status is never handled.',
  },
  {
    code: 'hardcoded-secret',
    defaultSeverity: 'error',
    title: 'A client secret, password or API key is written in the script.',
  },
  { code: 'hardcoded-token', defaultSeverity: 'error', title: 'A bearer token or JWT is written in the script.' },
  {
    code: 'resource-token-expiry-untracked',
    defaultSeverity: 'warning',
    title: 'The resource token of a two-step exchange has no expiry of its own.',
  },
  {
    code: 'token-fetch-unchecked',
    defaultSeverity: 'warning',
    title: 'A token response is used without checking that the token call succeeded.',
  },
];

const BY_CODE = new Map(RULE_CATALOG.map((rule) => [rule.code, rule]));

export function ruleMeta(code: string): RuleMeta | undefined {
  return BY_CODE.get(code);
}
