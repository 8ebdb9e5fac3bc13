import { reportInternalError } from '../../common/internal-errors';
import type { Settings } from '../../common/settings';
import { runSteps, type Steps } from '../../common/steps';
import type { SnippetDocument } from '../../documents/parsed-document';
import type { TextRange } from '../../common/text-range';
import type { CodeUnit, FlowModel } from '../model/flow-model';
import { type SnippetFacts, snippetFactsAfter, snippetFactsOf } from './facts';
import { agreedValuesOf } from './document-facts';
import { ModelIds } from './model-ids';
import { keepResumable, noteResumed, type ResumableLowering, resumePoint, takeResumable } from './resume';
import {
  CHECKPOINT_FIELDS,
  type Checkpoints,
  type SnippetSource,
  UnitBuild,
  type UnitHeader,
  type UnitOptions,
} from './unit-build';
import { extractSnippetUnitSteps, lowerSteps } from './unit-extractor';

/**
 * A `.snippet` file: one unit, labelled "snippet", covering the whole file. Nothing runs before it as far as the
 * file can tell, so `predecessors` and `longRunningBetween` are empty; a token it sends but never acquires was
 * acquired in an earlier action, which the rules read from the unit alone.
 */
export function extractSnippetModel(document: SnippetDocument, settings: Settings): FlowModel {
  return runSteps(extractSnippetModelSteps(document, settings));
}

/**
 * `extractSnippetModel` in steps (a few top-level statements each). With the model of the file's previous version
 * (an edited file), the lowering and the walk behind the facts are kept so that the next version can resume them, and
 * this one resumes the previous one's where it can (resume.ts, `snippetFactsAfter`): the unit is the one a lowering
 * from scratch makes.
 */
export function* extractSnippetModelSteps(
  document: SnippetDocument,
  settings: Settings,
  previous?: FlowModel,
): Steps<FlowModel> {
  const ids = new ModelIds();
  const id = ids.nextUnit();
  const range = { start: 0, end: document.text.length };
  const header = { id, label: 'snippet', range };
  let unit: CodeUnit;
  let kept: ResumableLowering | undefined;
  try {
    const { program, comments } = document.snippet;
    const earlier = previous && takeResumable(previous);
    const facts = previous
      ? snippetFactsAfter(program, document.text, earlier?.facts)
      : snippetFactsOf(program, document.text);
    yield;
    const source = { program, code: document.text, comments, toDocumentRange: identityRange };
    if (previous) {
      const lowered = yield* resumableLoweringSteps(source, header, settings, ids, facts, earlier);
      unit = lowered.unit;
      kept = lowered.resumable;
    } else {
      unit = yield* extractSnippetUnitSteps(source, header, fileOptions(settings, ids, facts));
    }
  } catch (error) {
    // Last resort (a bug, reported; tests fail on it): an empty unit keeps the other diagnostics working.
    reportInternalError('snippet extraction', error);
    unit = { id, label: 'snippet', range, events: [], conditions: [] };
    kept = undefined;
  }
  const model: FlowModel = { units: [unit], flow: { predecessors: () => [], longRunningBetween: () => [] } };
  if (kept) keepResumable(model, kept);
  return model;
}

const identityRange = (start: number, end: number): TextRange => ({ start, end });

/** How a `.snippet` file is lowered: one piece, so its own facts are the document's. */
function fileOptions(settings: Settings, ids: ModelIds, facts: SnippetFacts): UnitOptions {
  return {
    settings,
    ids,
    facts,
    // documentConstantsOf([facts]) and the rest, without copies.
    documentConstants: agreedValuesOf(facts.constantAssignments),
    documentJitter: facts.jitterVariables,
    documentStrings: agreedValuesOf(facts.stringAssignments),
    documentAssigned: facts.assignedNames,
  };
}

/** Lowers the file with every change of the state logged, from where `earlier` can be resumed (else from the top). */
function* resumableLoweringSteps(
  source: SnippetSource,
  header: UnitHeader,
  settings: Settings,
  ids: ModelIds,
  facts: SnippetFacts,
  earlier: ResumableLowering | undefined,
): Steps<{ unit: CodeUnit; resumable: ResumableLowering }> {
  const statements = source.program.body;
  const from = earlier ? resumePoint(earlier, statements, source.code, facts, settings) : 0;
  const options = fileOptions(settings, ids, facts);
  let build: UnitBuild;
  let checkpoints: Checkpoints;
  if (from > 0 && earlier) {
    build = UnitBuild.resumed(earlier.build, earlier.checkpoints, from, source, header, options, facts);
    checkpoints = earlier.checkpoints.slice(0, from * CHECKPOINT_FIELDS);
    noteResumed(from);
  } else {
    build = new UnitBuild(source, header, options, facts);
    checkpoints = [];
  }
  build.record();
  const unit = yield* lowerSteps(build, from, () => build.markInto(checkpoints));
  return { unit, resumable: { build, checkpoints, statements, facts, settings } };
}
