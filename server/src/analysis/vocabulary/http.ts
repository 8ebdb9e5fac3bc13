/**
 * The names of HTTP things in script code: how a request is made and configured, where its status and body are
 * read, which header carries a token. Names are folded (lower case). Each notation has its own API (real Snippet:
 * `GetRESTProxy()`, `proxy.AddHeader(…)`, `proxy.MakeRestRequest(…)`, `proxy.StatusCode`; the guide's notation:
 * `new CXone.HttpRequest()`, `req.headers[…]`, `req.send()`, `resp.statusCode`); the words both use are shared.
 */

// ---------------------------------------------------------------- making requests

/** Real Snippet: `GetRESTProxy()` makes a new proxy, with no headers and no calls yet. */
export function isProxyFactoryName(folded: string): boolean {
  return folded === 'getrestproxy';
}

/** Real Snippet: `proxy.MakeRestRequest(url, body, type, verb)` sends a request. */
export const SNIPPET_REQUEST_METHOD = 'makerestrequest';

/** The guide's notation: `req.send(body?)` sends a request configured on `req`. */
export const GUIDE_SEND_METHOD = 'send';

/** The guide's notation: `req.open(method, url)` configures a request, as XMLHttpRequest does. */
export const GUIDE_OPEN_METHOD = 'open';

const REQUEST_CLASS = /httprequest$/;

/** The guide's notation: `new CXone.HttpRequest()` (any `…HttpRequest` class) makes a new request object. */
export function isRequestClassName(folded: string): boolean {
  return REQUEST_CLASS.test(folded);
}

/** Request properties that hold the URL (`req.url = …`). */
const URL_PROPERTIES: ReadonlySet<string> = new Set(['url', 'uri', 'endpoint']);
/** Request properties that hold the body (`req.body = …`). */
const BODY_PROPERTIES: ReadonlySet<string> = new Set(['body', 'data', 'payload', 'content']);

export function isUrlProperty(folded: string): boolean {
  return URL_PROPERTIES.has(folded);
}

export function isBodyProperty(folded: string): boolean {
  return BODY_PROPERTIES.has(folded);
}

export const METHOD_PROPERTY = 'method';
export const HEADERS_PROPERTY = 'headers';

const REQUEST_OBJECT_NAME = /req|request|http|client|call/;

/** Variables named like a request object (`tokenReq`, `httpClient`): a `.body` set on one is a request body. */
export function isRequestObjectName(folded: string): boolean {
  return REQUEST_OBJECT_NAME.test(folded);
}

// ---------------------------------------------------------------- headers

/** Methods that set one request header: `AddHeader(name, value)`, `setRequestHeader(…)`, `setHeader(…)`. */
const HEADER_SETTERS: ReadonlySet<string> = new Set(['addheader', 'setrequestheader', 'setheader', 'appendheader']);

export function isHeaderSetterName(folded: string): boolean {
  return HEADER_SETTERS.has(folded);
}

/** The header (or member) that carries a token. */
export function isAuthorizationHeaderName(name: string): boolean {
  return name.trim().toLowerCase() === 'authorization';
}

const BASIC_SCHEME = /^\s*basic\b/i;
const BEARER_WORD = /\bbearer\b/i;
const BLANK_OR_BEARER = /^\s*(?:bearer\s*)?$/i;

/** An Authorization value that starts with `Basic`: credentials, not a token. */
export function startsWithBasicScheme(text: string): boolean {
  return BASIC_SCHEME.test(text);
}

/** Where the word `Bearer` stands in some text, or -1: what follows it is a token. */
export function bearerWordIndex(text: string): number {
  return text.search(BEARER_WORD);
}

/** Text around a token's substitution that keeps the value a copy of the token: nothing, or `Bearer `. */
export function isBlankOrBearerPrefix(text: string): boolean {
  return BLANK_OR_BEARER.test(text);
}

// ---------------------------------------------------------------- responses

/** Response members holding its status code: `proxy.StatusCode`, `resp.statusCode`, `resp.status_code`. */
export function isStatusCodeMember(folded: string): boolean {
  return folded === 'statuscode' || folded === 'status_code';
}

/** `resp.status` is a status code only on a variable known to hold a request or response (not `order.status`). */
export const STATUS_MEMBER = 'status';

/** Studio's `__httpstatuscode`: the status of the latest REST call. */
export function isLatestStatusVariable(folded: string): boolean {
  return folded === '__httpstatuscode';
}

/** Response members holding the body text: `resp.body`, `resp.responseText`. */
const RESPONSE_BODY_MEMBERS: ReadonlySet<string> = new Set(['body', 'responsetext', 'response', 'content', 'data']);

export function isResponseBodyMember(folded: string): boolean {
  return RESPONSE_BODY_MEMBERS.has(folded);
}

/** Token response members holding the token's lifetime in seconds: `expires_in`, `expiresIn`, `expires`. */
const EXPIRES_IN_MEMBERS: ReadonlySet<string> = new Set(['expires_in', 'expiresin', 'expires']);

export function isExpiresInMember(folded: string): boolean {
  return EXPIRES_IN_MEMBERS.has(folded);
}

/** A comment line that reads as a branch (`CASE …`, `IF …`, `ELSE IF …`, `} else if (…`), once its `//` is gone. */
const COMMENTED_BRANCH_LINE = /^[\s}]*(?:case|if|else\s*if|elseif)\b(.*)$/i;
/** 401/403 as a branch's operand: right after the keyword (`CASE 401`), an operator (`= 401`, `== 403`) or `(`. */
const STATUS_OPERAND = /(?:^|[=!]=?=?|<>|\()\s*["']?(40[13])\b/g;

/**
 * The 401/403 codes that commented-out branches in a comment handle, sorted, once each: `//CASE httpStatus = 401`,
 * `// case 403:`, `// IF code == 401`. Only a line that reads as a branch counts, so prose that mentions a status
 * ("a 401 means the token expired", "in case of 401 we retry") is not code.
 */
export function authStatusCodesInComment(comment: string): number[] {
  if (!comment.includes('40')) return [];
  const codes = new Set<number>();
  for (const raw of comment.split(/\r\n?|\n/)) {
    const line = raw.replace(/^\s*(?:\/\/+|\/\*+|\*+(?!\/))?/, '');
    const branch = COMMENTED_BRANCH_LINE.exec(line);
    if (!branch) continue;
    for (const match of branch[1]!.matchAll(STATUS_OPERAND)) codes.add(Number(match[1]));
  }
  return [...codes].sort((a, b) => a - b);
}

/**
 * The 401/403 that a statement's comments handle in commented-out code (see authStatusCodesInComment) and that none
 * of its live checks compares with (`compared`): the author meant to handle them, and did not.
 */
export function commentedOutAuthCodes(comments: readonly string[], compared: ReadonlySet<number>): number[] {
  const codes = new Set<number>();
  for (const comment of comments) for (const code of authStatusCodesInComment(comment)) codes.add(code);
  return [...codes].filter((code) => !compared.has(code)).sort((a, b) => a - b);
}

/** `JSON.parse(text)` (by its method name). */
export function isJsonParseName(folded: string): boolean {
  return folded === 'parse';
}

// ---------------------------------------------------------------- values

/** Members and zero-argument methods that measure a value's length: `tok.length`, `tok.length()`, `tok.size`. */
const LENGTH_MEMBERS: ReadonlySet<string> = new Set(['length', 'size', 'len']);

export function isLengthMember(folded: string): boolean {
  return LENGTH_MEMBERS.has(folded);
}

/** Functions that base64-encode `user:password` into Basic credentials: `EncodeBase64(…)`, `btoa(…)`. */
export function isBase64EncoderName(folded: string): boolean {
  return folded === 'encodebase64' || folded === 'btoa';
}

/** Real Snippet: `obj.throw()` raises an error. */
export const THROW_METHOD = 'throw';
