import type { ActionEdge, ScriptAction } from '../syntax/export/export-model';
import type { ActionGraph } from '../syntax/export/action-graph';
import type * as A from '../syntax/snippet/ast';
import { actionDurationOf, REST_OF_CONTACT, SECONDS_AFTER_AGENT } from './action-durations';
import type { Contact, PositionInFile } from './contact';
import type { RuntimeLimits } from './limits';
import { stopsContact } from './runtime-fault';
import type { Scenario } from './scenario';
import { unsupported } from './studio-semantics';

/** A SNIPPET action ready to run: its parsed code, how its offsets map to the file, its MaxStringSize. */
export interface RunnableSnippet {
  readonly program: A.Program;
  readonly position: PositionInFile;
  readonly limits: RuntimeLimits;
}

export interface WalkSettings {
  readonly graph: ActionGraph;
  readonly snippets: ReadonlyMap<number, RunnableSnippet>;
  readonly durationSeconds: number;
  readonly scenario: Scenario;
  /** Actions one contact may enter before the walk stops (loops without time, such as SNIPPET → SNIPPET). */
  readonly maxActionVisits: number;
  /** The file position of an action element. */
  actionPosition(action: ScriptAction): { line: number; column: number };
}

const ERROR_BRANCH = /^(?:on)?error$/i;

export function actionLabel(action: ScriptAction): string {
  const caption = action.caption.trim();
  return caption === '' ? `${action.type} ${action.id}` : `${action.type} ${action.id} "${caption}"`;
}

/**
 * Walks one contact through an export from BEGIN (studio-semantics.ts, ERRORS for the Error branch): SNIPPET actions
 * run against the contact's variables, WAIT advances the clock by its seconds, other actions take the scenario's
 * (or the default) duration and follow the scenario's branch (default: the default link, else the first link). The
 * contact ends when the flow ends, when --duration is reached (the caller hangs up), or on a fault that stops it.
 */
export function walkContact(contact: Contact, settings: WalkSettings): void {
  const { graph, durationSeconds } = settings;
  const visits = new Map<number, number>();
  let action = graph.entry;
  let entered = 0;
  while (action !== undefined && contact.clock.elapsed < durationSeconds) {
    const label = actionLabel(action);
    if (++entered > settings.maxActionVisits) {
      contact.logError(
        `the walk entered ${settings.maxActionVisits} actions without the contact ending (a loop that takes no time?)`,
        'limit',
        label,
        settings.actionPosition(action),
      );
      return;
    }
    const visit = visits.get(action.id) ?? 0;
    visits.set(action.id, visit + 1);
    const start = contact.clock.elapsed;
    const step = runAction(contact, action, label, settings);
    const spent = Math.min(contact.clock.elapsed, durationSeconds) - start;
    if (contact.clock.elapsed > durationSeconds) contact.clock.elapsed = durationSeconds; // the caller hangs up
    contact.logAction(label, action.type.toUpperCase(), start, spent);
    if (step === 'stop') return;
    const next = chooseEdge(contact, action, label, visit, step === 'error', settings);
    if (next === undefined) return;
    action = graph.action(next.to);
  }
}

type StepOutcome = 'next' | 'error' | 'stop';

function runAction(contact: Contact, action: ScriptAction, label: string, settings: WalkSettings): StepOutcome {
  const type = action.type.trim().toUpperCase();
  const override = settings.scenario.actions?.[String(action.id)]?.durationSeconds;
  if (type === 'SNIPPET') {
    const snippet = settings.snippets.get(action.id);
    if (!snippet) return 'next'; // a SNIPPET without code does nothing
    contact.clock.advance(override ?? 0);
    const fault = contact.runCode(snippet.program, label, snippet.position, snippet.limits);
    if (fault === null) return 'next';
    return stopsContact(fault.kind) ? 'stop' : 'error';
  }
  if (type === 'ASSIGN') {
    // The action sets a variable, but the syntax of its value property is not documented in the pages the
    // simulator cites: running on without it would silently change what later SNIPPETs see.
    contact.logError(
      unsupported('the ASSIGN action', 'move the assignment into a SNIPPET to simulate it'),
      'unsupported',
      label,
      settings.actionPosition(action),
    );
    return 'stop';
  }
  if (type === 'WAIT' && override === undefined) {
    const text = action.parameters[0]?.value.trim() ?? '';
    const seconds = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined;
    if (seconds === undefined) {
      contact.logError(
        unsupported(`a WAIT of "${text}"`, 'the simulator reads a number of seconds'),
        'unsupported',
        label,
        settings.actionPosition(action),
      );
      return 'stop';
    }
    contact.clock.advance(seconds);
    return 'next';
  }
  let seconds =
    override ??
    settings.scenario.actionDurations?.[type] ??
    actionDurationOf(
      type,
      action.parameters.map((p) => p.value),
    )?.seconds ??
    0;
  if (seconds === REST_OF_CONTACT)
    seconds = Math.max(0, settings.durationSeconds - SECONDS_AFTER_AGENT - contact.clock.elapsed);
  contact.clock.advance(seconds);
  return 'next';
}

function chooseEdge(
  contact: Contact,
  action: ScriptAction,
  label: string,
  visit: number,
  failed: boolean,
  settings: WalkSettings,
): ActionEdge | undefined {
  const edges = settings.graph.outgoing(action.id).filter((e) => !e.dangling);
  if (failed) {
    const errorEdge = edges.find((e) => ERROR_BRANCH.test(e.label.trim()));
    if (errorEdge === undefined)
      contact.logError(
        'the SNIPPET action failed and has no Error branch: the contact ends here',
        'flow',
        label,
        settings.actionPosition(action),
      );
    return errorEdge;
  }
  const scripted = settings.scenario.actions?.[String(action.id)];
  const choice = scripted?.branch;
  const wanted = Array.isArray(choice)
    ? choice[scripted?.cycle ? visit % choice.length : Math.min(visit, choice.length - 1)]
    : choice;
  const normal = edges.filter((e) => !ERROR_BRANCH.test(e.label.trim()));
  if (wanted === undefined || wanted.toLowerCase() === 'default')
    return normal.find((e) => e.kind === 'default') ?? normal[0];
  const chosen = edges.find((e) => e.label.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (chosen === undefined) {
    const labels = edges.map((e) => (e.label.trim() === '' ? 'Default' : e.label.trim())).join(', ');
    contact.logError(
      `the scenario chooses branch "${wanted}", which action ${action.id} does not have (it has: ${labels || 'none'})`,
      'flow',
      label,
      settings.actionPosition(action),
    );
  }
  return chosen;
}
