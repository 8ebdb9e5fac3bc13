import type { Settings } from '../common/settings';
import { runSteps, type Steps } from '../common/steps';
import type { ParsedDocument } from '../documents/parsed-document';
import { extractExportModelSteps } from './export/extract';
import type { FlowModel } from './model/flow-model';
import { extractSnippetModelSteps } from './snippet/extract';
import { extractGuideModel } from './guide/extract';

let builds = 0;
let snippetCharacters = 0;

/** How many models have been built in this process: tests check that fixes never build one. */
export function flowModelBuildCount(): number {
  return builds;
}

/**
 * Characters of `.snippet` and export documents modelled in this process (their Snippet code runs the same parser,
 * model and rules): the language server's JIT warm-up counts what real documents have done toward its own runs.
 */
export function snippetCharactersModelled(): number {
  return snippetCharacters;
}

/** Lowers any parsed document into the token-flow model the rules read. */
export function buildFlowModel(document: ParsedDocument, settings: Settings): FlowModel {
  return runSteps(buildFlowModelSteps(document, settings));
}

/**
 * `buildFlowModel` in steps (see common/steps.ts). With the model of the document's previous version (under the same
 * settings), an export's SNIPPET actions whose units would come out the same are taken over from it.
 */
export function* buildFlowModelSteps(
  document: ParsedDocument,
  settings: Settings,
  previous?: FlowModel,
): Steps<FlowModel> {
  builds++;
  if (document.kind !== 'guide') snippetCharacters += document.text.length;
  switch (document.kind) {
    case 'snippet':
      return yield* extractSnippetModelSteps(document, settings, previous);
    case 'guide':
      return extractGuideModel(document, settings);
    case 'export':
      return yield* extractExportModelSteps(document, settings, previous);
  }
}
