import { bearerValue, defaultApiCallNames, writeApiCall, type ApiCallNames } from './api-call';
import { defaultSuccessLines, writeAuthStatusHandler } from './auth-status-handler';
import { frameForNotation, type GuideBlockOptions } from './guide-block';
import { LineWriter, renderLines, resolveLayout, type Notation, type TemplateOptions } from './layout';
import {
  clientCredentialsBody,
  defaultTokenRequestNames,
  writeTokenRequest,
  type TokenRequestNames,
} from './token-request';
import { writeTokenStatusCheck } from './token-status-check';
import { tokenNamesFor } from './token-names';
import { SNIPPET_EMPTY } from './assumptions';

export interface StrategyANames extends TokenRequestNames {
  /** The fresh token (`accessToken`), used right away and never cached. */
  readonly accessToken: string;
  /** Set when the token request or the call fails (`accessTokenError`; guide `strApiError`). */
  readonly error: string;
}

/** Names derived from the fresh token's (Snippet: `accessToken` → `accessTokenProxy`, `accessTokenError`, …). */
export function defaultStrategyANames(notation: Notation, accessToken = 'accessToken'): StrategyANames {
  const derived = tokenNamesFor(accessToken);
  const snippet = notation === 'snippet';
  return {
    ...defaultTokenRequestNames(notation),
    ...(snippet ? { request: derived.proxy, response: derived.result } : {}),
    clientIdName: derived.clientId,
    clientSecretName: derived.clientSecret,
    accessToken,
    error: snippet ? derived.error : 'strApiError',
  };
}

export interface StrategyAOptions extends TemplateOptions, GuideBlockOptions {
  readonly names?: Partial<StrategyANames>;
  /**
   * The API call made with the fresh token, written inside the token check's success branch and followed by the
   * 401/403 handler. `false`: only the token request and its check (what the quick fix inserts before an existing
   * call; on failure the token is cleared and the error variable set). Default: a GET to an example URL.
   */
  readonly apiCall?: Partial<ApiCallNames> | false;
  /** With `apiCall`: the handler's success path (default: a comment). */
  readonly successLines?: readonly string[];
}

/**
 * Strategy A: a fresh token right before the call, its request's status checked. The guide's Strategy A, plus the
 * status checks it lacks.
 */
export function strategyA(notation: Notation, options: StrategyAOptions = {}): string {
  const names = { ...defaultStrategyANames(notation, options.names?.accessToken), ...options.names };
  const comments = options.comments ?? true;
  const snippet = notation === 'snippet';
  const w = new LineWriter();
  if (comments) w.line('// Strategy A: a fresh token right before the call');
  writeTokenRequest(w, notation, {
    request: names.request,
    response: names.response,
    url: names.tokenUrl,
    body: clientCredentialsBody(names),
    comments,
  });
  const status = { request: names.request, response: names.response, error: names.error, expiryVariables: [] };
  const read = snippet ? `"{${names.response}.access_token}"` : `${names.data}.access_token`;
  const dropResponse = (): void => {
    if (snippet) w.line(`ASSIGN ${names.response} = ${SNIPPET_EMPTY}${comments ? ' // keep the token only' : ''}`);
  };
  const parse = snippet ? [] : [`var ${names.data} = JSON.parse(${names.response}.body);`];

  if (options.apiCall === false) {
    if (!snippet) w.line(`var ${names.accessToken} = "";`);
    const success = new LineWriter().verbatim([
      ...parse,
      snippet ? `ASSIGN ${names.accessToken} = ${read}` : `${names.accessToken} = ${read};`,
      ...(snippet ? [`ASSIGN ${names.error} = ${SNIPPET_EMPTY}`] : []),
    ]).lines;
    // Guide: the local is cleared by its initial value; Snippet: the variable may hold an older token.
    writeTokenStatusCheck(w, notation, { ...status, tokenVariables: snippet ? [names.accessToken] : [], success });
    dropResponse();
  } else {
    const call = { ...defaultApiCallNames(notation), ...options.apiCall };
    const success = new LineWriter();
    success.verbatim([
      ...parse,
      snippet ? `ASSIGN ${names.accessToken} = ${read}` : `var ${names.accessToken} = ${read};`,
    ]);
    writeApiCall(success, notation, call, { name: 'Authorization', value: bearerValue(notation, names.accessToken) });
    const handlerNames = {
      request: call.request,
      response: call.response,
      status: call.status,
      error: names.error,
      tokenVariables: [],
      expiryVariables: [],
    };
    writeAuthStatusHandler(
      success,
      notation,
      handlerNames,
      options.successLines ?? defaultSuccessLines(notation, call),
      comments,
    );
    writeTokenStatusCheck(w, notation, { ...status, tokenVariables: [], success: success.lines });
    dropResponse();
  }
  w.verbatim(options.trailingLines ?? []);
  return renderLines(frameForNotation(notation, w.lines, options, names.error), resolveLayout(options));
}
