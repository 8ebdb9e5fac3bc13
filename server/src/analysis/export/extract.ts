import { reportInternalError } from '../../common/internal-errors';
import type { Settings } from '../../common/settings';
import { runSteps, type Steps } from '../../common/steps';
import type { EmbeddedSnippet, ExportDocument } from '../../documents/parsed-document';
import type { ActionGraph, ActionMarks, ScriptAction } from '../../syntax/export/read-export';
import type { CodeUnit, FlowModel, LongRunningEvent, UnitFlow } from '../model/flow-model';
import type { TokenAge } from '../model/token-age';
import { isLongRunningActionType } from '../vocabulary/long-running-actions';
import { snippetFactsOf, type SnippetFacts } from '../snippet/facts';
import {
  documentAssignedOf,
  documentConstantsOf,
  documentJitterOf,
  documentStringsOf,
} from '../snippet/document-facts';
import { foldName } from '../vocabulary/names';
import { ModelIds } from '../snippet/model-ids';
import { extractSnippetUnitSteps } from '../snippet/unit-extractor';
import { TokenAges } from './token-age';
import {
  type ActionUnitRecord,
  type DocumentFacts,
  exportModelMemoOf,
  rememberExportModel,
  type RecordedFacts,
  recordingFacts,
  reusableUnit,
} from './unit-reuse';

/**
 * A Desktop Studio XML export: one unit per SNIPPET action, every range mapped back to the file through the
 * action's exact offset map. The flow between units is the action graph: a unit's predecessors are the SNIPPET
 * actions from which its action can be reached (itself only when it lies on a loop), and what lies between two
 * units is every long-running action on some path from one to the other.
 */
export function extractExportModel(document: ExportDocument, settings: Settings): FlowModel {
  return runSteps(extractExportModelSteps(document, settings));
}

/**
 * `extractExportModel` in steps: one per action whose facts are new, and one (or more) per unit lowered. With the
 * model of the document's previous version, an action whose unit would come out the same is not lowered again (see
 * unit-reuse.ts): the result is the one a build from scratch gives.
 */
export function* extractExportModelSteps(
  document: ExportDocument,
  settings: Settings,
  previous?: FlowModel,
): Steps<FlowModel> {
  const earlier = previous ? exportModelMemoOf(previous) : undefined;
  const ids = new ModelIds();
  const snippets = document.snippets;
  const factsList: (SnippetFacts | undefined)[] = [];
  for (const snippet of snippets) {
    // Kept per parse (snippetFactsOf): an action whose code did not change costs nothing here.
    factsList.push(safeFacts(snippet));
    yield;
  }
  const known = factsList.filter((f): f is SnippetFacts => f !== undefined);
  const documentFacts: DocumentFacts = {
    documentConstants: documentConstantsOf(known),
    documentJitter: documentJitterOf(known),
    documentStrings: documentStringsOf(known),
    documentAssigned: documentAssignedOf(known, namesInOtherActions(document)),
  };
  const reusable = earlier?.settings === settings ? earlier.actions : [];
  const units: CodeUnit[] = [];
  const records: ActionUnitRecord[] = [];
  const actionOfUnit = new Map<number, number>();
  for (const [index, snippet] of snippets.entries()) {
    const { code } = snippet;
    const id = ids.nextUnit();
    const label = `SNIPPET action ${code.actionId} "${code.caption}"`;
    const range = { start: code.contentRange.start, end: code.contentRange.end };
    const source = document.text.slice(range.start, range.end);
    const idsBefore = ids.marks();
    const current = { source, contentStart: range.start, label, unitId: id, idsBefore };
    const before = reusable[index];
    let unit = reusableUnit(before, current, documentFacts);
    let reads = before?.reads ?? [];
    if (unit) {
      ids.continueAfter(before!.idsAfter);
    } else {
      const recorded = recordingFacts(documentFacts);
      unit = yield* safeUnit(snippet, { id, label, range }, settings, ids, factsList[index], recorded.facts);
      reads = recorded.reads;
      yield;
    }
    units.push(unit);
    records.push({ source, contentStart: range.start, label, idsBefore, idsAfter: ids.marks(), reads, unit });
    actionOfUnit.set(id, code.actionId);
  }
  const model: FlowModel = { units, flow: new ActionFlow(document.export.graph, units, actionOfUnit) };
  rememberExportModel(model, { settings, actions: records });
  return model;
}

const NAME = /[A-Za-z_][\w]*/g;

/**
 * Every name the parameters of the export's other actions mention (an ASSIGN action's variable, a RUNSUB's
 * outputs, a BEGIN's parameters): such an action may set the variable, so it counts as assigned.
 */
function namesInOtherActions(document: ExportDocument): Set<string> {
  const names = new Set<string>();
  for (const action of document.export.actions) {
    if (action.type.trim().toUpperCase() === 'SNIPPET') continue;
    for (const parameter of action.parameters)
      for (const match of parameter.value.matchAll(NAME)) names.add(foldName(match[0]));
  }
  return names;
}

function safeFacts(snippet: EmbeddedSnippet): SnippetFacts | undefined {
  try {
    return snippetFactsOf(snippet.snippet.program, snippet.code.code);
  } catch (error) {
    reportInternalError(`facts of SNIPPET action ${snippet.code.actionId}`, error);
    return undefined;
  }
}

function* safeUnit(
  snippet: EmbeddedSnippet,
  header: { id: number; label: string; range: { start: number; end: number } },
  settings: Settings,
  ids: ModelIds,
  facts: SnippetFacts | undefined,
  document: RecordedFacts['facts'],
): Steps<CodeUnit> {
  const { code, snippet: parsed } = snippet;
  try {
    return yield* extractSnippetUnitSteps(
      {
        program: parsed.program,
        code: code.code,
        comments: parsed.comments,
        toDocumentRange: (start, end) => code.toDocumentRange(start, end),
      },
      header,
      { settings, ids, ...(facts ? { facts } : {}), ...document },
    );
  } catch (error) {
    // Last resort (a bug, reported; tests fail on it): the other actions are still analysed.
    reportInternalError(`SNIPPET action ${header.label}`, error);
    return { ...header, events: [], conditions: [] };
  }
}

/**
 * Unit flow over the action graph; answers are computed on demand and cached. A rule asks about every pair of a
 * token's acquisition and use, so each answer is a bit test or an intersection of cached reachability sets, never a
 * walk over the graph or the unit list.
 */
class ActionFlow implements UnitFlow {
  private readonly predecessorCache = new Map<number, readonly number[]>();
  private readonly betweenCache = new Map<string, readonly LongRunningEvent[]>();
  private longRunningActions: ActionMarks | undefined;
  private readonly labels = new Map<ScriptAction, string>();
  private readonly ageCache = new Map<string, TokenAge | undefined>();
  private tokenAges: TokenAges | undefined;

  constructor(
    private readonly graph: ActionGraph,
    private readonly units: readonly CodeUnit[],
    private readonly actionOfUnit: ReadonlyMap<number, number>,
  ) {}

  predecessors(unit: number): readonly number[] {
    const cached = this.predecessorCache.get(unit);
    if (cached) return cached;
    const result = this.units.filter((u) => this.precedes(u.id, unit)).map((u) => u.id);
    this.predecessorCache.set(unit, result);
    return result;
  }

  /** `candidate`'s action reaches `unit`'s (itself only on a loop): one of `predecessors(unit)`, without the list. */
  precedes(candidate: number, unit: number): boolean {
    const action = this.actionOfUnit.get(unit);
    const from = this.actionOfUnit.get(candidate);
    if (action === undefined || from === undefined || !this.graph.reaches(from, action)) return false;
    return candidate !== unit || this.graph.onLoop(action);
  }

  longRunningBetween(from: number, to: number): readonly LongRunningEvent[] {
    const key = `${from}:${to}`;
    const cached = this.betweenCache.get(key);
    if (cached) return cached;
    const fromAction = this.actionOfUnit.get(from);
    const toAction = this.actionOfUnit.get(to);
    let result: LongRunningEvent[] = [];
    if (fromAction !== undefined && toAction !== undefined) {
      this.longRunningActions ??= this.graph.mark((action) => isLongRunningActionType(action.type));
      result = this.graph
        .actionsBetween(fromAction, toAction, this.longRunningActions)
        .map((action, order) => longRunningEvent(action, this.labelOf(action), to, order));
    }
    this.betweenCache.set(key, result);
    return result;
  }

  /** One label string per action, however many answers name it (messages cut each label once). */
  private labelOf(action: ScriptAction): string {
    let label = this.labels.get(action);
    if (label === undefined) {
      label = `${action.type} "${action.caption}"`;
      this.labels.set(action, label);
    }
    return label;
  }

  worstCaseAge(from: number, to: number): TokenAge | undefined {
    const key = `${from}:${to}`;
    if (this.ageCache.has(key)) return this.ageCache.get(key);
    const fromAction = this.actionOfUnit.get(from);
    const toAction = this.actionOfUnit.get(to);
    this.tokenAges ??= new TokenAges(this.graph);
    const age =
      fromAction === undefined || toAction === undefined ? undefined : this.tokenAges.ageAt(fromAction, toAction);
    this.ageCache.set(key, age);
    return age;
  }
}

/**
 * A long-running action as an event: labelled `MENU "Main menu"`, placed on its caption (else the whole action).
 * It belongs to no unit's event list: `unit` is the unit the path leads to and `order` its place in the answer.
 */
function longRunningEvent(action: ScriptAction, label: string, unit: number, order: number): LongRunningEvent {
  const caption = action.captionRange;
  const range = caption && caption.end > caption.start ? { ...caption } : { ...action.range };
  return {
    kind: 'long-running',
    unit,
    order,
    range,
    guards: [],
    inLoop: false,
    label,
  };
}
