import { ErrorCodes, ResponseError, type TextDocuments, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyses } from './document-analysis';
import { requireDocumentUri, requireRange } from './params';
import { toLspTextEdit } from './ranges';
import type { SettingsStore } from './settings-store';

export type FormattingHandler = (params: unknown) => Promise<TextEdit[] | null>;

function requireOptions(method: string, params: unknown): { tabSize: number; insertSpaces: boolean } {
  const options = (params as { options?: { tabSize?: unknown; insertSpaces?: unknown } }).options;
  if (!options || !Number.isInteger(options.tabSize) || typeof options.insertSpaces !== 'boolean') {
    throw new ResponseError(ErrorCodes.InvalidParams, `${method}: options must hold tabSize and insertSpaces`);
  }
  return { tabSize: options.tabSize as number, insertSpaces: options.insertSpaces };
}

/**
 * `textDocument/formatting` and `/rangeFormatting`: whitespace edits for Snippet code (a `.snippet` file, every
 * SNIPPET action of an export), indentation from the editor's options, brace style from the settings.
 */
export function createFormattingHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  settingsStore: SettingsStore,
  method: 'textDocument/formatting' | 'textDocument/rangeFormatting',
): FormattingHandler {
  return async (params) => {
    const uri = requireDocumentUri(method, params);
    const options = requireOptions(method, params);
    const range = method === 'textDocument/rangeFormatting' ? requireRange(method, params) : undefined;
    const version = documents.get(uri)?.version;
    if (version === undefined) return null;
    const settings = await settingsStore.settingsFor(uri);
    // Edits are for the version the request was made for; an edit during the await voids them.
    const current = documents.get(uri);
    if (!current || current.version !== version) return null;
    const analysis = analyses.get(current).analysis(settings);
    if (!analysis) return null;
    const offsets = range ? { start: current.offsetAt(range.start), end: current.offsetAt(range.end) } : undefined;
    return analysis.format(options, offsets).map((edit) => toLspTextEdit(current, edit));
  };
}
