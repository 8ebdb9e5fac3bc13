import type { FlowModel } from '../analysis/model/flow-model';
import type { Settings } from '../common/settings';
import type { ParsedDocument } from '../documents/parsed-document';
import type { Finding } from './finding';
import { hardcodedSecret } from './hardcoded-secret/rule';
import { hardcodedToken } from './hardcoded-token/rule';
import { refreshWithoutJitter } from './refresh-without-jitter/rule';
import { resourceTokenExpiryUntracked } from './resource-token-expiry-untracked/rule';
import { createRuleContext, type Rule } from './rule';
import { tokenExpiresInIgnored } from './token-expires-in-ignored/rule';
import { tokenExpiryNoBuffer } from './token-expiry-no-buffer/rule';
import { tokenFetchInLoop } from './token-fetch-in-loop/rule';
import { tokenFetchUnchecked } from './token-fetch-unchecked/rule';
import { tokenReuseWithoutExpiry } from './token-reuse-without-expiry/rule';
import { uncheckedAuthStatus } from './unchecked-auth-status/rule';

/** Every rule, in catalog order. */
export const RULES: readonly Rule[] = [
  tokenReuseWithoutExpiry,
  tokenExpiresInIgnored,
  tokenExpiryNoBuffer,
  refreshWithoutJitter,
  tokenFetchInLoop,
  uncheckedAuthStatus,
  hardcodedSecret,
  hardcodedToken,
  resourceTokenExpiryUntracked,
  tokenFetchUnchecked,
];

/**
 * Runs every rule that is not turned off over the flow model. Findings carry the catalog's default severity
 * (lint.ts applies the user's levels), appear once per code and range, and are sorted by position.
 */
export function runRules(model: FlowModel, document: ParsedDocument, settings: Settings): Finding[] {
  const context = createRuleContext(document, settings);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (settings.rules[rule.code] === 'off') continue;
    let produced: Finding[];
    try {
      produced = rule.check(model, context);
    } catch {
      // A rule that trips over a partial model (broken code) must not hide the other rules' findings.
      produced = [];
    }
    for (const found of produced) {
      const key = `${found.code}@${found.range.start}:${found.range.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(found);
    }
  }
  return findings.sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code),
  );
}
