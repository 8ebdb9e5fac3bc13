import { SNIPPET_DAY_COUNT_COMMENT } from './assumptions';
import { writeCachedToken } from './cached-token-block';
import { frameForNotation, type GuideBlockOptions } from './guide-block';
import { LineWriter, renderLines, resolveLayout, type Notation, type TemplateOptions } from './layout';
import { DEFAULT_NOW, guideCurrentTimeDeclaration, jitteredBufferLines, type BufferValue } from './pieces';
import { bufferPlan, type RefreshTiming } from './timing';
import { clientCredentialsBody, defaultTokenRequestNames, type TokenRequestNames } from './token-request';

export interface StrategyBNames extends TokenRequestNames {
  /** The cached token, kept for the whole contact (`cachedToken`; guide `strCachedToken`). */
  readonly cachedToken: string;
  /** Its expiry (`tokenExpiry`, a day count; guide `strTokenExpiry`, unix seconds). */
  readonly tokenExpiry: string;
  /** Set when the token request fails (`apiError`; guide `strApiError`). */
  readonly error: string;
  /** The jittered buffer's variable (`refreshBuffer`), used only with jitter. */
  readonly refreshBuffer: string;
  /** Guide only: the locals of its Strategy B. */
  readonly currentTime: string;
  readonly localExpiry: string;
  readonly localToken: string;
  readonly validToken: string;
}

export function defaultStrategyBNames(notation: Notation): StrategyBNames {
  const snippet = notation === 'snippet';
  return {
    ...defaultTokenRequestNames(notation),
    cachedToken: snippet ? 'cachedToken' : 'strCachedToken',
    tokenExpiry: snippet ? 'tokenExpiry' : 'strTokenExpiry',
    error: snippet ? 'apiError' : 'strApiError',
    refreshBuffer: 'refreshBuffer',
    currentTime: DEFAULT_NOW.guide,
    localExpiry: 'tokenExpiry',
    localToken: 'tokenValue',
    validToken: 'validToken',
  };
}

export interface StrategyBOptions extends TemplateOptions, GuideBlockOptions, Partial<RefreshTiming> {
  readonly names?: Partial<StrategyBNames>;
}

/**
 * Strategy B: a cached token with its expiry from `expires_in`, refreshed when now >= expiry - buffer (a jittered
 * buffer when `jitter.enabled`), the token request's status checked (on failure the token and expiry are cleared
 * and the error variable is set). Snippet: the domain sketch; guide: the guide's Strategy B block.
 */
export function strategyB(notation: Notation, options: StrategyBOptions = {}): string {
  const names = { ...defaultStrategyBNames(notation), ...options.names };
  const comments = options.comments ?? true;
  const plan = bufferPlan(options);
  const buffer: BufferValue = plan.kind === 'fixed' ? plan.seconds : names.refreshBuffer;
  const w = new LineWriter();
  if (notation === 'snippet') {
    if (comments) w.line(SNIPPET_DAY_COUNT_COMMENT);
  } else {
    if (comments) w.line('// Strategy B: token manager with expiry tracking');
    w.line(guideCurrentTimeDeclaration(names.currentTime, comments));
  }
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
  if (notation === 'guide' && comments) {
    const described = plan.kind === 'fixed' ? `a ${plan.seconds}-second buffer` : 'the jittered buffer';
    w.line(`// Check if cached token is still valid (with ${described})`);
  }
  writeCachedToken(w, notation, {
    cachedToken: names.cachedToken,
    tokenExpiry: names.tokenExpiry,
    error: names.error,
    request: {
      request: names.request,
      response: names.response,
      url: names.tokenUrl,
      body: clientCredentialsBody(names),
    },
    data: names.data,
    buffer,
    now: notation === 'snippet' ? DEFAULT_NOW.snippet : names.currentTime,
    guide: names,
    comments,
  });
  const trailing =
    options.trailingLines ??
    (notation === 'guide' && comments ? [`// Now use ${names.validToken} for the actual API call`] : []);
  w.verbatim(trailing);
  return renderLines(frameForNotation(notation, w.lines, options, names.error), resolveLayout(options));
}
