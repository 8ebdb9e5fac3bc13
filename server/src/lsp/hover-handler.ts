import { MarkupKind, type Hover, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyses } from './document-analysis';
import { requireDocumentUri, requirePosition } from './params';
import { toLspRange } from './ranges';
import type { RuntimeEnvironment } from './runtime';
import type { SettingsStore } from './settings-store';

export type HoverHandler = (params: unknown) => Promise<Hover | null>;

/** `textDocument/hover`: null (no hover, not an error) for unknown documents and empty places. */
export function createHoverHandler(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  settingsStore: SettingsStore,
  runtime: RuntimeEnvironment,
): HoverHandler {
  return async (params) => {
    const uri = requireDocumentUri('textDocument/hover', params);
    const position = requirePosition('textDocument/hover', params);
    const version = documents.get(uri)?.version;
    if (version === undefined) return null;
    const settings = await settingsStore.settingsFor(uri);
    // The position belongs to the version the request was made for; an edit during the await voids it.
    const current = documents.get(uri);
    if (!current || current.version !== version) return null;
    const analysis = analyses.get(current).analysis(settings);
    if (!analysis) return null;
    const info = analysis.hoverAt(current.offsetAt(position), runtime.now());
    if (!info) return null;
    return { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: toLspRange(current, info.range) };
  };
}
