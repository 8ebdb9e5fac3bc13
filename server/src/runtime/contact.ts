import type { TextRange } from '../common/text-range';
import type * as A from '../syntax/snippet/ast';
import { ContactClock } from './contact-clock';
import { runSnippet } from './interpreter';
import type { RuntimeLimits } from './limits';
import { RuntimeFault } from './runtime-fault';
import type { SimulatedNetwork } from './simulated-network';
import type { ActionRecord, RequestRecord, SimulationError, TokenRecord, TraceRecord } from './simulation-result';
import type { OutgoingRequest, SnippetHost } from './snippet-host';
import { fromJson } from './values';
import { VariableStore } from './variable-store';

/** Where the records of every contact go. */
export interface SimulationLog {
  readonly requests: RequestRecord[];
  readonly tokens: TokenRecord[];
  readonly actions: ActionRecord[];
  readonly traces: TraceRecord[];
  readonly errors: SimulationError[];
}

export interface ContactSetup {
  readonly number: number;
  readonly contactId: number;
  readonly startUnix: number;
  readonly businessUnitOffsetMinutes: number;
  readonly variables: Readonly<Record<string, string | number | boolean>>;
}

/** How a position in a piece of code maps to the file (1-based line and column). */
export type PositionInFile = (codeOffset: number) => { line: number; column: number };

/**
 * One simulated contact: its clock, its variables (shared by every SNIPPET it runs) and its endpoint counters.
 * Runs SNIPPET code on behalf of the export walk or the .snippet runs and writes what happens to the log.
 */
export class Contact {
  readonly clock: ContactClock;
  readonly store = new VariableStore();
  private readonly endpointCalls: number[] = [];

  constructor(
    readonly setup: ContactSetup,
    private readonly network: SimulatedNetwork,
    private readonly log: SimulationLog,
  ) {
    this.clock = new ContactClock(setup.startUnix);
    for (const [name, value] of Object.entries(setup.variables)) {
      const global = /^global:/i.test(name);
      const bare = name.replace(/^global:/i, '').toLowerCase();
      this.store.set(VariableStore.key(bare, global), fromJson(value));
    }
  }

  /** Runs one SNIPPET execution; returns its fault (already logged), or null when it ran to its end. */
  runCode(program: A.Program, action: string, position: PositionInFile, limits: RuntimeLimits): RuntimeFault | null {
    const { log, clock, setup, network } = this;
    const runStart = clock.elapsed;
    const context = {
      contact: setup.number,
      clock,
      action,
      endpointCalls: this.endpointCalls,
      position,
      record: (r: RequestRecord) => log.requests.push(r),
      recordToken: (t: TokenRecord) => log.tokens.push(t),
    };
    const host: SnippetHost = {
      now: () => clock.now(),
      contactId: setup.contactId,
      businessUnitOffsetMinutes: setup.businessUnitOffsetMinutes,
      send: (request: OutgoingRequest) => {
        if (clock.elapsed - runStart >= limits.maxSimulatedSeconds)
          throw new RuntimeFault(
            'limit',
            `this SNIPPET execution has spent ${limits.maxSimulatedSeconds} s of simulated time on requests ` +
              "(the simulator's time limit: REST calls in an endless loop?)",
            request.range,
          );
        return network.send(context, request);
      },
      trace: (text: string, range: TextRange) =>
        log.traces.push({
          contact: setup.number,
          time: roundTime(clock.elapsed),
          action,
          line: position(range.start).line,
          text,
        }),
    };
    const { fault } = runSnippet(program, this.store, host, limits);
    if (fault) this.logError(fault.message, fault.kind, action, position(fault.range.start));
    return fault;
  }

  logError(message: string, kind: string, action: string, where: { line: number; column: number }): void {
    this.log.errors.push({
      contact: this.setup.number,
      time: roundTime(this.clock.elapsed),
      message,
      line: where.line,
      column: where.column,
      action,
      kind,
    });
  }

  logAction(action: string, type: string, start: number, durationSeconds: number): void {
    this.log.actions.push({
      contact: this.setup.number,
      time: roundTime(start),
      durationSeconds: roundTime(durationSeconds),
      action,
      type,
    });
  }
}

export function roundTime(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
