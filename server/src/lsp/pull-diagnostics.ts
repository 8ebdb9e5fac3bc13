import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalyses } from './document-analysis';
import { requireDocumentUri } from './params';
import { requestCancelled } from './run-safe';
import type { SettingsStore } from './settings-store';
import { toDiagnostic } from './to-diagnostic';

/**
 * A result id names exactly what a report was computed from: the settings generation, which
 * opening of the document (a reopened document starts again at version 1, maybe with other text)
 * and its version. The client sends it back; if nothing changed the answer is `unchanged`.
 */
function resultIdOf(settingsGeneration: number, opening: number, version: number): string {
  return `${settingsGeneration}:${opening}:${version}`;
}

function serverCancelled(reason: string): ResponseError<DiagnosticServerCancellationData> {
  // retriggerRequest: the client asks again, now for the current version and settings.
  return new ResponseError(LSPErrorCodes.ServerCancelled, reason, { retriggerRequest: true });
}

export type PullDiagnostics = (
  params: DocumentDiagnosticParams,
  token: CancellationToken,
) => Promise<DocumentDiagnosticReport>;

/** `textDocument/diagnostic`. Throws `ResponseError`s for cancellation; `runSafe` answers them. */
export function createPullDiagnostics(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  settingsStore: SettingsStore,
  openingOf: (uri: string) => number,
): PullDiagnostics {
  return async (params, token) => {
    const uri = requireDocumentUri('textDocument/diagnostic', params);
    const textDocument = documents.get(uri);
    if (!textDocument) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = textDocument.version;
    const generation = settingsStore.generation;
    const resultId = resultIdOf(generation, openingOf(uri), version);
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };

    const settings = await settingsStore.settingsFor(uri);
    if (token.isCancellationRequested) throw requestCancelled<DiagnosticServerCancellationData>();
    const current = documents.get(uri);
    if (!current || current.version !== version)
      throw serverCancelled('The document changed while its settings were read.');
    if (settingsStore.generation !== generation) throw serverCancelled('The settings changed while they were read.');

    const findings = analyses.get(current).analysis(settings)?.findings ?? [];
    const items = findings.map((finding) => toDiagnostic(finding, current));
    if (token.isCancellationRequested) throw requestCancelled<DiagnosticServerCancellationData>();
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  };
}
