import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../common/settings';
import type { Analysis } from '../service';
import type { DocumentAnalyses } from './document-analysis';

export interface OpenAnalysis {
  readonly document: TextDocument;
  readonly analysis: Analysis;
}

/**
 * The analysis of an open document's current version, for answers that do not depend on settings (symbols,
 * navigation, completion, colouring): any analysis of this version will do. Undefined for documents that are not
 * open or not ours.
 */
export function openAnalysis(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  uri: string,
): OpenAnalysis | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  const analysis = analyses.get(document).anyAnalysis(DEFAULT_SETTINGS);
  return analysis ? { document, analysis } : undefined;
}
