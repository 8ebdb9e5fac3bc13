import { DEFAULT_PROXY_TIMEOUT_SECONDS, PLACEHOLDER_API_URL } from './assumptions';
import type { LineWriter, Notation } from './layout';

/** Names and pieces of an API call. */
export interface ApiCallNames {
  /** Snippet: the REST proxy (`apiProxy`); guide: the request object (`apiReq`). */
  readonly request: string;
  /** Snippet: the parsed result (`apiResult`); guide: the response (`apiResp`). */
  readonly response: string;
  /** Snippet only: the copy of the status code that the handler tests (`apiStatus`). */
  readonly status: string;
  /** Code text of the URL: a variable or a quoted string. */
  readonly url: string;
  /** HTTP verb (`GET`). */
  readonly method: string;
  /** Code text of the request body; empty for none. */
  readonly body: string;
}

export function defaultApiCallNames(notation: Notation): ApiCallNames {
  return notation === 'snippet'
    ? {
        request: 'apiProxy',
        response: 'apiResult',
        status: 'apiStatus',
        url: `"${PLACEHOLDER_API_URL}"`,
        method: 'GET',
        body: '',
      }
    : {
        request: 'apiReq',
        response: 'apiResp',
        status: 'apiStatus',
        url: `"${PLACEHOLDER_API_URL}"`,
        method: 'GET',
        body: '',
      };
}

export interface ApiHeader {
  readonly name: string;
  /** Code text of the value (`"Bearer {token}"`, the guide's `"Bearer " + token`). */
  readonly value: string;
}

/** Bearer header value: Snippet interpolates, the guide concatenates (as it does). */
export function bearerValue(notation: Notation, token: string): string {
  return notation === 'snippet' ? `"Bearer {${token}}"` : `"Bearer " + ${token}`;
}

const JSON_CONTENT_TYPE = 'application/json';

/** The call itself: a new proxy/request with one header, then the request. */
export function writeApiCall(w: LineWriter, notation: Notation, call: ApiCallNames, header: ApiHeader): void {
  const { request, response, url, method, body } = call;
  if (notation === 'snippet') {
    w.line(`ASSIGN ${request} = GetRESTProxy()`);
    if (body) w.line(`${request}.ContentType = "${JSON_CONTENT_TYPE}"`);
    w.line(`${request}.ProxyTimeoutSeconds = ${DEFAULT_PROXY_TIMEOUT_SECONDS}`);
    w.line(`${request}.AddHeader("${header.name}", ${header.value})`);
    w.line(`ASSIGN ${response} = ${request}.MakeRestRequest(${url}, ${body || '""'}, 0, "${method}")`);
  } else {
    w.line(`var ${request} = new CXone.HttpRequest();`);
    w.line(`${request}.method = "${method}";`);
    w.line(`${request}.url = ${url};`);
    w.line(`${request}.headers["${header.name}"] = ${header.value};`);
    if (body) {
      w.line(`${request}.headers["Content-Type"] = "${JSON_CONTENT_TYPE}";`);
      w.line(`${request}.body = ${body};`);
    }
    w.line(`var ${response} = ${request}.send();`);
  }
}
