import type { Scenario } from '../../server/src/service';
import { LONG_CONTACT } from './fix-simulation';

/**
 * The worlds the issue-12 proofs run the fixed scripts in (the scenario schema of server/src/runtime/scenario.ts).
 * Token endpoints are matched as the analysis classifies them; API endpoints are everything else.
 */
const TOKEN_URL = '(?:/oauth2?/token|/connect/token|/token)(?:[?#]|$)';

/** Every token request answers 500: the script must take its error path and send no call without a token. */
export const IDP_500: Scenario = { ...LONG_CONTACT, endpoints: [{ match: TOKEN_URL, kind: 'token', statuses: [500] }] };

/** Every token request times out: the SNIPPET leaves by its Error branch before any call. */
export const IDP_TIMEOUT: Scenario = {
  ...LONG_CONTACT,
  endpoints: [{ match: TOKEN_URL, kind: 'token', responses: [{ failure: 'timeout' }] }],
};

/** A `.invalid` placeholder never resolves: nothing may be sent to a real host in its place. */
export const PLACEHOLDER_FAILS_CLOSED: Scenario = {
  ...LONG_CONTACT,
  endpoints: [{ match: '\\.invalid[:/]', responses: [{ failure: 'connection' }] }],
};

/** Token responses without expires_in (an opaque token the API accepts): the refresh must stay bounded. */
export const NO_EXPIRES_IN: Scenario = {
  ...LONG_CONTACT,
  endpoints: [
    {
      match: TOKEN_URL,
      kind: 'token',
      responses: [{ status: 200, body: { access_token: 'opaque-simulated-token-0001', token_type: 'Bearer' } }],
    },
    { match: '.', kind: 'api', statuses: [200] },
  ],
};

/** The third API call answers 401 (a revoked token): the cache must be cleared and a new token fetched. */
export const ONE_401: Scenario = {
  ...LONG_CONTACT,
  endpoints: [{ match: `^(?!.*${TOKEN_URL})`, kind: 'api', responses: [{}, {}, { status: 401 }, {}] }],
};

/** Export walks: the menu branch that leads from the token's acquisition to its use. */
export function viaBranch(actionId: number, branch: string, base: Scenario = LONG_CONTACT): Scenario {
  return { ...base, actions: { ...base.actions, [String(actionId)]: { branch } } };
}
