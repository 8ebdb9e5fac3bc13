import { reportInternalError } from '../../common/internal-errors';
import type { Settings } from '../../common/settings';
import { runSteps, type Steps } from '../../common/steps';
import type { SnippetDocument } from '../../documents/parsed-document';
import type { CodeUnit, FlowModel } from '../model/flow-model';
import { snippetFactsOf } from './facts';
import { agreedValuesOf } from './document-facts';
import { ModelIds } from './model-ids';
import { extractSnippetUnitSteps } from './unit-extractor';

/**
 * A `.snippet` file: one unit, labelled "snippet", covering the whole file. Nothing runs before it as far as the
 * file can tell, so `predecessors` and `longRunningBetween` are empty; a token it sends but never acquires was
 * acquired in an earlier action, which the rules read from the unit alone.
 */
export function extractSnippetModel(document: SnippetDocument, settings: Settings): FlowModel {
  return runSteps(extractSnippetModelSteps(document, settings));
}

/** `extractSnippetModel` in steps (a few top-level statements each). */
export function* extractSnippetModelSteps(document: SnippetDocument, settings: Settings): Steps<FlowModel> {
  const ids = new ModelIds();
  const id = ids.nextUnit();
  const range = { start: 0, end: document.text.length };
  let unit: CodeUnit;
  try {
    const { program, comments } = document.snippet;
    const facts = snippetFactsOf(program, document.text);
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
      },
    );
  } catch (error) {
    // Last resort (a bug, reported; tests fail on it): an empty unit keeps the other diagnostics working.
    reportInternalError('snippet extraction', error);
    unit = { id, label: 'snippet', range, events: [], conditions: [] };
  }
  return { units: [unit], flow: { predecessors: () => [], longRunningBetween: () => [] } };
}
