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
import type { AnalysisTargets } from './analysis-target';
import { runInSlices } from './cooperative';
import { requireDocumentUri } from './params';
import { requestCancelled } from './run-safe';
import type { SettingsStore } from './settings-store';
import { diagnosticsOf } from './to-diagnostic';

/**
 * A result id names exactly what a report was computed from: the settings generation, which
 * opening of the document (a reopened document starts again at version 1, maybe with other text)
 * and its version. The client sends it back; if nothing changed the answer is `unchanged`.
 */
function resultIdOf(settingsGeneration: number, opening: number, version: number | string): string {
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
  targets: AnalysisTargets,
  settingsStore: SettingsStore,
  openingOf: (uri: string) => number,
): PullDiagnostics {
  return async (params, token) => {
    const uri = requireDocumentUri('textDocument/diagnostic', params);
    const textDocument = documents.get(uri);
    if (!textDocument) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = textDocument.version;
    // A SNIPPET action's tab also depends on its export's version.
    const settingsUri = targets.settingsUri(uri);
    const exportVersion = settingsUri === uri ? undefined : documents.get(settingsUri)?.version;
    const generation = settingsStore.generation;
    const resultId = resultIdOf(
      generation,
      openingOf(uri),
      exportVersion === undefined ? version : `${version}/${exportVersion}`,
    );
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };

    const settings = await settingsStore.settingsFor(settingsUri);
    if (token.isCancellationRequested) throw requestCancelled<DiagnosticServerCancellationData>();
    const current = documents.get(uri);
    if (!current || current.version !== version)
      throw serverCancelled('The document changed while its settings were read.');
    if (settingsStore.generation !== generation) throw serverCancelled('The settings changed while they were read.');

    // In slices (parse, then model and rules): other requests are answered meanwhile; a newer version or a
    // cancellation drops the work.
    const changed = () => documents.get(uri)?.version !== version || token.isCancellationRequested;
    const parsed = await runInSlices(targets.parse(uri, settings), changed);
    if (token.isCancellationRequested) throw requestCancelled<DiagnosticServerCancellationData>();
    if (!parsed.done) throw serverCancelled('The document changed while it was parsed.');
    const target = targets.of(uri, settings);
    if (target) {
      const settled = await runInSlices(target.analysis.settle(), changed);
      if (token.isCancellationRequested) throw requestCancelled<DiagnosticServerCancellationData>();
      if (!settled.done) throw serverCancelled('The document changed while it was analysed.');
    }
    const items = target ? diagnosticsOf(target) : [];
    if (token.isCancellationRequested) throw requestCancelled<DiagnosticServerCancellationData>();
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  };
}
