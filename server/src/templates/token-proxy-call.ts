import { defaultApiCallNames, writeApiCall, type ApiCallNames } from './api-call';
import { defaultSuccessLines, writeAuthStatusHandler } from './auth-status-handler';
import { frameForNotation, type GuideBlockOptions } from './guide-block';
import { LineWriter, renderLines, resolveLayout, type Notation, type TemplateOptions } from './layout';
import { secretSubstitution } from './secret';

export interface TokenProxyCallNames extends ApiCallNames {
  /** The header that carries the service key (`X-Api-Key`). */
  readonly keyHeader: string;
  /** Substitution name of the long-lived service key (`SECURE_PROXY_KEY`); never a literal. */
  readonly keyName: string;
  /** The error variable (`apiError`; guide `strApiError`). */
  readonly error: string;
}

export function defaultTokenProxyCallNames(notation: Notation): TokenProxyCallNames {
  const snippet = notation === 'snippet';
  return {
    ...defaultApiCallNames(notation),
    url: snippet
      ? '"https://token-proxy.invalid/api/token-proxy/crm/customers/{customerId}"'
      : '"https://token-proxy.invalid/api/token-proxy/crm/customers/{strCustomerId}"',
    keyHeader: 'X-Api-Key',
    keyName: 'SECURE_PROXY_KEY',
    error: snippet ? 'apiError' : 'strApiError',
  };
}

export interface TokenProxyCallOptions extends TemplateOptions, GuideBlockOptions {
  readonly names?: Partial<TokenProxyCallNames>;
  /** The handler's success path (default: a comment). */
  readonly successLines?: readonly string[];
}

/**
 * Strategy C: call the token proxy with a service key from a substitution; the proxy holds the OAuth credentials
 * and caches the token, so the script has nothing to refresh. 401/403 (a rejected key) set the error variable.
 */
export function tokenProxyCall(notation: Notation, options: TokenProxyCallOptions = {}): string {
  const names = { ...defaultTokenProxyCallNames(notation), ...options.names };
  const comments = options.comments ?? true;
  const w = new LineWriter();
  if (comments)
    w.line(
      '// Strategy C: the token proxy keeps the OAuth credentials and the token; this script sends only a service key',
    );
  writeApiCall(w, notation, names, { name: names.keyHeader, value: `"${secretSubstitution(names.keyName)}"` });
  const handlerNames = {
    request: names.request,
    response: names.response,
    status: names.status,
    error: names.error,
    tokenVariables: [],
    expiryVariables: [],
  };
  writeAuthStatusHandler(
    w,
    notation,
    handlerNames,
    options.successLines ?? defaultSuccessLines(notation, names),
    comments,
  );
  w.verbatim(options.trailingLines ?? []);
  return renderLines(frameForNotation(notation, w.lines, options, names.error), resolveLayout(options));
}
