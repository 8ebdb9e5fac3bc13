import type { Settings } from '../common/settings';
import type { ParsedDocument } from '../documents/parsed-document';
import { extractExportModel } from './extract-export';
import type { FlowModel } from './flow-model';
import { extractSnippetModel } from './extract-snippet';
import { extractStudioModel } from './extract-studio';

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
