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
import { tokenNamesFor } from './token-names';
import { bufferPlan, type RefreshTiming } from './timing';
import {
  clientCredentialsBody,
  defaultTokenRequestNames,
  tokenExchangeBody,
  type TokenRequestNames,
} from './token-request';

export interface TwoStepTokenNames extends TokenRequestNames {
  /** The client-credentials token and its expiry (`clientToken`, `clientTokenExpiry`; guide `strClientToken`, …). */
  readonly clientToken: string;
  readonly clientTokenExpiry: string;
  /** The resource token it is exchanged for, with an expiry of its own. */
  readonly resourceToken: string;
  readonly resourceTokenExpiry: string;
  /** The exchange request: proxy / request object, result / response, guide's parsed body. */
  readonly exchangeRequest: string;
  readonly exchangeResponse: string;
  readonly exchangeData: string;
  /** Code text of the exchange endpoint's URL. */
  readonly exchangeUrl: string;
  /** Scope of the resource token; no `scope` parameter when empty. */
  readonly resourceScope: string;
  /** Each token's error variable (Snippet: `clientTokenError`, `resourceTokenError`; guide: one, `strApiError`). */
  readonly error: string;
  readonly resourceError: string;
  /** Snippet: each token's lifetime from `expires_in`. */
  readonly clientLifetime: string;
  readonly resourceLifetime: string;
  readonly refreshBuffer: string;
  /** Guide only: locals, as in its Strategy B, for each token. */
  readonly currentTime: string;
  readonly clientLocalExpiry: string;
  readonly clientLocalToken: string;
  readonly clientValidToken: string;
  readonly resourceLocalExpiry: string;
  readonly resourceLocalToken: string;
  readonly resourceValidToken: string;
}

export function defaultTwoStepTokenNames(notation: Notation): TwoStepTokenNames {
  const snippet = notation === 'snippet';
  const request = defaultTokenRequestNames(notation);
  const client = tokenNamesFor(snippet ? 'clientToken' : 'strClientToken');
  const resource = tokenNamesFor(snippet ? 'resourceToken' : 'strResourceToken');
  return {
    ...request,
    request: snippet ? client.proxy : 'clientReq',
    response: snippet ? client.result : 'clientResp',
    data: 'clientData',
    clientToken: client.token,
    clientTokenExpiry: client.expiry,
    resourceToken: resource.token,
    resourceTokenExpiry: resource.expiry,
    exchangeRequest: snippet ? resource.proxy : 'exReq',
    exchangeResponse: snippet ? resource.result : 'exResp',
    exchangeData: 'exData',
    exchangeUrl: request.tokenUrl,
    resourceScope: '',
    error: snippet ? client.error : 'strApiError',
    resourceError: snippet ? resource.error : 'strApiError',
    clientLifetime: client.lifetime,
    resourceLifetime: resource.lifetime,
    refreshBuffer: snippet ? REFRESH_BUFFER_SETTING : 'refreshBuffer',
    currentTime: DEFAULT_NOW.guide,
    clientLocalExpiry: 'clientExpiry',
    clientLocalToken: 'clientValue',
    clientValidToken: 'clientToken',
    resourceLocalExpiry: 'resourceExpiry',
    resourceLocalToken: 'resourceValue',
    resourceValidToken: 'resourceToken',
  };
}

export interface TwoStepTokenOptions extends TemplateOptions, GuideBlockOptions, Partial<RefreshTiming> {
  readonly names?: Partial<TwoStepTokenNames>;
}

/**
 * A two-step token (the guide's Edge Case 4): a client-credentials token, then a resource token exchanged for it,
 * each cached with its own expiry from its own `expires_in`, its own buffered check and its own status check. The
 * resource block comes second, so a fresh client token is always there for the exchange.
 */
export function twoStepToken(notation: Notation, options: TwoStepTokenOptions = {}): string {
  const names = { ...defaultTwoStepTokenNames(notation), ...options.names };
  const comments = options.comments ?? true;
  const plan = bufferPlan(options);
  const snippet = notation === 'snippet';
  const buffer: BufferValue = snippet || plan.kind === 'jittered' ? names.refreshBuffer : plan.seconds;
  const now = snippet ? DEFAULT_NOW.snippet : names.currentTime;
  const w = new LineWriter();
  if (comments) w.line('// two-step token: a client token, exchanged for a resource token; each has its own expiry');
  if (snippet) {
    w.append(bufferSettingLines(plan, names.refreshBuffer, comments));
  } else {
    w.line(guideCurrentTimeDeclaration(names.currentTime, comments));
  }
  if (!snippet && plan.kind === 'jittered') {
    w.append(
      jitteredBufferLines(notation, {
        variable: names.refreshBuffer,
        minSeconds: plan.minSeconds,
        maxSeconds: plan.maxSeconds,
        comments,
      }),
    );
  }
  if (comments) w.line('// 1. client token (client credentials)');
  writeCachedToken(w, notation, {
    cachedToken: names.clientToken,
    tokenExpiry: names.clientTokenExpiry,
    lifetime: names.clientLifetime,
    error: names.error,
    request: {
      request: names.request,
      response: names.response,
      url: names.tokenUrl,
      body: clientCredentialsBody(names),
    },
    data: names.data,
    buffer,
    now,
    guide: {
      localExpiry: names.clientLocalExpiry,
      localToken: names.clientLocalToken,
      validToken: names.clientValidToken,
    },
    comments,
  });
  if (comments) w.line('// 2. resource token (exchanged for the client token)');
  const subject = snippet ? names.clientToken : names.clientValidToken;
  writeCachedToken(w, notation, {
    cachedToken: names.resourceToken,
    tokenExpiry: names.resourceTokenExpiry,
    lifetime: names.resourceLifetime,
    error: names.resourceError,
    request: {
      request: names.exchangeRequest,
      response: names.exchangeResponse,
      url: names.exchangeUrl,
      body: tokenExchangeBody(notation, subject, names.resourceScope),
    },
    data: names.exchangeData,
    buffer,
    now,
    guide: {
      localExpiry: names.resourceLocalExpiry,
      localToken: names.resourceLocalToken,
      validToken: names.resourceValidToken,
    },
    comments,
  });
  const trailing =
    options.trailingLines ??
    (!snippet && comments ? [`// Now use ${names.resourceValidToken} for the actual API call`] : []);
  w.verbatim(trailing);
  return renderLines(frameForNotation(notation, w.lines, options, names.error), resolveLayout(options));
}
