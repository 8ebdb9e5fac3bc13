import type { RestCallEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';

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

const QUOTABLE = /^[^"\\\r\n]+$/;

function substitution(body: string, parameter: string): string | undefined {
  const match = new RegExp(`(?:^|[&?])${parameter}=\\{((?:global:)?[A-Za-z_][\\w$]*)\\}(?=&|$)`, 'i').exec(body);
  return match?.[1];
}

/** The endpoint and credential references of the token's acquisition, when the document shows them. */
export function tokenSourceOf(call: RestCallEvent | undefined): TokenSource {
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
