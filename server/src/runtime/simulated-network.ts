import { isTokenEndpointUrl, isTokenRequestBody } from '../analysis/vocabulary/credential-patterns';
import type { ContactClock } from './contact-clock';
import { type IdentityProvider, tokenOfAuthorization } from './identity-provider';
import type { ScenarioEndpoint, ScenarioResponse } from './scenario';
import type { RequestRecord, TokenRecord, TokenUse } from './simulation-result';
import type { OutgoingRequest, RequestOutcome } from './snippet-host';

export interface NetworkSettings {
  readonly endpoints: readonly ScenarioEndpoint[];
  readonly latencySeconds: number;
  readonly clockSkewSeconds: number;
  readonly tokenLifetimeSeconds: number;
}

/** Where a request comes from: the contact, its clock, the action and how to place the call in the file. */
export interface RequestContext {
  readonly contact: number;
  readonly clock: ContactClock;
  readonly action: string;
  /** Per contact: how many requests each scenario endpoint has answered. */
  readonly endpointCalls: number[];
  position(codeOffset: number): { line: number; column: number };
  record(request: RequestRecord): void;
  recordToken(token: TokenRecord): void;
}

const REASONS: ReadonlyMap<number, string> = new Map([
  [200, 'OK'],
  [201, 'Created'],
  [202, 'Accepted'],
  [204, 'No Content'],
  [400, 'Bad Request'],
  [401, 'Unauthorized'],
  [403, 'Forbidden'],
  [404, 'Not Found'],
  [408, 'Request Timeout'],
  [429, 'Too Many Requests'],
  [500, 'Internal Server Error'],
  [502, 'Bad Gateway'],
  [503, 'Service Unavailable'],
  [504, 'Gateway Timeout'],
]);

/**
 * The world a simulated script talks to. Built in: every URL the analysis classifies as a token endpoint (or a body
 * asking for a token) answers 200 with a fresh token; every other URL answers 200 with a small JSON body when the
 * request carries `Authorization: Bearer <a token issued here and not expired at that instant>`, else 401. Scenario
 * endpoints override status, body, latency and failures per URL pattern. Nothing here touches a real network.
 */
export class SimulatedNetwork {
  private readonly patterns: RegExp[];

  constructor(
    private readonly settings: NetworkSettings,
    private readonly idp: IdentityProvider,
  ) {
    this.patterns = settings.endpoints.map((e) => new RegExp(e.match, 'i'));
  }

  send(context: RequestContext, request: OutgoingRequest): RequestOutcome {
    const { clock } = context;
    const sentAt = clock.elapsed;
    const endpointIndex = this.endpointFor(request);
    const endpoint = endpointIndex === -1 ? undefined : this.settings.endpoints[endpointIndex];
    const spec = endpoint ? this.nextResponse(endpoint, endpointIndex, context) : {};
    const kind =
      endpoint?.kind ?? (isTokenEndpointUrl(request.url) || isTokenRequestBody(request.body) ? 'token' : 'api');
    const token = this.carriedToken(request, clock);
    const latency = spec.latencySeconds ?? endpoint?.latencySeconds ?? this.settings.latencySeconds;
    const where = context.position(request.range.start);
    const base = {
      contact: context.contact,
      time: round(sentAt),
      action: context.action,
      line: where.line,
      column: where.column,
      method: request.verb,
      url: request.url,
      kind,
      token: kind === 'token' ? null : token,
    } as const;

    const failure = spec.failure ?? (latency > request.timeoutSeconds ? 'timeout' : undefined);
    if (failure !== undefined) {
      const waited = failure === 'timeout' ? request.timeoutSeconds : latency;
      clock.advance(waited);
      const reason =
        failure === 'timeout'
          ? `no answer within ProxyTimeoutSeconds (${request.timeoutSeconds} s)`
          : 'the connection failed';
      context.record({ ...base, status: null, failure: reason });
      return { kind: 'failure', reason };
    }

    clock.advance(latency);
    let status: number;
    let body: unknown;
    if (kind === 'token') {
      status = spec.status ?? 200;
      body = spec.body ?? (status === 200 ? this.tokenBody(context) : errorBody(status));
    } else {
      const valid = token !== null && !token.expired;
      status = spec.status ?? (valid ? 200 : 401);
      body = spec.body ?? (status >= 200 && status < 300 ? apiBody() : errorBody(status));
    }
    context.record({ ...base, status, failure: null });
    return { kind: 'response', status, statusDescription: REASONS.get(status) ?? '', body };
  }

  private endpointFor(request: OutgoingRequest): number {
    const verb = request.verb.toUpperCase();
    for (let i = 0; i < this.patterns.length; i++) {
      const method = this.settings.endpoints[i]!.method;
      if (method !== undefined && method.toUpperCase() !== verb) continue;
      if (this.patterns[i]!.test(request.url)) return i;
    }
    return -1;
  }

  private nextResponse(endpoint: ScenarioEndpoint, index: number, context: RequestContext): ScenarioResponse {
    const list: readonly ScenarioResponse[] = endpoint.responses ??
      endpoint.statuses?.map((status) => ({ status })) ?? [{}];
    const call = context.endpointCalls[index] ?? 0;
    context.endpointCalls[index] = call + 1;
    const position = endpoint.afterLast === 'cycle' ? call % list.length : Math.min(call, list.length - 1);
    return list[position]!;
  }

  /**
   * The issued token an Authorization header carries, with its age and expiry as the API that checks it sees them:
   * on the API's clock, which runs `clockSkewSeconds` ahead of the identity provider's and the script host's.
   */
  private carriedToken(request: OutgoingRequest, clock: ContactClock): TokenUse | null {
    for (const [name, value] of request.headers) {
      if (name.trim().toLowerCase() !== 'authorization') continue;
      const issued = this.idp.lookup(tokenOfAuthorization(value));
      if (!issued) continue;
      const apiNow = clock.now() + this.settings.clockSkewSeconds;
      return { ageSeconds: round(apiNow - issued.issuedAt), expired: apiNow >= issued.expiresAt };
    }
    return null;
  }

  private tokenBody(context: RequestContext): unknown {
    const { clock } = context;
    const lifetime = this.settings.tokenLifetimeSeconds;
    const issued = this.idp.issue(clock.now(), lifetime, context.contact);
    const hostIssuedAt = issued.issuedAt - clock.startUnix;
    context.recordToken({
      contact: context.contact,
      issuedAt: round(hostIssuedAt),
      expiresAt: round(hostIssuedAt + (issued.expiresAt - issued.issuedAt)),
    });
    return { access_token: issued.token, token_type: 'Bearer', expires_in: lifetime };
  }
}

function apiBody(): unknown {
  return { status: 'ok', data: { id: 'C-1001', name: 'Jordan Example', tier: 'Gold' } };
}

function errorBody(status: number): unknown {
  if (status === 401)
    return { error: 'invalid_token', error_description: 'The access token is missing, unknown or expired' };
  return { error: `HTTP ${status}`, error_description: REASONS.get(status) ?? 'Error' };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
