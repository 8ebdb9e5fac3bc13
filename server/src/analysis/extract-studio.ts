import type { Settings } from '../common/settings';
import type { StudioDocument } from '../documents/parsed-document';
import type { CodeUnit, FlowModel, LongRunningEvent, UnitFlow } from './flow-model';
import { constantVariables } from './studio-constants';
import { DocumentState, UnitState } from './studio-extract-state';
import { credentialsInText } from './studio-literals';
import { longRunningLabel, planUnits, type UnitPlan } from './studio-units';
import { TOP_LEVEL, UnitWalker } from './studio-walker';
import { UnitDraft } from './studio-unit-draft';

/**
 * Lowers a `.studio` document (the guide's notation) into the token-flow model.
 *
 * Units: every SNIPPET block, and the script-level lines between blocks (split so that long-running lines start a
 * unit; see studio-units.ts). The notation is a straight-line sketch: DECISION and YES/NO branches make no edges,
 * so a unit's predecessors are all units before it, and what runs between two units is the long-running lines
 * (WAIT, MENU, PLAY, HOLD, REQAGENT, QUEUE, ..., `...` and comments saying that an hour passes) after the first.
 */
export function extractStudioModel(document: StudioDocument, settings: Settings): FlowModel {
  return buildStudioModel(document, settings, { containFailures: true });
}

export interface StudioModelOptions {
  /**
   * When true (the product), a unit whose analysis fails keeps the events found so far instead of failing the
   * document. Tests turn it off to see such failures.
   */
  readonly containFailures: boolean;
}

export function buildStudioModel(document: StudioDocument, settings: Settings, options: StudioModelOptions): FlowModel {
  const { text } = document;
  const constants = options.containFailures ? safely(() => constantVariables(document.studio), new Map<string, number>()) : constantVariables(document.studio);
  const doc = new DocumentState(text, settings, constants);
  const plans = options.containFailures ? safely(() => planUnits(text, document.studio), []) : planUnits(text, document.studio);
  const units: CodeUnit[] = plans.map((plan, id) => {
    const draft = new UnitDraft(id, plan.label, plan.range);
    if (options.containFailures) {
      try {
        lowerUnit(plan, draft, doc, document);
      } catch {
        // Keep what was found before the failure; the rest of the document is still analysed.
      }
    } else {
      lowerUnit(plan, draft, doc, document);
    }
    return draft.finish();
  });
  return { units, flow: straightLineFlow(units) };
}

function lowerUnit(plan: UnitPlan, draft: UnitDraft, doc: DocumentState, document: StudioDocument): void {
  const text = document.text;
  const unit = new UnitState();
  if (plan.kind === 'snippet') {
    const walker = new UnitWalker(doc, unit, draft, plan.block.sets);
    walker.walkProgram(plan.block.program);
    for (const comment of document.studio.comments) {
      if (comment.start < plan.block.bodyRange.start || comment.start >= plan.block.bodyRange.end) continue;
      for (const finding of credentialsInText(text.slice(comment.start, comment.end), comment.start, true)) {
        draft.emitLiteral(finding, comment, TOP_LEVEL);
      }
    }
    return;
  }
  const walker = new UnitWalker(doc, unit, draft);
  for (const element of plan.elements) {
    const label = longRunningLabel(element, text);
    if (label !== undefined) draft.emit({ kind: 'long-running', range: element.range, label }, TOP_LEVEL);
    if (element.kind === 'comment') {
      for (const finding of credentialsInText(text.slice(element.range.start, element.range.end), element.range.start, true)) {
        draft.emitLiteral(finding, element.range, TOP_LEVEL);
      }
      continue;
    }
    const item = element.item;
    switch (item.kind) {
      case 'ScriptAssign':
        walker.scriptAssign(item);
        break;
      case 'Decision':
        walker.decision(item);
        break;
      case 'Action':
        for (const finding of credentialsInText(item.argsText, item.argsRange.start, true)) {
          draft.emitLiteral(finding, item.argsRange, TOP_LEVEL);
        }
        break;
      case 'Wait':
      case 'Elision':
      case 'Branch':
        break;
    }
  }
}

/** Script order: every earlier unit can run before a unit; between two units run the long-running lines after the first. */
function straightLineFlow(units: readonly CodeUnit[]): UnitFlow {
  const longRunning = units.map((unit) => unit.events.filter((e): e is LongRunningEvent => e.kind === 'long-running'));
  return {
    // Unit ids are their indices in document order.
    predecessors: (unit) => (Number.isInteger(unit) && unit >= 0 && unit < units.length ? units.slice(0, unit).map((u) => u.id) : []),
    longRunningBetween: (from, to) => {
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to >= units.length || from >= to) return [];
      return longRunning.slice(from + 1, to + 1).flat();
    },
  };
}

function safely<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}
