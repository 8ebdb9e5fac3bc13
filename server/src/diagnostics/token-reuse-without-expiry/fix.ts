import type { TokenUseEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { ParsedDocument } from '../../documents/parsed-document';
import type { Finding } from '../finding';
import type { Fix } from '../fix';
import { snippetCodeAt } from '../../editing/code-region';
import { blockAt } from '../../editing/guide-tree';
import { eventAt, modelFor } from '../../editing/model-lookup';
import { tokenSourceOf } from './acquisition';
import { guideTokenFixes } from './guide-fix';
import { snippetTokenFixes } from './snippet-fix';

export { CODE as TOKEN_REUSE_CODE, STRATEGY_A_TITLE, STRATEGY_B_TITLE } from './titles';

/**
 * token-reuse-without-expiry: Strategy B (preferred: a cached token refreshed `bufferSeconds` before its expiry,
 * inserted before the first use in the code unit) and Strategy A (a fresh token right before this request).
 */
export function tokenReuseFixes(document: ParsedDocument, finding: Finding, settings: Settings): Fix[] {
  const model = modelFor(document, settings);
  const located = eventAt(model, 'token-use', finding.range);
  if (!located) return [];
  const use: TokenUseEvent = located.event;
  const source = tokenSourceOf(model, finding, located);
  if (document.kind === 'guide') {
    const block = blockAt(document, use.range.start);
    return block ? guideTokenFixes(document, block, located.unit, use, source, settings) : [];
  }
  const snippet = snippetCodeAt(document, use.range.start);
  return snippet ? snippetTokenFixes(document, snippet, located.unit, use, source, settings) : [];
}
