import type { Settings } from '../common/settings';
import type { ParsedDocument } from '../documents/parsed-document';
import { extractExportModel } from './export/extract';
import type { FlowModel } from './model/flow-model';
import { extractSnippetModel } from './snippet/extract';
import { extractGuideModel } from './guide/extract';

let builds = 0;

/** How many models have been built in this process: tests check that fixes never build one. */
export function flowModelBuildCount(): number {
  return builds;
}

/** Lowers any parsed document into the token-flow model the rules read. */
export function buildFlowModel(document: ParsedDocument, settings: Settings): FlowModel {
  builds++;
  switch (document.kind) {
    case 'snippet':
      return extractSnippetModel(document, settings);
    case 'guide':
      return extractGuideModel(document, settings);
    case 'export':
      return extractExportModel(document, settings);
  }
}
