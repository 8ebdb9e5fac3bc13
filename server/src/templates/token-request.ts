import type { LineWriter, Notation } from './layout';
import { secretSubstitution } from './secret';

/** Names in a client-credentials token request. */
export interface TokenRequestNames {
  /** Snippet: the REST proxy (`tokenProxy`); guide: the request object (`tokenReq`). */
  readonly request: string;
  /** Snippet: the parsed result (`tokenResult`); guide: the response (`tokenResp`). */
  readonly response: string;
  /** Guide only: the parsed body (`tokenData`). */
  readonly data: string;
  /** Code text of the token URL: a variable (`tokenUrl`) or a quoted string. */
  readonly tokenUrl: string;
  /** Substitution names of the credentials (never literals): `SECURE_CLIENT_ID`, `SECURE_CLIENT_SECRET`. */
  readonly clientIdName: string;
  readonly clientSecretName: string;
  /** Scope to request; no `scope` parameter when empty. Text inside a string literal. */
  readonly scope: string;
}

export const DEFAULT_TOKEN_URL: Readonly<Record<Notation, string>> = {
  snippet: 'tokenUrl',
  guide: '"https://auth.your-idp.com/oauth/token"',
};

export function defaultTokenRequestNames(notation: Notation): TokenRequestNames {
  const snippet = notation === 'snippet';
  return {
    request: snippet ? 'tokenProxy' : 'tokenReq',
    response: snippet ? 'tokenResult' : 'tokenResp',
    data: 'tokenData',
    tokenUrl: DEFAULT_TOKEN_URL[notation],
    clientIdName: 'SECURE_CLIENT_ID',
    clientSecretName: 'SECURE_CLIENT_SECRET',
    scope: '',
  };
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * `"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}"` (same in both
 * notations).
 */
export function clientCredentialsBody(
  names: Pick<TokenRequestNames, 'clientIdName' | 'clientSecretName' | 'scope'>,
): string {
  const clientId = secretSubstitution(names.clientIdName);
  const clientSecret = secretSubstitution(names.clientSecretName);
  const scope = names.scope ? `&scope=${names.scope}` : '';
  return `"grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}${scope}"`;
}

const EXCHANGE_GRANT = 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=';
const EXCHANGE_TYPE = '&subject_token_type=urn:ietf:params:oauth:token-type:access_token';

/**
 * RFC 8693 token exchange body with the client token as subject. Snippet interpolates the variable
 * (`{clientToken}`); the guide's JavaScript concatenates its local, which may have been refreshed in this block.
 */
export function tokenExchangeBody(notation: Notation, subjectToken: string, scope: string): string {
  const tail = `${EXCHANGE_TYPE}${scope ? `&scope=${scope}` : ''}`;
  return notation === 'snippet'
    ? `"${EXCHANGE_GRANT}{${subjectToken}}${tail}"`
    : `"${EXCHANGE_GRANT}" + ${subjectToken} + "${tail}"`;
}

export interface TokenRequestSpec {
  readonly request: string;
  readonly response: string;
  readonly url: string;
  /** Code text of the body. */
  readonly body: string;
}

/** The POST to the token endpoint (form-encoded), as the notation writes it. */
export function writeTokenRequest(w: LineWriter, notation: Notation, spec: TokenRequestSpec): void {
  const { request, response, url, body } = spec;
  if (notation === 'snippet') {
    w.line(`ASSIGN ${request} = GetRESTProxy()`);
    w.line(`${request}.ContentType = "${FORM_CONTENT_TYPE}"`);
    w.line(`ASSIGN ${response} = ${request}.MakeRestRequest(${url}, ${body}, 0, "POST")`);
  } else {
    w.line(`var ${request} = new CXone.HttpRequest();`);
    w.line(`${request}.method = "POST";`);
    w.line(`${request}.url = ${url};`);
    w.line(`${request}.headers["Content-Type"] = "${FORM_CONTENT_TYPE}";`);
    w.line(`${request}.body = ${body};`);
    w.line(`var ${response} = ${request}.send();`);
  }
}
