import type { CodeUnit, FlowModel } from '../analysis/model/flow-model';
import { eventsOfKind } from '../analysis/model/queries';

/**
 * The spelling a folded name has in the code (`accesstoken` → `accessToken`), or the folded name when it is not found.
 */
export function spellingOf(code: string, folded: string): string {
  const escaped = folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'i').exec(code)?.[0] ?? folded;
}

/**
 * The variables that keep a token for later (what a 401 handler must clear), starting from one the code sends:
 * the variable itself when it is written for later (SET, `global:`, any Snippet assignment), the script variables
 * it was read from (`var t = "{strCachedToken}"`), and the ones it is copied into (`SET strCachedToken = t`).
 */
export function persistentTokenVariables(unit: CodeUnit, variable: string): string[] {
  const acquisitions = eventsOfKind(unit, 'token-acquire');
  const seen = new Set<string>([variable]);
  const queue = [variable];
  const persistent = new Set<string>();
  while (queue.length > 0) {
    const name = queue.shift()!;
    for (const a of acquisitions) {
      if (a.variable === name && a.persistent) persistent.add(name);
      const linked =
        a.variable === name && a.fromVariable !== undefined
          ? a.fromVariable
          : a.fromVariable === name
            ? a.variable
            : undefined;
      if (a.variable === name && a.source === 'cache-read' && a.fromVariable !== undefined)
        persistent.add(a.fromVariable);
      if (linked !== undefined && !seen.has(linked) && seen.size < 32) {
        seen.add(linked);
        queue.push(linked);
      }
    }
  }
  return [...persistent];
}

/**
 * Variables that hold a token's expiry anywhere in the document (set from a response or a constant; clears excluded).
 */
export function expiryVariables(model: FlowModel): string[] {
  const names = new Set<string>();
  for (const unit of model.units)
    for (const set of eventsOfKind(unit, 'expiry-set')) if (!set.clears) names.add(set.variable);
  return [...names];
}

/** `X` in `… = X.access_token`: the response (Snippet) or parsed body (guide) a token is read from. */
export function responseIn(statementText: string): string | undefined {
  return /=\s*([^=;\r\n]+?)\s*\.\s*access_token\b/.exec(statementText)?.[1]?.trim();
}
