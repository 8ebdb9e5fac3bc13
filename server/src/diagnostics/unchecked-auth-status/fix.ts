import type { CodeUnit, FlowModel, RestCallEvent, TokenUseEvent } from '../../analysis/model/flow-model';
import type { ParsedDocument, GuideDocument } from '../../documents/parsed-document';
import type { RuleFinding } from '../finding';
import { claimsOf, type Fix, type FixContext } from '../fix';
import type { SnippetBlock } from '../../syntax/guide/ast';
import { authStatusHandler, cacheNameFor, defaultAuthStatusHandlerNames, tokenNamesFor } from '../../templates';
import { toCodeRange, type SnippetCode } from '../../editing/code-region';
import { allNodes } from '../../editing/guide-tree';
import { insertLinesAfter } from '../../editing/insertion';
import { eventsOfKind } from '../../analysis/model/queries';
import { errorVariableOf, expiryNameFor, uniqueName } from '../../editing/names';
import { useSite } from '../token-reuse-without-expiry/snippet-sites';
import { plannedTokenVariable } from '../token-reuse-without-expiry/snippet-fix';
import { namesIn, statementAt } from '../../editing/snippet-tree';
import { expiryVariables, persistentTokenVariables, spellingOf } from '../../editing/token-variables';
import { indentUnitOf, lineEndingOf } from '../../editing/text-layout';

const UNCHECKED_AUTH_STATUS_CODE = 'unchecked-auth-status';
const ADD_AUTH_HANDLING_TITLE = 'Add 401/403 handling';

/**
 * The variables a 401/403 must clear: the cached token(s) behind what this call sends and their expiries (see
 * `expiriesOf`). A call that sends no token clears nothing.
 */
function clearedVariables(
  model: FlowModel,
  unit: CodeUnit,
  call: RestCallEvent,
  selfIsPersistent: (variable: string) => boolean,
): { tokens: string[]; expiries: string[] } {
  const sent = eventsOfKind(unit, 'token-use').filter((u) => u.callId === call.id);
  const tokensBehind = (variables: readonly string[]): string[] => {
    const found = new Set<string>();
    for (const variable of variables) {
      if (selfIsPersistent(variable)) found.add(variable);
      for (const name of persistentTokenVariables(unit, variable)) found.add(name);
    }
    return [...found];
  };
  // Only what this call sends: a 401 from a call with no token (a health check, an API key) says nothing of them.
  // A response member sent as is (`{tokenResult.access_token}`) is no cache: the next request reads a new response.
  const tokens = tokensBehind(sent.map((u) => u.variable)).filter((t) => !t.includes('.'));
  return { tokens, expiries: tokens.length > 0 ? expiriesOf(tokens, expiryVariables(model)) : [] };
}

/**
 * The expiries that go with the cleared tokens (`crmToken` → `crmTokenExpiry`), so a 401 from one integration does
 * not force another's refresh; when none is named after them, the script's only expiry, else every one it tracks.
 */
function expiriesOf(tokens: readonly string[], tracked: readonly string[]): string[] {
  const paired = tokens.map((t) => expiryNameFor(t).toLowerCase()).filter((e) => tracked.includes(e));
  return paired.length > 0 || tracked.length <= 1 ? (paired.length > 0 ? paired : [...tracked]) : [...tracked];
}

function handlerNames(
  known: { tokens: string[]; expiries: string[] },
  code: string,
  notation: 'snippet' | 'guide',
): { tokenVariables: string[]; expiryVariables: string[] } {
  // Real Snippet: a call that sends no known token (an API key, Basic credentials) has nothing to clear. The guide's
  // notation keeps its own handler, which clears its cache whatever the call sends.
  if (known.tokens.length === 0 && known.expiries.length === 0 && notation === 'guide') {
    const defaults = defaultAuthStatusHandlerNames(notation);
    return { tokenVariables: [...defaults.tokenVariables], expiryVariables: [...defaults.expiryVariables] };
  }
  return {
    tokenVariables: known.tokens.map((t) => spellingOf(code, t)),
    expiryVariables: known.expiries.map((e) => spellingOf(code, e)),
  };
}

/**
 * When the script tracks no expiry at all, the token it sends is unmanaged (Pattern A): the handler then clears the
 * variables the Strategy B fix keeps the token and its expiry in, so both fixes (applied in any order, or together by
 * fix-all) agree. Snippet: the sent variable itself (or `cachedToken` for a whole-header or secure variable) and
 * `<name>Expiry`; guide: `strCachedToken` (or the sent variable when it is already a cache) and its expiry.
 */
function plannedCache(
  model: FlowModel,
  unit: CodeUnit,
  call: RestCallEvent,
  tokenName: (use: TokenUseEvent) => { name: string; replaced: boolean } | undefined,
): { tokens: string[]; expiries: string[] } | undefined {
  if (expiryVariables(model).length > 0) return undefined;
  const sent = eventsOfKind(unit, 'token-use').filter((u) => u.callId === call.id);
  const tokens = new Set<string>();
  for (const use of sent) {
    const planned = tokenName(use);
    if (planned && !planned.name.includes('.')) tokens.add(planned.name);
  }
  if (tokens.size === 0) return undefined;
  return { tokens: [...tokens], expiries: [...tokens].map(expiryNameFor) };
}

function snippetFix(
  document: ParsedDocument,
  snippet: SnippetCode,
  model: FlowModel,
  unit: CodeUnit,
  call: RestCallEvent,
): Fix[] {
  const { region, program } = snippet;
  const { code, eol } = region;
  const callRange = toCodeRange(region, call.range);
  const statementRange = toCodeRange(region, call.statementRange);
  if (!callRange || !statementRange) return [];
  const statement = statementAt(program, callRange);
  const client = /^(?:global:)?[A-Za-z_][\w$]*/i.exec(code.slice(callRange.start))?.[0];
  if (!statement || !client) return [];
  const taken = namesIn(program);
  const copies = new Set(
    eventsOfKind(unit, 'status-copy')
      .filter((c) => c.callId === call.id)
      .map((c) => c.variable),
  );
  const stem = client.replace(/^global:/i, '').replace(/proxy$/i, '');
  const base = stem === '' ? 'apiStatus' : `${stem}Status`;
  const free = (name: string): boolean => !taken.has(name.toLowerCase()) || copies.has(name.toLowerCase());
  const status = free(base)
    ? base
    : free(`${stem || 'api'}HttpStatus`)
      ? `${stem || 'api'}HttpStatus`
      : uniqueName(base, taken);
  const planned = plannedCache(model, unit, call, (use) => {
    const range = toCodeRange(region, use.range);
    if (!range) return undefined;
    const { token, replaced } = plannedTokenVariable([useSite(code, program, range)]);
    return { name: token, replaced };
  });
  const cleared = planned
    ? { tokenVariables: planned.tokens, expiryVariables: planned.expiries }
    : handlerNames(
        clearedVariables(model, unit, call, () => true),
        document.text,
        'snippet',
      );
  // The error is the token's (`crmTokenError`, set by its refresh too), else the call's own (`crmError`).
  const sentToken = cleared.tokenVariables[0];
  const error = sentToken !== undefined ? tokenNamesFor(sentToken).error : `${stem || 'api'}Error`;
  const insert = insertLinesAfter(code, statementRange.end, statement.statement.start, eol, (indent) =>
    authStatusHandler('snippet', {
      names: {
        request: client,
        response: call.resultVariable ?? 'apiResult',
        status,
        error,
        ...cleared,
      },
      successLines: [],
      eol,
      indentUnit: indentUnitOf(code),
      indent,
    }),
  );
  return [
    {
      title: ADD_AUTH_HANDLING_TITLE,
      code: UNCHECKED_AUTH_STATUS_CODE,
      preferred: true,
      edits: region.toDocumentEdits([insert]),
      claims: [claimsOf.call(call)],
    },
  ];
}

function guideFix(
  document: GuideDocument,
  block: SnippetBlock,
  model: FlowModel,
  unit: CodeUnit,
  call: RestCallEvent,
): Fix[] {
  const { text } = document;
  if (call.resultVariable === undefined) return [];
  const body = text.slice(block.bodyRange.start, block.bodyRange.end);
  const locals = new Set<string>();
  for (const node of allNodes(block.program)) {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') locals.add(node.id.name.toLowerCase());
  }
  const planned = plannedCache(model, unit, call, (use) => {
    const name = text
      .slice(use.range.start, use.range.end)
      .replace(/^\{|\}$/g, '')
      .replace(/^global:/i, '');
    const cache = cacheNameFor(name, 'guide');
    return { name: cache, replaced: cache !== name };
  });
  const cleared = planned
    ? { tokenVariables: planned.tokens, expiryVariables: planned.expiries }
    : handlerNames(
        clearedVariables(model, unit, call, (v) => !locals.has(v)),
        text,
        'guide',
      );
  const response = spellingOf(body, call.resultVariable);
  const eol = lineEndingOf(text);
  const insert = insertLinesAfter(text, call.statementRange.end, call.statementRange.start, eol, (indent) =>
    authStatusHandler('guide', {
      snippetBlock: false,
      names: { response, error: errorVariableOf(document, 'guide'), ...cleared },
      successLines: [],
      eol,
      indentUnit: indentUnitOf(body),
      indent,
    }),
  );
  return [
    {
      title: ADD_AUTH_HANDLING_TITLE,
      code: UNCHECKED_AUTH_STATUS_CODE,
      preferred: true,
      edits: [insert],
      claims: [claimsOf.call(call)],
    },
  ];
}

/**
 * unchecked-auth-status: the 401/403 handler right after the call's statement (one block per CASE: `CASE s = 401 |
 * s = 403`, `CASE s >= 200 & s < 300`). The code after the call is left as it is and still runs on success: the
 * handler only clears the cached token and its expiry and sets the error variable
 * (`AUTH_FAILURE`, `HTTP_<status>`, or "" on success) for the flow to branch on.
 */
export function uncheckedAuthStatusFixes(finding: RuleFinding<'unchecked-auth-status'>, context: FixContext): Fix[] {
  const { document, model } = context;
  const { unit, call } = finding.facts;
  if (document.kind === 'guide') {
    const block = context.guideBlockOf(unit);
    return block ? guideFix(document, block, model, unit, call) : [];
  }
  const snippet = context.snippetCodeOf(unit);
  return snippet ? snippetFix(document, snippet, model, unit, call) : [];
}
