import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/common/settings';
import { Analysis, fixAllText, type Scenario, type SimulationResult } from '../../server/src/service';
import { readAnnotated } from './annotated';

/**
 * Runs a document and its fix-all result in the Snippet simulator (server/src/runtime) under the same scenario, so a
 * test or the issue-12 table can compare what a long contact does before and after the fixes.
 */

/** Two hours, one-hour tokens from the built-in identity provider: the contact that exposes Pattern A. */
export const LONG_CONTACT: Scenario = { durationSeconds: 7200, tokenLifetimeSeconds: 3600 };

/** What one simulated run shows, in the numbers the issue asks for. */
export interface RunFigures {
  readonly expiredTokenRequests: number;
  readonly status401: number;
  readonly tokenRequests: number;
  readonly apiRequests: number;
  /** API requests that carried no token the identity provider issued (an empty or unknown Bearer, or none). */
  readonly apiRequestsWithoutIssuedToken: number;
  readonly runtimeErrors: number;
  readonly errors: readonly string[];
}

export function figures(result: SimulationResult): RunFigures {
  const api = result.requests.filter((r) => r.kind === 'api');
  return {
    expiredTokenRequests: result.summary.expiredTokenRequests,
    status401: result.summary.status401,
    tokenRequests: result.summary.tokenRequests,
    apiRequests: result.summary.apiRequests,
    apiRequestsWithoutIssuedToken: api.filter((r) => r.token === null && r.failure === null).length,
    runtimeErrors: result.summary.runtimeErrors,
    errors: result.errors.map((e) => `${e.kind}: ${e.message} (line ${e.line})`),
  };
}

export type Outcome =
  | { readonly ok: true; readonly figures: RunFigures }
  | { readonly ok: false; readonly problem: string };

export function simulateText(name: string, text: string, scenario: Scenario, runs?: number): Outcome {
  const analysis = Analysis.of({ name, text }, DEFAULT_SETTINGS);
  if (!analysis) return { ok: false, problem: 'not a document' };
  const outcome = analysis.simulate({ scenario, ...(runs !== undefined ? { runs } : {}) });
  return outcome.ok ? { ok: true, figures: figures(outcome.result) } : { ok: false, problem: outcome.problem };
}

export interface BeforeAfter {
  readonly name: string;
  readonly before: Outcome;
  readonly after: Outcome;
  readonly fixedText: string;
}

/** A document (annotations removed) before and after fix-all, simulated under one scenario. */
export function beforeAfter(
  root: string,
  file: string,
  scenario: Scenario = LONG_CONTACT,
  settings: Settings = DEFAULT_SETTINGS,
): BeforeAfter {
  const name = relative(root, file);
  const text = readAnnotated(readFileSync(file, 'utf8')).text;
  const fixedText = fixAllText(name, undefined, text, settings).text;
  return {
    name,
    before: simulateText(name, text, scenario),
    after: simulateText(name, fixedText, scenario),
    fixedText,
  };
}
