import { DEFAULT_PROXY_TIMEOUT_SECONDS, PLACEHOLDER_TOKEN_URL } from './assumptions';
import type { LineWriter, Notation } from './layout';
import { secretSubstitution } from './secret';
import { DEFAULT_CLIENT_ID_NAME, DEFAULT_CLIENT_SECRET_NAME } from './token-names';

/** Names in a client-credentials token request. */
export interface TokenRequestNames {
  /** Snippet: the REST proxy (`tokenProxy`); guide: the request object (`tokenReq`). */
  readonly request: string;
  /** Snippet: the parsed result (`tokenResult`); guide: the response (`tokenResp`). */
  readonly response: string;
  /** Guide only: the parsed body (`tokenData`). */
  readonly data: string;
  /** Code text of the token URL: a quoted string (a `.invalid` placeholder until filled in) or a variable. */
  readonly tokenUrl: string;
  /** Substitution names of the credentials (never literals): `SECURE_CLIENT_ID`, `SECURE_CLIENT_SECRET`. */
  readonly clientIdName: string;
  readonly clientSecretName: string;
  /** Scope to request; no `scope` parameter when empty. Text inside a string literal. */
  readonly scope: string;
}

/** The placeholder token endpoint as code text: it fails closed until the author writes the real one. */
export const DEFAULT_TOKEN_URL = `"${PLACEHOLDER_TOKEN_URL}"`;

export function defaultTokenRequestNames(notation: Notation): TokenRequestNames {
  const snippet = notation === 'snippet';
  return {
    request: snippet ? 'tokenProxy' : 'tokenReq',
    response: snippet ? 'tokenResult' : 'tokenResp',
    data: 'tokenData',
    tokenUrl: DEFAULT_TOKEN_URL,
    clientIdName: DEFAULT_CLIENT_ID_NAME,
    clientSecretName: DEFAULT_CLIENT_SECRET_NAME,
    scope: '',
  };
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const JSON_CONTENT_TYPE = 'application/json';

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
  /** Snippet: the proxy's timeout in seconds (default 2, as NICE recommends; the proxy's own default is 10). */
  readonly timeoutSeconds?: number;
  /** The body's encoding (default form: `grant_type=…&client_id=…`). */
  readonly json?: boolean;
  /** Explanatory comments (default true). */
  readonly comments?: boolean;
}

/** No URL-encoding helper is documented for Snippet, so the credentials' values must already be encoded. */
const URL_ENCODING_NOTE =
  '// the credentials go into the form body as they are: store them URL-encoded if they hold & = + % or spaces';

/** A form body that carries client credentials through substitutions: their values go into it as they are. */
function substitutesCredentials(body: string): boolean {
  return /client_secret=\{|client_id=\{/.test(body);
}

/** The POST to the token endpoint, as the notation writes it. */
export function writeTokenRequest(w: LineWriter, notation: Notation, spec: TokenRequestSpec): void {
  const { request, response, url, body } = spec;
  const json = spec.json ?? false;
  const contentType = json ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE;
  const comments = spec.comments ?? true;
  if (notation === 'snippet') {
    w.line(`ASSIGN ${request} = GetRESTProxy()`);
    w.line(`${request}.ContentType = "${contentType}"`);
    w.line(`${request}.ProxyTimeoutSeconds = ${spec.timeoutSeconds ?? DEFAULT_PROXY_TIMEOUT_SECONDS}`);
    if (comments && !json && substitutesCredentials(body)) w.line(URL_ENCODING_NOTE);
    w.line(`ASSIGN ${response} = ${request}.MakeRestRequest(${url}, ${body}, 0, "POST")`);
  } else {
    w.line(`var ${request} = new CXone.HttpRequest();`);
    w.line(`${request}.method = "POST";`);
    w.line(`${request}.url = ${url};`);
    w.line(`${request}.headers["Content-Type"] = "${contentType}";`);
    w.line(`${request}.body = ${body};`);
    w.line(`var ${response} = ${request}.send();`);
  }
}
