import { reportInternalError } from '../../common/internal-errors';
import type { Settings } from '../../common/settings';
import { runSteps, type Steps } from '../../common/steps';
import type { SnippetDocument } from '../../documents/parsed-document';
import type { CodeUnit, FlowModel } from '../model/flow-model';
import { snippetFactsOf, type SnippetFacts } from './facts';
import { agreedValuesOf } from './document-facts';
import { ModelIds } from './model-ids';
import { earlierStatementsOf, rememberSnippetModel, snippetModelMemoOf } from './statement-reuse';
import { extractSnippetUnitSteps, type StatementRecording } from './unit-extractor';

/**
 * A `.snippet` file: one unit, labelled "snippet", covering the whole file. Nothing runs before it as far as the
 * file can tell, so `predecessors` and `longRunningBetween` are empty; a token it sends but never acquires was
 * acquired in an earlier action, which the rules read from the unit alone.
 */
export function extractSnippetModel(document: SnippetDocument, settings: Settings): FlowModel {
  return runSteps(extractSnippetModelSteps(document, settings));
}

/**
 * Files with fewer top-level statements are read whole on every edit: there the whole model takes a few milliseconds,
 * and the records would cost memory (about 0.9 MiB for a 2,000-line file of 480 statements) with many files open.
 */
export const RECORDED_STATEMENTS = 1200;

/**
 * `extractSnippetModel` in steps (a few top-level statements each). With the model of the document's previous
 * version (under the same settings), a long file takes over every top-level statement the edit did not change
 * and whose reads still answer the same (statement-reuse.ts).
 */
export function* extractSnippetModelSteps(
  document: SnippetDocument,
  settings: Settings,
  previous?: FlowModel,
): Steps<FlowModel> {
  const ids = new ModelIds();
  const id = ids.nextUnit();
  const range = { start: 0, end: document.text.length };
  let unit: CodeUnit;
  let recording: (StatementRecording & { readonly facts: SnippetFacts }) | undefined;
  try {
    const { program, comments } = document.snippet;
    const facts = snippetFactsOf(program, document.text);
    if (program.body.length >= RECORDED_STATEMENTS) {
      const memo = previous && snippetModelMemoOf(previous);
      const earlier = memo && memo.settings === settings ? earlierStatementsOf(memo, document.text, facts) : undefined;
      recording = { earlier, facts, records: [] };
    }
    yield;
    unit = yield* extractSnippetUnitSteps(
      { program, code: document.text, comments, toDocumentRange: (start, end) => ({ start, end }) },
      { id, label: 'snippet', range },
      {
        settings,
        ids,
        facts,
        // One piece: its own facts are the document's (documentConstantsOf([facts]) and the rest, without copies).
        documentConstants: agreedValuesOf(facts.constantAssignments),
        documentJitter: facts.jitterVariables,
        documentStrings: agreedValuesOf(facts.stringAssignments),
        documentAssigned: facts.assignedNames,
        recording,
      },
    );
  } catch (error) {
    // Last resort (a bug, reported; tests fail on it): an empty unit keeps the other diagnostics working.
    reportInternalError('snippet extraction', error);
    unit = { id, label: 'snippet', range, events: [], conditions: [] };
    recording = undefined;
  }
  const model: FlowModel = { units: [unit], flow: { predecessors: () => [], longRunningBetween: () => [] } };
  if (recording) {
    const { facts, records } = recording;
    rememberSnippetModel(model, { settings, code: document.text, facts, records });
  }
  return model;
}
