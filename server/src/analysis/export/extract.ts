import { reportInternalError } from '../../common/internal-errors';
import type { Settings } from '../../common/settings';
import type { EmbeddedSnippet, ExportDocument } from '../../documents/parsed-document';
import type { ActionGraph, ScriptAction } from '../../syntax/export/read-export';
import type { CodeUnit, FlowModel, LongRunningEvent, UnitFlow } from '../model/flow-model';
import type { TokenAge } from '../model/token-age';
import { isLongRunningActionType } from '../vocabulary/long-running-actions';
import { collectSnippetFacts, type SnippetFacts } from '../snippet/facts';
import {
  documentAssignedOf,
  documentConstantsOf,
  documentJitterOf,
  documentStringsOf,
} from '../snippet/document-facts';
import { foldName } from '../vocabulary/names';
import { ModelIds } from '../snippet/model-ids';
import { extractSnippetUnit } from '../snippet/unit-extractor';
import { worstCaseTokenAge } from './token-age';

/**
 * A Desktop Studio XML export: one unit per SNIPPET action, every range mapped back to the file through the
 * action's exact offset map. The flow between units is the action graph: a unit's predecessors are the SNIPPET
 * actions from which its action can be reached (itself only when it lies on a loop), and what lies between two
 * units is every long-running action on some path from one to the other.
 */
export function extractExportModel(document: ExportDocument, settings: Settings): FlowModel {
  const ids = new ModelIds();
  const snippets = document.snippets;
  const factsList = snippets.map((s) => safeFacts(s));
  const known = factsList.filter((f): f is SnippetFacts => f !== undefined);
  const documentConstants = documentConstantsOf(known);
  const documentJitter = documentJitterOf(known);
  const documentStrings = documentStringsOf(known);
  const documentAssigned = documentAssignedOf(known, namesInOtherActions(document));
  const units: CodeUnit[] = [];
  const actionOfUnit = new Map<number, number>();
  snippets.forEach((snippet, index) => {
    const { code } = snippet;
    const id = ids.nextUnit();
    const label = `SNIPPET action ${code.actionId} "${code.caption}"`;
    const range = { start: code.contentRange.start, end: code.contentRange.end };
    units.push(
      safeUnit(snippet, { id, label, range }, settings, ids, factsList[index], {
        documentConstants,
        documentJitter,
        documentStrings,
        documentAssigned,
      }),
    );
    actionOfUnit.set(id, code.actionId);
  });
  return { units, flow: new ActionFlow(document.export.graph, units, actionOfUnit) };
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
    return collectSnippetFacts(snippet.snippet.program, snippet.code.code);
  } catch (error) {
    reportInternalError(`facts of SNIPPET action ${snippet.code.actionId}`, error);
    return undefined;
  }
}

function safeUnit(
  snippet: EmbeddedSnippet,
  header: { id: number; label: string; range: { start: number; end: number } },
  settings: Settings,
  ids: ModelIds,
  facts: SnippetFacts | undefined,
  document: {
    documentConstants: ReadonlyMap<string, number>;
    documentJitter: ReadonlySet<string>;
    documentStrings: ReadonlyMap<string, string>;
    documentAssigned: ReadonlySet<string>;
  },
): CodeUnit {
  const { code, snippet: parsed } = snippet;
  try {
    return extractSnippetUnit(
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

/** Unit flow over the action graph; answers are computed on demand and cached. */
class ActionFlow implements UnitFlow {
  private readonly predecessorCache = new Map<number, readonly number[]>();
  private readonly betweenCache = new Map<string, readonly LongRunningEvent[]>();
  private readonly ageCache = new Map<string, TokenAge | undefined>();

  constructor(
    private readonly graph: ActionGraph,
    private readonly units: readonly CodeUnit[],
    private readonly actionOfUnit: ReadonlyMap<number, number>,
  ) {}

  predecessors(unit: number): readonly number[] {
    const cached = this.predecessorCache.get(unit);
    if (cached) return cached;
    const action = this.actionOfUnit.get(unit);
    let result: number[] = [];
    if (action !== undefined && this.graph.action(action)) {
      const reaching = this.graph.reaching(action);
      const forward = this.graph.reachableFrom(action);
      const onLoop = this.graph.predecessors(action).some((p) => forward.has(p));
      result = this.units
        .filter((u) => {
          const a = this.actionOfUnit.get(u.id);
          if (a === undefined || !reaching.has(a)) return false;
          return u.id !== unit || onLoop;
        })
        .map((u) => u.id);
    }
    this.predecessorCache.set(unit, result);
    return result;
  }

  longRunningBetween(from: number, to: number): readonly LongRunningEvent[] {
    const key = `${from}:${to}`;
    const cached = this.betweenCache.get(key);
    if (cached) return cached;
    const fromAction = this.actionOfUnit.get(from);
    const toAction = this.actionOfUnit.get(to);
    let result: LongRunningEvent[] = [];
    if (fromAction !== undefined && toAction !== undefined) {
      result = this.graph
        .actionsBetween(fromAction, toAction)
        .filter((action) => isLongRunningActionType(action.type))
        .map((action, order) => longRunningEvent(action, to, order));
    }
    this.betweenCache.set(key, result);
    return result;
  }

  worstCaseAge(from: number, to: number): TokenAge | undefined {
    const key = `${from}:${to}`;
    if (this.ageCache.has(key)) return this.ageCache.get(key);
    const fromAction = this.actionOfUnit.get(from);
    const toAction = this.actionOfUnit.get(to);
    const age =
      fromAction === undefined || toAction === undefined
        ? undefined
        : worstCaseTokenAge(this.graph, fromAction, toAction);
    this.ageCache.set(key, age);
    return age;
  }
}

/**
 * A long-running action as an event: labelled `MENU "Main menu"`, placed on its caption (else the whole action).
 * It belongs to no unit's event list: `unit` is the unit the path leads to and `order` its place in the answer.
 */
function longRunningEvent(action: ScriptAction, unit: number, order: number): LongRunningEvent {
  const caption = action.captionRange;
  const range = caption && caption.end > caption.start ? { ...caption } : { ...action.range };
  return {
    kind: 'long-running',
    unit,
    order,
    range,
    guards: [],
    inLoop: false,
    label: `${action.type} "${action.caption}"`,
  };
}
