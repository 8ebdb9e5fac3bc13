import type { CodeUnit, TokenUseEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { ParsedDocument } from '../../documents/parsed-document';
import type { Fix } from '../fix';
import { strategyA, strategyB, type LineEnding } from '../../templates';
import { LineWriter, renderLines } from '../../templates/layout';
import { DEFAULT_TOKEN_URL } from '../../templates/token-request';
import { toCodeRange, type SnippetCode } from '../../editing/code-region';
import { insertLinesBefore } from '../../editing/insertion';
import { eventsOfKind } from '../../analysis/model/queries';
import { assignedNameSet, errorVariableOf, expiryNameFor, uniqueName } from '../../editing/names';
import { namesIn } from '../../editing/snippet-tree';
import { indentUnitOf } from '../../editing/text-layout';
import { credentialNames, type TokenSource } from './acquisition';
import { commonSlot, requestStart, useSite, type SnippetUseSite } from './snippet-sites';
import { STRATEGY_A_TITLE, STRATEGY_B_TITLE, CODE } from './titles';

const PLACEHOLDER_URL = '"https://auth.your-idp.com/oauth/token"';

/**
 * A marked placeholder for the token URL, set only when no earlier action set it (the acquisition is not in this
 * script).
 */
function placeholderUrl(variable: string, eol: LineEnding, indentUnit: string, indent: string): string {
  const w = new LineWriter();
  w.line(
    `// TODO: the token's acquisition is not in this script: set ${variable} to your identity provider's token ` +
      `endpoint`,
  );
  w.line(`IF ${variable} = ""`).line('{');
  w.indented(() => w.line(`ASSIGN ${variable} = ${PLACEHOLDER_URL}`));
  w.line('}');
  return renderLines(w.lines, { eol, indentUnit, indent });
}

/** A variable set outside the script (`{SECURE_ACCESS_TOKEN}`): the script must not write it. */
const SECURE_NAME = /^(?:global:)?SECURE_/i;

interface Plan {
  /** The variable the refreshed token is kept in. */
  readonly token: string;
  /** Edits that point the uses at it (none when the old variable keeps the token). */
  readonly rewrites: TextEdit[];
}

/**
 * The old variable keeps the refreshed token when every use sends it raw (`Bearer {token}`), so nothing else
 * changes and later actions see the refreshed value too. A variable sent as the whole header (`"{token}"`, which
 * then holds `Bearer …` itself) is replaced by `fallback`, written as `Bearer {fallback}`; so is a secure variable
 * set outside the script (`{SECURE_ACCESS_TOKEN}`), which the script must not overwrite.
 */
function planUses(sites: readonly SnippetUseSite[], fallback: () => string): Plan {
  const name = sites[0]!.name;
  if (!SECURE_NAME.test(name) && sites.every((site) => !site.wholeHeader)) return { token: name, rewrites: [] };
  const token = fallback();
  const rewrites = sites.map((site) =>
    site.wholeHeader
      ? { range: site.interpolationRange, newText: `Bearer {${token}}` }
      : { range: site.range, newText: token },
  );
  return { token, rewrites };
}

export function snippetTokenFixes(
  document: ParsedDocument,
  snippet: SnippetCode,
  unit: CodeUnit,
  use: TokenUseEvent,
  source: TokenSource,
  settings: Settings,
): Fix[] {
  const { region, program } = snippet;
  const { code, eol } = region;
  const toSite = (event: TokenUseEvent): SnippetUseSite | undefined => {
    const range = toCodeRange(region, event.range);
    return range ? useSite(code, program, range) : undefined;
  };
  const own = toSite(use);
  if (!own) return [];
  const unitUses = eventsOfKind(unit, 'token-use').filter((u) => u.variable === use.variable);
  const sites = unitUses.map(toSite).filter((s): s is SnippetUseSite => s !== undefined);
  const callSites = unitUses
    .filter((u) => u.callId !== undefined && u.callId === use.callId)
    .map(toSite)
    .filter((s): s is SnippetUseSite => s !== undefined);

  const taken = namesIn(program);
  const documentNames = assignedNameSet(document);
  const indentUnit = indentUnitOf(code);
  const error = errorVariableOf(document, 'snippet');
  const credentials = credentialNames(source, settings);
  const request = uniqueName('tokenProxy', taken);
  const response = uniqueName('tokenResult', taken);
  const tokenVariables = new Set(eventsOfKind(unit, 'token-acquire').map((a) => a.variable));
  const fallbackName = (base: string) => (): string =>
    tokenVariables.has(base.toLowerCase()) ? base : uniqueName(base, new Set([...taken, ...documentNames]));

  // The URL: the acquisition's, a tokenUrl this code already sets, or a marked placeholder.
  let tokenUrl = source.url;
  let placeholder: ((indent: string) => string) | undefined;
  if (tokenUrl === undefined) {
    tokenUrl = DEFAULT_TOKEN_URL.snippet;
    if (!documentNames.has(tokenUrl.toLowerCase()))
      placeholder = (indent) => placeholderUrl(tokenUrl!, eol, indentUnit, indent);
  }

  const fixes: Fix[] = [];

  // Strategy B: one refresh block before the first use in this code; every use reads the refreshed token.
  const slotB = commonSlot(sites.length > 0 ? sites : [own]);
  if (slotB) {
    const plan = planUses(sites, fallbackName('cachedToken'));
    const at = requestStart(slotB).statement.range.start;
    const insert = insertLinesBefore(
      code,
      at,
      eol,
      (indent) =>
        (placeholder?.(indent) ?? '') +
        strategyB('snippet', {
          names: {
            cachedToken: plan.token,
            tokenExpiry: expiryNameFor(plan.token),
            error,
            request,
            response,
            tokenUrl: tokenUrl!,
            ...credentials,
          },
          bufferSeconds: settings.bufferSeconds,
          jitter: settings.jitter,
          eol,
          indentUnit,
          indent,
        }),
    );
    fixes.push({
      title: STRATEGY_B_TITLE,
      code: CODE,
      preferred: true,
      edits: region.toDocumentEdits([insert, ...plan.rewrites]),
    });
  }

  // Strategy A: a fresh token right before this call only.
  const slotA = commonSlot(callSites.length > 0 ? callSites : [own]);
  if (slotA) {
    const plan = planUses(callSites.length > 0 ? callSites : [own], fallbackName('accessToken'));
    const at = requestStart(slotA).statement.range.start;
    const insert = insertLinesBefore(
      code,
      at,
      eol,
      (indent) =>
        (placeholder?.(indent) ?? '') +
        strategyA('snippet', {
          apiCall: false,
          names: { accessToken: plan.token, error, request, response, tokenUrl: tokenUrl!, ...credentials },
          eol,
          indentUnit,
          indent,
        }),
    );
    fixes.push({
      title: STRATEGY_A_TITLE,
      code: CODE,
      preferred: false,
      edits: region.toDocumentEdits([insert, ...plan.rewrites]),
    });
  }
  return fixes;
}
