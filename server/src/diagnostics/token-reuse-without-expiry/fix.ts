import type { RestCallEvent } from '../../analysis/model/flow-model';
import { callById } from '../../analysis/model/queries';
import { toCodeRange } from '../../editing/code-region';
import { nodeAt } from '../../editing/snippet-tree';
import type { RuleFinding } from '../finding';
import type { Fix, FixContext } from '../fix';
import { tokenSourceOf } from './acquisition';
import { guideTokenFixes } from './guide-fix';
import { snippetTokenFixes } from './snippet-fix';

/** `tokenUrl` in `tokenProxy.MakeRestRequest(tokenUrl, …)`: the variable a Snippet token request sends to. */
function urlVariableOf(context: FixContext, call: RestCallEvent): string | undefined {
  const found = callById(context.model, call.id);
  const snippet = found && context.snippetCodeOf(found.unit);
  const range = snippet && toCodeRange(snippet.region, call.range);
  if (!snippet || !range) return undefined;
  const node = nodeAt(snippet.program, range, (n) => n.kind === 'Call');
  const url = node?.kind === 'Call' ? node.args[0] : undefined;
  return url?.kind === 'Identifier' ? url.text : undefined;
}

/**
 * token-reuse-without-expiry: Strategy B (preferred: a cached token refreshed when the time left is within the
 * buffer setting, inserted before the first use in the code unit; the acquiring action records the expiry too) and
 * Strategy A (a fresh token right before this request). Either way a call with the token runs only when there is one.
 */
export function tokenReuseFixes(finding: RuleFinding<'token-reuse-without-expiry'>, context: FixContext): Fix[] {
  const { unit, use, tokenRequest, acquisition } = finding.facts;
  const source = tokenSourceOf(tokenRequest, tokenRequest && urlVariableOf(context, tokenRequest));
  const { document, settings } = context;
  if (document.kind === 'guide') {
    const block = context.guideBlockOf(unit);
    return block ? guideTokenFixes(document, block, unit, use, source, settings) : [];
  }
  const snippet = context.snippetCodeOf(unit);
  return snippet
    ? snippetTokenFixes({
        document,
        context,
        snippet,
        unit,
        use,
        source,
        settings,
        ...(acquisition ? { acquisition } : {}),
      })
    : [];
}
