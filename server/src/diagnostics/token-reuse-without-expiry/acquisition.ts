import type { FlowModel, RestCallEvent, TokenAcquireEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { Finding } from '../finding';
import { callById, eventAt, eventsIn, type Located } from '../../editing/model-lookup';

/** What the fix can reuse from where the token was acquired. */
export interface TokenSource {
  /** Code text of the token URL (a quoted string), when the acquisition's endpoint is known. */
  readonly url?: string;
  /** Substitution names of the credentials in the acquisition's client-credentials body, when it has them. */
  readonly clientIdName?: string;
  readonly clientSecretName?: string;
  /** A literal `scope=` value of that body. */
  readonly scope?: string;
}

const MAX_ALIAS_DEPTH = 6;

/** The token request an acquisition stores (following copies such as `t = "{strToken}"` back to it). */
function tokenRequestOf(model: FlowModel, acquisition: TokenAcquireEvent, depth: number): RestCallEvent | undefined {
  if (acquisition.source === 'response' && acquisition.fromCall !== undefined) {
    const call = callById(model, acquisition.fromCall)?.event;
    return call?.isTokenRequest ? call : undefined;
  }
  if (acquisition.source === 'function' || acquisition.fromVariable === undefined || depth >= MAX_ALIAS_DEPTH)
    return undefined;
  const sources: TokenAcquireEvent[] = [];
  for (const unit of model.units) {
    for (const event of eventsIn(unit, 'token-acquire'))
      if (event.variable === acquisition.fromVariable) sources.push(event);
  }
  for (const source of sources.reverse()) {
    const call = tokenRequestOf(model, source, depth + 1);
    if (call) return call;
  }
  return undefined;
}

/**
 * The acquisition a finding points at (its related places), else the last acquisition of the variable before the use.
 */
function acquisitionOf(
  model: FlowModel,
  finding: Finding,
  use: Located<{ readonly variable: string; readonly order: number; readonly unit: number }>,
): TokenAcquireEvent | undefined {
  for (const related of finding.related ?? []) {
    const found = eventAt(model, 'token-acquire', related.range);
    if (found) return found.event;
  }
  return eventsIn(use.unit, 'token-acquire')
    .filter((a) => a.variable === use.event.variable && a.order < use.event.order)
    .pop();
}

const QUOTABLE = /^[^"\\\r\n]+$/;

function substitution(body: string, parameter: string): string | undefined {
  const match = new RegExp(`(?:^|[&?])${parameter}=\\{((?:global:)?[A-Za-z_][\\w$]*)\\}(?=&|$)`, 'i').exec(body);
  return match?.[1];
}

/** The endpoint and credential references of the token's acquisition, when the document shows them. */
export function tokenSourceOf(
  model: FlowModel,
  finding: Finding,
  use: Located<{ readonly variable: string; readonly order: number; readonly unit: number }>,
): TokenSource {
  const acquisition = acquisitionOf(model, finding, use);
  const call = acquisition ? tokenRequestOf(model, acquisition, 0) : undefined;
  if (!call) return {};
  const url = call.url !== undefined && QUOTABLE.test(call.url) ? `"${call.url}"` : undefined;
  const body = call.body ?? '';
  const clientCredentials = /(?:^|&)grant_type=client_credentials(?:&|$)/i.test(body);
  const clientIdName = clientCredentials ? substitution(body, 'client_id') : undefined;
  const clientSecretName = clientCredentials ? substitution(body, 'client_secret') : undefined;
  const scope = clientCredentials ? /(?:^|&)scope=([\w.:\-/ %+]+)(?=&|$)/i.exec(body)?.[1] : undefined;
  return {
    ...(url !== undefined ? { url } : {}),
    ...(clientIdName !== undefined && clientSecretName !== undefined ? { clientIdName, clientSecretName } : {}),
    ...(scope !== undefined ? { scope } : {}),
  };
}

/** Credential names for generated token requests: the acquisition's substitutions, else the secure defaults. */
export function credentialNames(
  source: TokenSource,
  settings: Settings,
): { clientIdName: string; clientSecretName: string; scope: string } {
  return {
    clientIdName: source.clientIdName ?? 'SECURE_CLIENT_ID',
    clientSecretName: source.clientSecretName ?? settings.secretVariableName,
    scope: source.scope ?? '',
  };
}
