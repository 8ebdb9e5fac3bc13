import { reportInternalError } from '../../common/internal-errors';
import type { Settings } from '../../common/settings';
import type { TextRange } from '../../common/text-range';
import type { GuideDocument } from '../../documents/parsed-document';
import type { CodeUnit, FlowModel, LongRunningEvent, UnitFlow } from '../model/flow-model';
import { documentVariables } from './constants';
import { DocumentState, UnitState } from './extract-state';
import { bareTokenFinding, credentialsInText } from './literals';
import { longRunningLabel, planUnits, type UnitPlan } from './units';
import { UnitWalker } from './unit-walker';
import { TOP_LEVEL } from './walk-context';
import { UnitDraft } from './unit-draft';

/**
 * Lowers a `.studio` document (the guide's notation) into the token-flow model.
 *
 * Units: every SNIPPET block, and the script-level lines between blocks (split so that long-running lines start a
 * unit; see units.ts). The notation is a straight-line sketch: DECISION and YES/NO branches make no edges,
 * so a unit's predecessors are all units before it, and what runs between two units is the long-running lines
 * (WAIT, MENU, PLAY, HOLD, REQAGENT, QUEUE, ..., `...` and comments saying that an hour passes) after the first.
 */
export function extractGuideModel(document: GuideDocument, settings: Settings): FlowModel {
  const { text } = document;
  const variables = safely('guide variables', () => documentVariables(document.guide), undefined);
  const doc = new DocumentState(text, settings, variables?.constants, variables?.assigned, document.guide.comments);
  const plans = safely('guide units', () => planUnits(text, document.guide), []);
  const comments = commentsStartingIn(document.guide.comments);
  const units: CodeUnit[] = plans.map((plan, id) => {
    const draft = new UnitDraft(id, plan.label, plan.range);
    // A bug in one unit keeps what was found before it (reported); the rest of the document is still analysed.
    safely(`guide unit ${plan.label}`, () => lowerUnit(plan, draft, doc, document, comments), undefined);
    return draft.finish();
  });
  return { units, flow: straightLineFlow(units) };
}

function lowerUnit(
  plan: UnitPlan,
  draft: UnitDraft,
  doc: DocumentState,
  document: GuideDocument,
  commentsIn: (start: number, end: number) => readonly TextRange[],
): void {
  const text = document.text;
  const unit = new UnitState();
  if (plan.kind === 'snippet') {
    const walker = new UnitWalker(doc, unit, draft, plan.block.sets);
    walker.walkProgram(plan.block.program);
    for (const comment of commentsIn(plan.block.bodyRange.start, plan.block.bodyRange.end)) {
      for (const finding of credentialsInText(text.slice(comment.start, comment.end), comment.start)) {
        draft.emitLiteral(finding, comment, TOP_LEVEL);
      }
    }
    return;
  }
  const walker = new UnitWalker(doc, unit, draft);
  for (const element of plan.elements) {
    const label = longRunningLabel(element, text);
    if (label !== undefined) draft.emit({ kind: 'long-running', range: element.range, label }, TOP_LEVEL);
    if (element.kind === 'unreadable') {
      const piece = text.slice(element.range.start, element.range.end);
      const found = credentialsInText(piece, element.range.start);
      const bare = bareTokenFinding(text, element.range);
      for (const finding of bare ? [bare, ...found] : found) draft.emitLiteral(finding, element.range, TOP_LEVEL);
      continue;
    }
    if (element.kind === 'comment') {
      for (const finding of credentialsInText(
        text.slice(element.range.start, element.range.end),
        element.range.start,
      )) {
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
        for (const finding of credentialsInText(item.argsText, item.argsRange.start)) {
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

/**
 * Script order: every earlier unit can run before a unit; between two units run the long-running lines after the first.
 */
function straightLineFlow(units: readonly CodeUnit[]): UnitFlow {
  const longRunning = units.map((unit) => unit.events.filter((e): e is LongRunningEvent => e.kind === 'long-running'));
  const isUnit = (unit: number): boolean => Number.isInteger(unit) && unit >= 0 && unit < units.length;
  return {
    // Unit ids are their indices in document order.
    predecessors: (unit) => (isUnit(unit) ? units.slice(0, unit).map((u) => u.id) : []),
    precedes: (candidate, unit) => isUnit(unit) && Number.isInteger(candidate) && candidate >= 0 && candidate < unit,
    longRunningBetween: (from, to) => {
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to >= units.length || from >= to) return [];
      return longRunning.slice(from + 1, to + 1).flat();
    },
  };
}

/**
 * The comments that start in [start, end), in their order. The parser sorts comments by position, so each block's
 * are found by binary search rather than by scanning the document's comments once per block.
 */
function commentsStartingIn(comments: readonly TextRange[]): (start: number, end: number) => readonly TextRange[] {
  const sorted = comments.every((c, i) => i === 0 || comments[i - 1]!.start <= c.start);
  return (start, end) => {
    if (!sorted) return comments.filter((c) => c.start >= start && c.start < end);
    let low = 0;
    let high = comments.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (comments[middle]!.start < start) low = middle + 1;
      else high = middle;
    }
    const found: TextRange[] = [];
    for (let i = low; i < comments.length && comments[i]!.start < end; i++) found.push(comments[i]!);
    return found;
  };
}

/** `compute()`, or `fallback` after reporting the bug (tests fail on any report). */
function safely<T>(where: string, compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch (error) {
    reportInternalError(where, error);
    return fallback;
  }
}
