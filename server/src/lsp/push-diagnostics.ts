import type { Connection, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisTargets } from './analysis-target';
import { runInSlices } from './cooperative';
import type { Disposable, RuntimeEnvironment } from './runtime';
import type { SettingsStore } from './settings-store';
import { diagnosticsOf } from './to-diagnostic';

/** Diagnostics for clients without pull support: debounced per URI, never stale, cleared on close. */
export interface PushDiagnostics {
  /** Validates after `validationDelayMs` of quiet; a newer call for the same URI replaces an older one. */
  schedule(uri: string, delay: 'debounced' | 'now'): void;
  revalidateAll(): void;
  /** Cancels pending work and clears what was published for a closed document. */
  onDocumentClosed(uri: string): void;
  dispose(): void;
}

export function createPushDiagnostics(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  targets: AnalysisTargets,
  settingsStore: SettingsStore,
  runtime: RuntimeEnvironment,
): PushDiagnostics {
  // One ticket per URI: whoever holds the current ticket may publish; any later schedule() takes it.
  const tickets = new Map<string, number>();
  const timers = new Map<string, Disposable>();
  const published = new Set<string>();
  let nextTicket = 0;

  function cancel(uri: string): void {
    timers.get(uri)?.dispose();
    timers.delete(uri);
    tickets.delete(uri);
  }

  function isCurrent(uri: string, ticket: number): boolean {
    return tickets.get(uri) === ticket;
  }

  async function validate(uri: string, ticket: number): Promise<void> {
    const settings = await settingsStore.settingsFor(targets.settingsUri(uri));
    // The await above is where the world moves on: re-read the document and the ticket after it.
    const textDocument = documents.get(uri);
    if (!textDocument || !isCurrent(uri, ticket)) return;
    // In slices, parse and then model and rules: other requests are answered meanwhile; a newer schedule() (an edit,
    // a close) drops the work.
    const parsed = await runInSlices(targets.parse(uri, settings), () => !isCurrent(uri, ticket));
    if (!parsed.done || !isCurrent(uri, ticket)) return;
    const target = targets.of(uri, settings);
    if (!target) {
      tickets.delete(uri);
      // Not ours (any more): say nothing, unless something was said before.
      if (published.delete(uri)) publish({ uri, diagnostics: [] });
      return;
    }
    const settled = await runInSlices(target.analysis.settle(), () => !isCurrent(uri, ticket));
    if (!settled.done || !isCurrent(uri, ticket)) return;
    tickets.delete(uri);
    const diagnostics = diagnosticsOf(target);
    published.add(uri);
    publish({ uri, version: textDocument.version, diagnostics });
  }

  function publish(params: PublishDiagnosticsParams): void {
    connection
      .sendDiagnostics(params)
      .catch((error: unknown) => console.warn(`Publishing diagnostics failed: ${String(error)}`));
  }

  function run(uri: string, ticket: number): void {
    validate(uri, ticket).catch((error: unknown) => console.error(`Validating ${uri} failed: ${String(error)}`));
  }

  function schedule(uri: string, delay: 'debounced' | 'now'): void {
    cancel(uri);
    const ticket = ++nextTicket;
    tickets.set(uri, ticket);
    if (delay === 'now') {
      run(uri, ticket);
      return;
    }
    void settingsStore.settingsFor(uri).then((settings) => {
      if (!isCurrent(uri, ticket)) return;
      timers.set(
        uri,
        runtime.timer.setTimeout(() => {
          timers.delete(uri);
          run(uri, ticket);
        }, settings.validationDelayMs),
      );
    });
  }

  return {
    schedule,
    revalidateAll() {
      for (const textDocument of documents.all()) schedule(textDocument.uri, 'now');
    },
    onDocumentClosed(uri) {
      cancel(uri);
      published.delete(uri);
      publish({ uri, diagnostics: [] });
    },
    dispose() {
      for (const timer of timers.values()) timer.dispose();
      timers.clear();
      tickets.clear();
    },
  };
}
