import { SNIPPET_EMPTY } from './assumptions';
import type { LineWriter, Notation } from './layout';
import { bufferedExpiryCondition, expiryFromExpiresInLines, type BufferValue } from './pieces';
import { writeTokenRequest, type TokenRequestSpec } from './token-request';
import { writeTokenStatusCheck } from './token-status-check';

/** The guide's locals for one cached token (its Strategy B: `tokenExpiry`, `tokenValue`, `validToken`). */
export interface GuideTokenLocals {
  /** The expiry parsed from the script variable (`tokenExpiry`). */
  readonly localExpiry: string;
  /** The cached token read from the script variable (`tokenValue`). */
  readonly localToken: string;
  /** The token to use after the block (`validToken`). */
  readonly validToken: string;
}

export interface CachedTokenSpec {
  /** The script variables that survive between actions. */
  readonly cachedToken: string;
  readonly tokenExpiry: string;
  /** Snippet: the lifetime in seconds read from `expires_in` (with its fallback). */
  readonly lifetime: string;
  readonly error: string;
  readonly request: TokenRequestSpec;
  /** Guide only: the parsed body. */
  readonly data: string;
  readonly buffer: BufferValue;
  /** "Now": `utc` or the guide's `currentTime`. */
  readonly now: string;
  readonly guide: GuideTokenLocals;
  readonly comments: boolean;
}

/** The comments above a Snippet refresh block: what it keeps, how times work, and what Studio needs around it. */
function snippetHeader(w: LineWriter, spec: CachedTokenSpec): void {
  const { cachedToken, tokenExpiry, buffer } = spec;
  const when = typeof buffer === 'number' ? `${buffer} s` : `${buffer} seconds`;
  w.line(`// ${cachedToken} is kept for the contact and fetched again ${when} before it expires (dates count days)`);
  const runsub = /^global:/i.test(cachedToken)
    ? ''
    : `; in a RUNSUB subscript use global:${cachedToken}, global:${tokenExpiry}`;
  w.line(`// list ${cachedToken} in the Variables tab so traces redact it${runsub}`);
}

/**
 * One token with its own expiry and buffered check (Strategy B's core; the two-step template writes two).
 * Snippet: `IF token = "" | expiry = "" | expiry - utc <= buffer / 86400 { request; checked store; drop the
 * response }`.
 * Guide: its "valid ? reuse : refresh" form, with the token response checked.
 */
export function writeCachedToken(w: LineWriter, notation: Notation, spec: CachedTokenSpec): void {
  const { cachedToken, tokenExpiry, error, request, buffer, now, comments } = spec;
  const statusNames = {
    request: request.request,
    response: request.response,
    error,
    tokenVariables: [cachedToken],
    expiryVariables: [tokenExpiry],
  };
  if (notation === 'snippet') {
    if (comments) snippetHeader(w, spec);
    const due = bufferedExpiryCondition('snippet', { expiry: tokenExpiry, buffer, now, operator: '>=' });
    w.line(`IF ${cachedToken} = ${SNIPPET_EMPTY} | ${tokenExpiry} = ${SNIPPET_EMPTY} | ${due}`).line('{');
    w.indented(() => {
      writeTokenRequest(w, 'snippet', { ...request, comments });
      const store = [
        // An interpolated copy is a plain string: the response object is dropped below.
        { depth: 0, text: `ASSIGN ${cachedToken} = "{${request.response}.access_token}"` },
        ...expiryFromExpiresInLines('snippet', {
          expiry: tokenExpiry,
          response: request.response,
          lifetime: spec.lifetime,
          now,
          comments,
        }),
        { depth: 0, text: `ASSIGN ${error} = ${SNIPPET_EMPTY}` },
      ];
      writeTokenStatusCheck(w, 'snippet', { ...statusNames, success: store });
      const drop = comments ? ' // keep the token only, not the whole response' : '';
      w.line(`ASSIGN ${request.response} = ${SNIPPET_EMPTY}${drop}`);
    });
    w.line('}');
    return;
  }
  const { localExpiry, localToken, validToken } = spec.guide;
  const valid = bufferedExpiryCondition('guide', { expiry: localExpiry, buffer, now, operator: '<' });
  w.line(`var ${localExpiry} = parseInt("{${tokenExpiry}}") || 0;`);
  w.line(`var ${localToken} = "{${cachedToken}}";`);
  w.line(`var ${validToken};`);
  w.line(`if (${localExpiry} > 0 && ${valid} && ${localToken}.length > 0) {`);
  w.indented(() => {
    if (comments) w.line('// Cached token is still valid');
    w.line(`${validToken} = ${localToken};`);
  });
  w.line('} else {');
  w.indented(() => {
    if (comments) w.line('// Token is expired or not yet fetched - refresh');
    writeTokenRequest(w, 'guide', request);
    const success = [
      `var ${spec.data} = JSON.parse(${request.response}.body);`,
      `${validToken} = ${spec.data}.access_token;`,
      ...(comments ? ['// Cache the new token and its expiry time'] : []),
      `SET ${cachedToken} = ${validToken};`,
    ].map((text) => ({ depth: 0, text }));
    success.push(...expiryFromExpiresInLines('guide', { expiry: tokenExpiry, response: spec.data, now }));
    writeTokenStatusCheck(w, 'guide', {
      ...statusNames,
      success,
      guideFailureLines: [`${validToken} = "";`],
      ...(comments ? { guideFailureComment: '// Token request failed: clear the cache and take the error path' } : {}),
    });
  });
  w.line('}');
}
