import { isLongRunningActionType, longRunningReason } from '../analysis/vocabulary';
import type { SimulatedBand, SimulatedToken, SimulationReport } from '../common/protocol-ids';
import { roundTime } from './contact';
import { OutputMasker } from './output-masker';
import { simulationJson } from './simulation-json';
import type { SimulationResult } from './simulation-result';

/**
 * The answer of the `studioTokenLens/simulate` request: `studio-sim --format json`'s document, each request with its
 * column, kind and failure, each error with its contact and time, and what a picture of the contact needs: every
 * issued token with how long the contact held it, and the long-running actions as bands. Masked like the CLI's
 * output (`OutputMasker`).
 */
export function simulationReport(file: string, result: SimulationResult): SimulationReport {
  const masker = new OutputMasker(result.secrets);
  const json = simulationJson(file, result);
  return {
    ...json,
    requests: json.requests.map((request, i) => {
      const record = result.requests[i]!;
      return {
        ...request,
        column: record.column,
        kind: record.kind,
        failure: record.failure === null ? null : masker.mask(record.failure),
      };
    }),
    errors: json.errors.map((error, i) => ({
      ...error,
      contact: result.errors[i]!.contact,
      time: result.errors[i]!.time,
    })),
    documentKind: result.documentKind,
    tokenLifetimeSeconds: result.tokenLifetimeSeconds,
    runs: result.runs,
    tokens: heldTokens(result),
    bands: bandsOf(result, masker),
  };
}

/**
 * Each token until the next one of its contact was issued (the script replaced it), else until the contact's last
 * recorded moment: the stretch over which the picture draws its age rising.
 */
function heldTokens(result: SimulationResult): SimulatedToken[] {
  const ends = new Map<number, number>();
  const reach = (contact: number, time: number): void => {
    ends.set(contact, Math.max(ends.get(contact) ?? 0, time));
  };
  for (const a of result.actions) reach(a.contact, a.time + a.durationSeconds);
  for (const r of result.requests) reach(r.contact, r.time);
  for (const e of result.errors) reach(e.contact, e.time);
  for (const t of result.tokens) reach(t.contact, t.issuedAt);
  // Contacts run one after another and each issues its tokens in time order; the sort only makes that explicit.
  const tokens = [...result.tokens].sort((a, b) => a.contact - b.contact || a.issuedAt - b.issuedAt);
  return tokens.map((token, i) => {
    const next = tokens[i + 1];
    const heldUntil = next?.contact === token.contact ? next.issuedAt : ends.get(token.contact)!;
    return {
      contact: token.contact,
      issuedAt: roundTime(token.issuedAt),
      expiresAt: roundTime(token.expiresAt),
      heldUntil: roundTime(heldUntil),
    };
  });
}

/** The actions the analysis calls long-running (analysis/vocabulary) that took simulated time. */
function bandsOf(result: SimulationResult, masker: OutputMasker): SimulatedBand[] {
  const bands: SimulatedBand[] = [];
  for (const a of result.actions) {
    if (a.durationSeconds <= 0 || !isLongRunningActionType(a.type)) continue;
    bands.push({
      contact: a.contact,
      time: a.time,
      durationSeconds: a.durationSeconds,
      action: masker.mask(a.action),
      type: a.type,
      reason: longRunningReason(a.type) ?? '',
    });
  }
  return bands;
}
