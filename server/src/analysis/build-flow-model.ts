import type { Settings } from '../common/settings';
import { runSteps, type Steps } from '../common/steps';
import type { ParsedDocument } from '../documents/parsed-document';
import { extractExportModelSteps } from './export/extract';
import type { FlowModel } from './model/flow-model';
import { extractSnippetModelSteps } from './snippet/extract';
import { extractGuideModel } from './guide/extract';

let builds = 0;

/** How many models have been built in this process: tests check that fixes never build one. */
export function flowModelBuildCount(): number {
  return builds;
}

/** Lowers any parsed document into the token-flow model the rules read. */
export function buildFlowModel(document: ParsedDocument, settings: Settings): FlowModel {
  return runSteps(buildFlowModelSteps(document, settings));
}

/** `buildFlowModel` in steps (see common/steps.ts). */
export function* buildFlowModelSteps(document: ParsedDocument, settings: Settings): Steps<FlowModel> {
  builds++;
  switch (document.kind) {
    case 'snippet':
      return yield* extractSnippetModelSteps(document, settings);
    case 'guide':
      return extractGuideModel(document, settings);
    case 'export':
      return yield* extractExportModelSteps(document, settings);
  }
}
