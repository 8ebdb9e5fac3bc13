import { REFRESH_BUFFER_SETTING } from './assumptions';
import { writeCachedToken } from './cached-token-block';
import { frameForNotation, type GuideBlockOptions } from './guide-block';
import { LineWriter, renderLines, resolveLayout, type Notation, type TemplateOptions } from './layout';
import {
  bufferSettingLines,
  DEFAULT_NOW,
  guideCurrentTimeDeclaration,
  jitteredBufferLines,
  type BufferValue,
} from './pieces';
import { bufferPlan, type RefreshTiming } from './timing';
import { clientCredentialsBody, defaultTokenRequestNames, type TokenRequestNames } from './token-request';
import { tokenNamesFor } from './token-names';

export interface StrategyBNames extends TokenRequestNames {
  /** The cached token, kept for the whole contact (`cachedToken`; guide `strCachedToken`). */
  readonly cachedToken: string;
  /** Its expiry (`tokenExpiry`, a day count; guide `strTokenExpiry`, unix seconds). */
  readonly tokenExpiry: string;
  /** Snippet: the lifetime in seconds from `expires_in` (`cachedTokenLifetime`). */
  readonly lifetime: string;
  /** Set when the token request fails (`cachedTokenError`; guide `strApiError`). */
  readonly error: string;
  /** The refresh-buffer setting (`refreshBufferSeconds`; guide: the jittered buffer's local, `refreshBuffer`). */
  readonly refreshBuffer: string;
  /** Guide only: the locals of its Strategy B. */
  readonly currentTime: string;
  readonly localExpiry: string;
  readonly localToken: string;
  readonly validToken: string;
}

/** Names derived from the cached token's (Snippet: `cachedToken` → `cachedTokenProxy`, `tokenExpiry`, …). */
export function defaultStrategyBNames(notation: Notation, cachedToken?: string): StrategyBNames {
  const snippet = notation === 'snippet';
  const token = cachedToken ?? (snippet ? 'cachedToken' : 'strCachedToken');
  const derived = tokenNamesFor(token);
  const request = defaultTokenRequestNames(notation);
  return {
    ...request,
    ...(snippet ? { request: derived.proxy, response: derived.result } : {}),
    clientIdName: derived.clientId,
    clientSecretName: derived.clientSecret,
    cachedToken: token,
    tokenExpiry: derived.expiry,
    lifetime: derived.lifetime,
    error: snippet ? derived.error : 'strApiError',
    refreshBuffer: snippet ? REFRESH_BUFFER_SETTING : 'refreshBuffer',
    currentTime: DEFAULT_NOW.guide,
    localExpiry: 'tokenExpiry',
    localToken: 'tokenValue',
    validToken: 'validToken',
  };
}

export interface StrategyBOptions extends TemplateOptions, GuideBlockOptions, Partial<RefreshTiming> {
  readonly names?: Partial<StrategyBNames>;
  /**
   * Snippet: write the refresh-buffer setting's default before the block (default true). False when the code around
   * already sets it.
   */
  readonly bufferSetting?: boolean;
  /** Snippet: the token proxy's timeout in seconds (default 2). */
  readonly timeoutSeconds?: number;
  /** Snippet: the token request's body is JSON rather than a form (a body reused from the script's own request). */
  readonly jsonBody?: boolean;
  /** Code text of the token request's body (default: client credentials from the names). */
  readonly body?: string;
}

/**
 * Strategy B: a cached token with its expiry from `expires_in` (a short lifetime when there is none), fetched again
 * when the time left is within the buffer, the token request's status checked (on failure the token and expiry are
 * cleared and the error variable is set), the response dropped once read. Snippet: the buffer is one named setting,
 * set once per contact (jittered when `jitter.enabled`); guide: the guide's Strategy B block.
 */
export function strategyB(notation: Notation, options: StrategyBOptions = {}): string {
  const defaults = defaultStrategyBNames(notation, options.names?.cachedToken);
  const names = { ...defaults, ...options.names };
  const comments = options.comments ?? true;
  const plan = bufferPlan(options);
  const snippet = notation === 'snippet';
  const buffer: BufferValue = snippet
    ? names.refreshBuffer
    : plan.kind === 'fixed'
      ? plan.seconds
      : names.refreshBuffer;
  const w = new LineWriter();
  if (snippet) {
    if (options.bufferSetting ?? true) w.append(bufferSettingLines(plan, names.refreshBuffer, comments));
  } else {
    if (comments) w.line('// Strategy B: token manager with expiry tracking');
    w.line(guideCurrentTimeDeclaration(names.currentTime, comments));
    if (plan.kind === 'jittered') {
      w.append(
        jitteredBufferLines(notation, {
          variable: names.refreshBuffer,
          minSeconds: plan.minSeconds,
          maxSeconds: plan.maxSeconds,
          comments,
        }),
      );
    }
    if (comments) {
      const described = plan.kind === 'fixed' ? `a ${plan.seconds}-second buffer` : 'the jittered buffer';
      w.line(`// Check if cached token is still valid (with ${described})`);
    }
  }
  writeCachedToken(w, notation, {
    cachedToken: names.cachedToken,
    tokenExpiry: names.tokenExpiry,
    lifetime: names.lifetime,
    error: names.error,
    request: {
      request: names.request,
      response: names.response,
      url: names.tokenUrl,
      body: options.body ?? clientCredentialsBody(names),
      ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
      ...(options.jsonBody ? { json: true } : {}),
    },
    data: names.data,
    buffer,
    now: snippet ? DEFAULT_NOW.snippet : names.currentTime,
    guide: names,
    comments,
  });
  const trailing =
    options.trailingLines ?? (!snippet && comments ? [`// Now use ${names.validToken} for the actual API call`] : []);
  w.verbatim(trailing);
  return renderLines(frameForNotation(notation, w.lines, options, names.error), resolveLayout(options));
}
