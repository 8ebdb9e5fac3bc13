import type { Settings } from '../common/settings';
import type { ParsedDocument } from '../documents/parsed-document';
import { extractExportModel } from './export/extract';
import type { FlowModel } from './model/flow-model';
import { extractSnippetModel } from './snippet/extract';
import { extractStudioModel } from './guide/extract';

/** Lowers any parsed document into the token-flow model the rules read. */
export function buildFlowModel(document: ParsedDocument, settings: Settings): FlowModel {
  switch (document.kind) {
    case 'cxone-snippet':
      return extractSnippetModel(document, settings);
    case 'cxone-studio':
      return extractStudioModel(document, settings);
    case 'studio-xml':
      return extractExportModel(document, settings);
  }
}
