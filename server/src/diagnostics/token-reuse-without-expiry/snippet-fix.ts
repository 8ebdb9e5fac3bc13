import type { CodeUnit, TokenAcquireEvent, TokenUseEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { ParsedDocument } from '../../documents/parsed-document';
import { claimsOf, type Fix, type FixContext } from '../fix';
import {
  cacheNameFor,
  expiryFromExpiresIn,
  PLACEHOLDER_TOKEN_URL,
  REFRESH_BUFFER_SETTING,
  strategyA,
  strategyB,
  tokenNamesFor,
  type LineEnding,
} from '../../templates';
import { LineWriter, renderLines } from '../../templates/layout';
import { toCodeRange, type SnippetCode } from '../../editing/code-region';
import { insertLinesAfter, insertLinesBefore } from '../../editing/insertion';
import { eventsOfKind } from '../../analysis/model/queries';
import { raiseMaxStringSize } from '../../editing/max-string-size';
import { mergeInsertions } from '../../editing/merge-insertions';
import { proxyTimeoutOf } from '../../editing/proxy-timeout';
import { assignedName, nodesOfKind, statementAt, type SnippetSlot } from '../../editing/snippet-tree';
import { staleCommentEdit } from '../../editing/stale-comment';
import { indentUnitOf } from '../../editing/text-layout';
import { responseIn, spellingOf } from '../../editing/token-variables';
import { credentialNames, isComplete, type TokenSource } from './acquisition';
import { guardTokenCalls } from './call-guard';
import { commonSlot, requestStart, useSite, type SnippetUseSite } from './snippet-sites';
import { STRATEGY_A_TITLE, STRATEGY_B_TITLE, CODE } from './titles';

/** A variable set outside the script (`{SECURE_ACCESS_TOKEN}`): the script must not write it. */
const SECURE_NAME = /^(?:global:)?SECURE_/i;

/**
 * The variable that keeps the refreshed token: the one the script sends, when every use sends it raw
 * (`Bearer {token}`), so nothing else changes and later actions see the refreshed value too. A variable sent as the
 * whole header (`"{token}"`, holding `Bearer …` itself) or set outside the script (`{SECURE_ACCESS_TOKEN}`) cannot
 * keep it: the token goes to a cache named after it (templates/token-names.ts: `token` → `cachedToken`), written as
 * `Bearer {cachedToken}` at those uses. The 401 handler's fix asks the same question (`plannedTokenVariable`).
 */
export function plannedTokenVariable(sites: readonly SnippetUseSite[]): { token: string; replaced: boolean } {
  const name = sites[0]!.name;
  if (!SECURE_NAME.test(name) && sites.every((site) => !site.wholeHeader)) return { token: name, replaced: false };
  return { token: cacheNameFor(name, 'snippet'), replaced: true };
}

function rewritesFor(sites: readonly SnippetUseSite[], token: string, code: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const stale = new Map<number, TextEdit>();
  for (const site of sites) {
    edits.push(
      site.wholeHeader
        ? { range: site.interpolationRange, newText: `Bearer {${token}}` }
        : { range: site.range, newText: token },
    );
    const comment = staleCommentEdit(code, site.range.end, site.name);
    if (comment) stale.set(comment.range.start, comment);
  }
  return [...edits, ...stale.values()];
}

/** The comment above a token request whose endpoint or credentials are not in the document. */
function fillInComment(token: string, source: TokenSource, clientId: string, clientSecret: string): string[] {
  const known = source.url
    ? ` (its acquisition posts to ${source.url.slice(1, -1)} in a way this fix cannot copy)`
    : '';
  return [
    `// TODO fill in: ${token}'s token request is not in this script${known}. Write your token endpoint below`,
    `// (its .invalid host never resolves, so nothing is sent until then) and set ${clientId} and ${clientSecret}` +
      ' outside the script text.',
  ];
}

/** The statement that stores an acquired token from a response, with the response variable it reads. */
function storedFromResponse(
  snippet: SnippetCode,
  event: TokenAcquireEvent,
): { statement: SnippetSlot; response: string; token: string } | undefined {
  if (event.source !== 'response') return undefined;
  const range = toCodeRange(snippet.region, event.range);
  if (!range) return undefined;
  const statement = statementAt(snippet.program, range);
  if (statement?.statement.kind !== 'Assign') return undefined;
  const { code } = snippet.region;
  const response = responseIn(code.slice(statement.statement.start, statement.statement.end).replace(/"\{|\}"/g, ''));
  const target = statement.statement.target;
  if (!response || target.kind !== 'Identifier') return undefined;
  return { statement, response, token: target.text };
}

export interface SnippetTokenFixInput {
  readonly document: ParsedDocument;
  readonly context: FixContext;
  readonly snippet: SnippetCode;
  readonly unit: CodeUnit;
  readonly use: TokenUseEvent;
  readonly source: TokenSource;
  /** Where the token was acquired (another action of an export, or earlier in this code), when the model shows it. */
  readonly acquisition?: { readonly unit: CodeUnit; readonly event: TokenAcquireEvent };
  readonly settings: Settings;
}

export function snippetTokenFixes(input: SnippetTokenFixInput): Fix[] {
  const { document, context, snippet, unit, use, source, settings } = input;
  const { region, program } = snippet;
  const { code, eol } = region;
  const toSite = (event: TokenUseEvent): SnippetUseSite | undefined => {
    const range = toCodeRange(region, event.range);
    return range ? useSite(code, program, range) : undefined;
  };
  const own = toSite(use);
  if (!own) return [];
  const unitUses = eventsOfKind(unit, 'token-use').filter((u) => u.variable === use.variable);
  const sitesOf = (uses: readonly TokenUseEvent[]): SnippetUseSite[] =>
    uses.map(toSite).filter((s): s is SnippetUseSite => s !== undefined);
  const sites = sitesOf(unitUses);
  const callUses = unitUses.filter((u) => u.callId !== undefined && u.callId === use.callId);
  const callSites = sitesOf(callUses);

  const indentUnit = indentUnitOf(code);
  const complete = isComplete(source);
  const timeoutSeconds = proxyTimeoutOf(document);
  const requestCode = (token: string) => {
    const names = tokenNamesFor(token, settings.secretVariableName);
    const credentials = credentialNames(source, token, settings);
    const url = complete ? source.url! : `"${PLACEHOLDER_TOKEN_URL}"`;
    const todo = complete ? [] : fillInComment(token, source, credentials.clientIdName, credentials.clientSecretName);
    return { names, credentials, url, todo, body: complete ? source.body : undefined };
  };

  const fixes: Fix[] = [];

  // Strategy B: one refresh block before the first use in this code; every call with the token runs only with one.
  const slotB = commonSlot(sites.length > 0 ? sites : [own]);
  if (slotB) {
    const plan = plannedTokenVariable(sites.length > 0 ? sites : [own]);
    const { names, credentials, url, todo, body } = requestCode(plan.token);
    const setsBuffer = nodesOfKind(program, 'Assign').some(
      (a) => assignedName(a) === REFRESH_BUFFER_SETTING.toLowerCase(),
    );
    const at = requestStart(slotB).statement.start;
    const insert = insertLinesBefore(code, at, eol, (indent) => {
      const layout = { eol, indentUnit, indent };
      return (
        renderLines(new LineWriter().verbatim(todo).lines, layout) +
        strategyB('snippet', {
          names: {
            cachedToken: plan.token,
            tokenExpiry: names.expiry,
            lifetime: names.lifetime,
            error: names.error,
            request: names.proxy,
            response: names.result,
            tokenUrl: url,
            ...credentials,
          },
          ...(body !== undefined ? { body } : {}),
          bufferSetting: !setsBuffer,
          bufferSeconds: settings.bufferSeconds,
          jitter: settings.jitter,
          timeoutSeconds,
          ...layout,
        })
      );
    });
    const guards = guardTokenCalls(snippet, unit, unitUses, { token: plan.token, error: names.error });
    const rewrites = plan.replaced ? rewritesFor(sites, plan.token, code) : [];
    const expiry = acquisitionExpiry(context, input, plan.token);
    const edits = [
      ...region.toDocumentEdits(mergeInsertions([insert, ...guards.edits, ...rewrites])),
      ...expiry,
      ...raiseMaxStringSize(document, snippet),
    ];
    const claims = [
      claimsOf.tokens(unit),
      ...guards.calls.map((id) => claimsOf.call({ id })),
      ...(expiry.length > 0 && input.acquisition ? [claimsOf.tokens(input.acquisition.unit)] : []),
    ];
    fixes.push({ title: STRATEGY_B_TITLE, code: CODE, preferred: true, edits, claims });
  }

  // Strategy A: a fresh token right before this call only, and the call only with one.
  const slotA = commonSlot(callSites.length > 0 ? callSites : [own]);
  if (slotA) {
    const plan = plannedTokenVariable(callSites.length > 0 ? callSites : [own]);
    const { names, credentials, url, todo } = requestCode(plan.token);
    const at = requestStart(slotA).statement.start;
    const insert = insertLinesBefore(code, at, eol, (indent) => {
      const layout = { eol, indentUnit, indent };
      return (
        renderLines(new LineWriter().verbatim(todo).lines, layout) +
        strategyA('snippet', {
          apiCall: false,
          names: {
            accessToken: plan.token,
            error: names.error,
            request: names.proxy,
            response: names.result,
            tokenUrl: url,
            ...credentials,
          },
          ...layout,
        })
      );
    });
    const guards = guardTokenCalls(snippet, unit, callUses.length > 0 ? callUses : [use], {
      token: plan.token,
      error: names.error,
    });
    const rewrites = plan.replaced ? rewritesFor(callSites.length > 0 ? callSites : [own], plan.token, code) : [];
    fixes.push({
      title: STRATEGY_A_TITLE,
      code: CODE,
      preferred: false,
      edits: [
        ...region.toDocumentEdits(mergeInsertions([insert, ...guards.edits, ...rewrites])),
        ...raiseMaxStringSize(document, snippet),
      ],
      claims: [claimsOf.tokens(unit), ...guards.calls.map((id) => claimsOf.call({ id }))],
    });
  }
  return fixes;
}

/**
 * Strategy B in the action that uses the token checks an expiry that the acquiring action must record: without it
 * the expiry is empty at the first check and every contact fetches a second token at once. When the token was stored
 * from a response in another action with no expiry of its own, its expiry is recorded right after (and that action's
 * MaxStringSize raised, as for the action the refresh goes into).
 */
function acquisitionExpiry(context: FixContext, input: SnippetTokenFixInput, token: string): TextEdit[] {
  const acquisition = input.acquisition;
  if (!acquisition || acquisition.unit === input.unit) return [];
  const folded = token.toLowerCase().replace(/^global:/, '');
  if (acquisition.event.variable !== folded) return [];
  const names = tokenNamesFor(token, input.settings.secretVariableName);
  const expiry = names.expiry.toLowerCase().replace(/^global:/, '');
  if (eventsOfKind(acquisition.unit, 'expiry-set').some((e) => e.variable === expiry && !e.clears)) return [];
  const snippet = context.snippetCodeOf(acquisition.unit);
  if (!snippet) return [];
  const stored = storedFromResponse(snippet, acquisition.event);
  if (!stored) return [];
  const { code, eol } = snippet.region;
  const response = spellingOf(code, stored.response.toLowerCase()) || stored.response;
  const edit = insertLinesAfter(
    code,
    stored.statement.statement.end,
    stored.statement.statement.start,
    eol as LineEnding,
    (indent) =>
      expiryFromExpiresIn('snippet', {
        expiry: names.expiry,
        lifetime: names.lifetime,
        response,
        eol: eol as LineEnding,
        indentUnit: indentUnitOf(code),
        indent,
      }),
  );
  // That action reads a token response too: it gets the room a token response needs.
  return [...snippet.region.toDocumentEdits([edit]), ...raiseMaxStringSize(input.document, snippet)];
}
