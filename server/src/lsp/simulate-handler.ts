import { ErrorCodes, ParameterStructures, RequestType, ResponseError, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SIMULATE_REQUEST, type SimulateParams, type SimulateResult } from '../common/protocol-ids';
import { OutputMasker, type Scenario, type SimulationOptions, simulationReport, validateScenario } from '../service';
import type { DocumentAnalyses } from './document-analysis';
import { documentNameOf } from './document-name';
import { requireDocumentUri } from './params';
import type { SettingsStore } from './settings-store';

/** By name: params must be one object (see DecodeJwtRequestType). */
export const SimulateRequestType = new RequestType<SimulateParams, SimulateResult, void>(
  SIMULATE_REQUEST,
  ParameterStructures.byName,
);

export type SimulateHandler = (params: unknown) => Promise<SimulateResult>;

/** The CLI's bounds on times (10 days). */
const MAX_SECONDS = 10 * 86_400;
/**
 * Tighter than the CLI's 100,000: the answer lists every request, and the simulation runs on the server's thread,
 * so every other request waits for it. A thousand contacts is the jitter study; more belongs to studio-sim.
 */
export const MAX_SIMULATED_CONTACTS = 1_000;
export const MAX_SIMULATED_RUNS = 10_000;

/**
 * `studioTokenLens/simulate` (the "Simulate Long Contact" command of any client): the simulation of an open
 * `.snippet` file or Desktop Studio export as `Analysis.simulate` runs it, answered as a `SimulationReport` with
 * tokens and secrets masked. A document that cannot be simulated (a `.studio` file, syntax errors, not open, not
 * ours) is an answer (`{ error, details }`), not a failure; params that are not as documented are InvalidParams.
 */
export function createSimulateHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  settingsStore: SettingsStore,
): SimulateHandler {
  return async (params) => {
    const uri = requireDocumentUri(SIMULATE_REQUEST, params);
    const options = readOptions(params as Record<string, unknown>);
    const name = documentNameOf(uri).split('/').pop() || uri;
    const notOpen = { error: `Cannot simulate ${name}: it is not open in the language server.`, details: [] };
    if (!documents.get(uri)) return notOpen;
    // The settings decide the size limit (maxDocumentSizeKB); the simulation itself does not depend on them.
    const settings = await settingsStore.settingsFor(uri);
    const current = documents.get(uri);
    if (!current) return notOpen;
    const analysis = analyses.get(current).analysis(settings);
    if (!analysis) {
      return {
        error: `Cannot simulate ${name}: only Snippet code (.snippet) and Desktop Studio exports (.xml) can be run.`,
        details: [],
      };
    }
    const outcome = analysis.simulate(options);
    if (!outcome.ok) {
      // Syntax errors may quote the code: mask any token or credential the way the simulator's output does.
      const masker = new OutputMasker([]);
      return {
        error: `Cannot simulate ${name}: ${masker.mask(outcome.problem)}.`,
        details: outcome.details.map((detail) => masker.mask(detail)),
      };
    }
    return { simulation: simulationReport(uri, outcome.result) };
  };
}

function invalid(what: string): ResponseError<never> {
  return new ResponseError<never>(ErrorCodes.InvalidParams, `${SIMULATE_REQUEST}: ${what}`);
}

/** A number option: absent (or null) is the default; anything else must be in range. */
function numberOption(
  params: Record<string, unknown>,
  key: 'durationSeconds' | 'tokenLifetimeSeconds' | 'runs' | 'contacts',
  max: number,
  integer: boolean,
): number | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    value > max ||
    (integer && !Number.isInteger(value))
  )
    throw invalid(`${key} must be a ${integer ? 'whole ' : ''}number above 0 and at most ${max}`);
  return value;
}

function readOptions(params: Record<string, unknown>): SimulationOptions {
  const durationSeconds = numberOption(params, 'durationSeconds', MAX_SECONDS, false);
  const tokenLifetimeSeconds = numberOption(params, 'tokenLifetimeSeconds', MAX_SECONDS, false);
  const runs = numberOption(params, 'runs', MAX_SIMULATED_RUNS, true);
  const contacts = numberOption(params, 'contacts', MAX_SIMULATED_CONTACTS, true);
  let scenario: Scenario | undefined;
  if (params.scenario !== undefined && params.scenario !== null) {
    if (typeof params.scenario !== 'object' || Array.isArray(params.scenario))
      throw invalid('scenario must be an object (a studio-sim scenario file)');
    const parsed = validateScenario(params.scenario);
    if (!parsed.ok) throw invalid(`scenario: ${parsed.error}`);
    scenario = parsed.scenario;
  }
  if (contacts === undefined && (scenario?.contacts?.count ?? 1) > MAX_SIMULATED_CONTACTS)
    throw invalid(`scenario: contacts.count must be at most ${MAX_SIMULATED_CONTACTS} here (studio-sim runs more)`);
  return {
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    ...(tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds } : {}),
    ...(runs !== undefined ? { runs } : {}),
    ...(contacts !== undefined ? { contacts } : {}),
    ...(scenario !== undefined ? { scenario } : {}),
  };
}
