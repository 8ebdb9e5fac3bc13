import { LineIndex } from '../common/line-index';
import type { ExportDocument, ParsedDocument, SnippetDocument } from '../documents/parsed-document';
import { Contact, type ContactSetup, type PositionInFile, type SimulationLog } from './contact';
import { type RunnableSnippet, walkContact } from './export-walk';
import { IdentityProvider } from './identity-provider';
import { DEFAULT_LIMITS, maxStringSizeOf, type RuntimeLimits } from './limits';
import { stopsContact } from './runtime-fault';
import {
  DEFAULT_DURATION_SECONDS,
  DEFAULT_FIRST_CONTACT_ID,
  DEFAULT_LATENCY_SECONDS,
  DEFAULT_START_TIME,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  type Scenario,
} from './scenario';
import { SimulatedNetwork } from './simulated-network';
import { type SimulationOutcome, type SimulationResult, summarize } from './simulation-result';

export interface SimulationOptions {
  /** Length of each contact in simulated seconds (default: the scenario's, else 7200). */
  readonly durationSeconds?: number;
  /** `expires_in` of the built-in identity provider's tokens (default: the scenario's, else 3600). */
  readonly tokenLifetimeSeconds?: number;
  /** .snippet files: how many times the SNIPPET runs, spread evenly over the duration (default: every 5 minutes). */
  readonly runs?: number;
  /** Number of contacts (default: the scenario's, else 1). */
  readonly contacts?: number;
  readonly scenario?: Scenario;
  readonly limits?: Partial<RuntimeLimits>;
  /** Actions one contact may enter in an export walk. */
  readonly maxActionVisits?: number;
}

/** Seconds between two runs of a .snippet file when --runs is not given. */
export const DEFAULT_RUN_SPACING_SECONDS = 300;
const DEFAULT_MAX_ACTION_VISITS = 10_000;
const SECRET_NAME = /secret|password|passwd|pwd|api_?key|token|credential/i;

/**
 * Simulates a parsed document: a `.snippet` file as one SNIPPET action run `runs` times in each contact, an export
 * by walking its action graph from BEGIN. A pure function of the document and the options (the clock, the identity
 * provider and the network are simulated); never throws. The guide notation is refused: it is not runnable in Studio.
 */
export function simulateDocument(document: ParsedDocument, options: SimulationOptions = {}): SimulationOutcome {
  try {
    switch (document.kind) {
      case 'guide':
        return {
          ok: false,
          problem:
            'a .studio file is in the guide notation, which Studio cannot run ' +
            '(its SNIPPET bodies are JavaScript-like illustrations): ' +
            'simulate the real Snippet code (.snippet) or a Desktop Studio export (.xml)',
          details: [],
        };
      case 'snippet':
        return simulateSnippet(document, options);
      case 'export':
        return simulateExport(document, options);
    }
  } catch (e) {
    return {
      ok: false,
      problem: `internal simulator error: ${e instanceof Error ? e.message : String(e)}`,
      details: [],
    };
  }
}

interface Common {
  readonly scenario: Scenario;
  readonly durationSeconds: number;
  readonly tokenLifetimeSeconds: number;
  readonly setups: ContactSetup[];
  readonly network: SimulatedNetwork;
  readonly idp: IdentityProvider;
  readonly log: SimulationLog;
  readonly limits: RuntimeLimits;
}

function prepare(options: SimulationOptions): Common {
  const scenario = options.scenario ?? {};
  const durationSeconds = options.durationSeconds ?? scenario.durationSeconds ?? DEFAULT_DURATION_SECONDS;
  const tokenLifetimeSeconds =
    options.tokenLifetimeSeconds ?? scenario.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const count = options.contacts ?? scenario.contacts?.count ?? 1;
  const epoch = Date.parse(scenario.startTime ?? DEFAULT_START_TIME) / 1000;
  const firstId = scenario.contacts?.firstContactId ?? DEFAULT_FIRST_CONTACT_ID;
  const starts = scenario.contacts?.startSeconds;
  const spread = scenario.contacts?.spreadSeconds ?? 0;
  const setups: ContactSetup[] = [];
  for (let i = 0; i < count; i++) {
    const offset = starts ? (starts[i] ?? starts[starts.length - 1]!) : count > 1 ? (spread * i) / (count - 1) : 0;
    setups.push({
      number: i + 1,
      contactId: firstId + i,
      startUnix: epoch + offset,
      businessUnitOffsetMinutes: scenario.businessUnitUtcOffsetMinutes ?? 0,
      variables: scenario.variables ?? {},
    });
  }
  const idp = new IdentityProvider();
  const network = new SimulatedNetwork(
    {
      endpoints: scenario.endpoints ?? [],
      latencySeconds: scenario.latencySeconds ?? DEFAULT_LATENCY_SECONDS,
      clockSkewSeconds: scenario.clockSkewSeconds ?? 0,
      tokenLifetimeSeconds,
    },
    idp,
  );
  const log: SimulationLog = { requests: [], tokens: [], actions: [], traces: [], errors: [] };
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  return { scenario, durationSeconds, tokenLifetimeSeconds, setups, network, idp, log, limits };
}

function syntaxProblem(errors: readonly string[]): SimulationOutcome {
  return {
    ok: false,
    problem:
      `the code has ${errors.length} syntax error${errors.length === 1 ? '' : 's'}; ` +
      "Studio's Check Syntax would reject it",
    details: errors.slice(0, 20),
  };
}

function positionsOf(text: string): (offset: number) => { line: number; column: number } {
  const index = new LineIndex(text);
  return (offset) => {
    const p = index.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
}

function simulateSnippet(document: SnippetDocument, options: SimulationOptions): SimulationOutcome {
  const position = positionsOf(document.text);
  if (document.snippet.errors.length > 0) {
    return syntaxProblem(
      document.snippet.errors.map((e) => {
        const p = position(e.range.start);
        return `${p.line}:${p.column} ${e.message}`;
      }),
    );
  }
  const common = prepare(options);
  const { durationSeconds, limits } = common;
  const runs = Math.max(1, options.runs ?? Math.floor(durationSeconds / DEFAULT_RUN_SPACING_SECONDS) + 1);
  for (const setup of common.setups) {
    const contact = new Contact(setup, common.network, common.log);
    for (let k = 0; k < runs; k++) {
      const scheduled = runs === 1 ? 0 : (k * durationSeconds) / (runs - 1);
      contact.clock.advanceTo(scheduled);
      if (contact.clock.elapsed > durationSeconds) break;
      const start = contact.clock.elapsed;
      const label = `run ${k + 1}`;
      const fault = contact.runCode(document.snippet.program, label, position, limits);
      contact.logAction(label, 'SNIPPET', start, contact.clock.elapsed - start);
      if (fault && stopsContact(fault.kind)) break;
    }
  }
  return { ok: true, result: finish(common, 'snippet', runs) };
}

function simulateExport(document: ExportDocument, options: SimulationOptions): SimulationOutcome {
  const position = positionsOf(document.text);
  if (document.export.errors.length > 0) {
    return {
      ok: false,
      problem: 'the export is not well-formed XML',
      details: document.export.errors.map((e) => {
        const p = position(e.range.start);
        return `${p.line}:${p.column} ${e.message}`;
      }),
    };
  }
  const syntax: string[] = [];
  const snippets = new Map<number, RunnableSnippet>();
  const common = prepare(options);
  for (const { code, snippet } of document.snippets) {
    const inFile: PositionInFile = (offset) => position(code.toDocumentOffset(offset));
    for (const e of snippet.errors) {
      const p = inFile(e.range.start);
      syntax.push(`${p.line}:${p.column} ${e.message} (action ${code.actionId})`);
    }
    const action = document.export.graph.action(code.actionId);
    const maxStringSize = maxStringSizeOf(action?.parameters[1]?.value);
    snippets.set(code.actionId, {
      program: snippet.program,
      position: inFile,
      limits: maxStringSize === undefined ? common.limits : { ...common.limits, maxStringSize },
    });
  }
  if (syntax.length > 0) return syntaxProblem(syntax);
  const { graph } = document.export;
  if (graph.entry === undefined) return { ok: false, problem: 'the export has no actions', details: [] };
  for (const setup of common.setups) {
    const contact = new Contact(setup, common.network, common.log);
    walkContact(contact, {
      graph,
      snippets,
      durationSeconds: common.durationSeconds,
      scenario: common.scenario,
      maxActionVisits: options.maxActionVisits ?? DEFAULT_MAX_ACTION_VISITS,
      actionPosition: (action) => position(action.range.start),
    });
  }
  return { ok: true, result: finish(common, 'export', null) };
}

function finish(common: Common, documentKind: 'snippet' | 'export', runs: number | null): SimulationResult {
  const { log, scenario } = common;
  const secrets = [...common.idp.tokens()];
  for (const [name, value] of Object.entries(scenario.variables ?? {})) {
    if (typeof value === 'string' && value !== '' && SECRET_NAME.test(name)) secrets.push(value);
  }
  return {
    documentKind,
    contacts: common.setups.length,
    durationSeconds: common.durationSeconds,
    tokenLifetimeSeconds: common.tokenLifetimeSeconds,
    runs,
    requests: log.requests,
    tokens: log.tokens,
    actions: log.actions,
    traces: log.traces,
    errors: log.errors,
    summary: summarize(log.requests, log.errors),
    secrets,
  };
}
