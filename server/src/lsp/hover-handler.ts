import { MarkupKind, type Hover, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisTargets } from './analysis-target';
import { requireDocumentUri, requirePosition } from './params';
import type { RuntimeEnvironment } from './runtime';
import type { SettingsStore } from './settings-store';

export type HoverHandler = (params: unknown) => Promise<Hover | null>;

/**
 * `textDocument/hover`: a decoded JWT, else a keyword's or built-in's documented meaning (with a link to NICE's
 * page) or where a variable is assigned; null (no hover, not an error) for unknown documents and empty places.
 */
export function createHoverHandler(
  documents: TextDocuments<TextDocument>,
  targets: AnalysisTargets,
  settingsStore: SettingsStore,
  runtime: RuntimeEnvironment,
): HoverHandler {
  return async (params) => {
    const uri = requireDocumentUri('textDocument/hover', params);
    const position = requirePosition('textDocument/hover', params);
    const version = documents.get(uri)?.version;
    if (version === undefined) return null;
    const settings = await settingsStore.settingsFor(targets.settingsUri(uri));
    // The position belongs to the version the request was made for; an edit during the await voids it.
    const current = documents.get(uri);
    if (!current || current.version !== version) return null;
    const target = targets.of(uri, settings);
    if (!target) return null;
    const { analysis } = target;
    const offset = target.offsetAt(position);
    // A JWT under the cursor wins; otherwise a keyword's, built-in's or variable's hover.
    const info = analysis.hoverAt(offset, runtime.now()) ?? analysis.authoringHoverAt(offset);
    if (!info) return null;
    const range = target.rangeHere(info.range);
    return { contents: { kind: MarkupKind.Markdown, value: info.markdown }, ...(range ? { range } : {}) };
  };
}
