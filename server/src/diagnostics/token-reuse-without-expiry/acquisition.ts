import type { RestCallEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import { tokenNamesFor } from '../../templates';

/** What the fix can reuse from where the token was acquired. */
export interface TokenSource {
  /** Code text of the token URL (a quoted string), when the acquisition's endpoint is known. */
  readonly url?: string;
  /** Substitution names of the credentials in the acquisition's client-credentials body, when it has them. */
  readonly clientIdName?: string;
  readonly clientSecretName?: string;
  /** A literal `scope=` value of that body. */
  readonly scope?: string;
  /**
   * The acquisition's whole body as code text (a quoted string), when it is some other grant whose credentials are
   * all substitutions (`grant_type=password&username={u}&password={p}`): the refresh sends the same request.
   */
  readonly body?: string;
}

const QUOTABLE = /^[^"\\\r\n]+$/;
/** Form parameters that carry credentials: their values must be substitutions to be copied into new code. */
const CREDENTIAL_PARAMETER = /secret|passw|pwd|key|token|assertion|code/i;

function substitution(body: string, parameter: string): string | undefined {
  const match = new RegExp(`(?:^|[&?])${parameter}=\\{((?:global:)?[A-Za-z_][\\w$]*)\\}(?=&|$)`, 'i').exec(body);
  return match?.[1];
}

/** A form body whose every credential is a `{substitution}`: copying it copies no secret. */
function reusableBody(body: string): boolean {
  if (!QUOTABLE.test(body) || !/(?:^|&)grant_type=/i.test(body)) return false;
  return body.split('&').every((pair) => {
    const [key = '', value = ''] = pair.split('=');
    return !CREDENTIAL_PARAMETER.test(key) || /^\{(?:global:)?[A-Za-z_][\w$]*\}$/.test(value);
  });
}

/**
 * The endpoint and credential references of the token's acquisition, when the document shows them. `urlVariable`:
 * the variable the acquisition passes as its URL (`MakeRestRequest(tokenUrl, …)`) when its value is not in the
 * document; variables are script-wide, so the refresh can send to the same one.
 */
export function tokenSourceOf(call: RestCallEvent | undefined, urlVariable?: string): TokenSource {
  if (!call) return {};
  const literal = call.url !== undefined && QUOTABLE.test(call.url) ? `"${call.url}"` : undefined;
  const url = literal ?? urlVariable;
  const body = call.body ?? '';
  const clientCredentials = /(?:^|&)grant_type=client_credentials(?:&|$)/i.test(body);
  const clientIdName = clientCredentials ? substitution(body, 'client_id') : undefined;
  const clientSecretName = clientCredentials ? substitution(body, 'client_secret') : undefined;
  const scope = clientCredentials ? /(?:^|&)scope=([\w.:\-/ %+]+)(?=&|$)/i.exec(body)?.[1] : undefined;
  const credentials = clientIdName !== undefined && clientSecretName !== undefined;
  return {
    ...(url !== undefined ? { url } : {}),
    ...(credentials ? { clientIdName, clientSecretName } : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(!credentials && reusableBody(body) ? { body: `"${body}"` } : {}),
  };
}

/**
 * Credential names for generated token requests: the acquisition's substitutions, else names derived from the token
 * (`crmToken` → `CRM_CLIENT_ID`, `CRM_CLIENT_SECRET`; a token with no integration in its name gets the secure
 * defaults).
 */
export function credentialNames(
  source: TokenSource,
  token: string,
  settings: Settings,
): { clientIdName: string; clientSecretName: string; scope: string } {
  const derived = tokenNamesFor(token, settings.secretVariableName);
  return {
    clientIdName: source.clientIdName ?? derived.clientId,
    clientSecretName: source.clientSecretName ?? derived.clientSecret,
    scope: source.scope ?? '',
  };
}

/** The request can be written without the author's input: its endpoint and its credentials are known. */
export function isComplete(source: TokenSource): boolean {
  return source.url !== undefined && (source.clientSecretName !== undefined || source.body !== undefined);
}
