import {
  DiagnosticRefreshRequest,
  type CancellationToken,
  type CodeAction,
  type CompletionList,
  type Connection,
  type DocumentHighlight,
  type DocumentSymbol,
  type DidChangeConfigurationParams,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type FoldingRange,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type PrepareRenameResult,
  type SignatureHelp,
  type SymbolInformation,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PRODUCT_VERSION } from '../common/version';
import type { SimulateResult } from '../common/protocol-ids';
import { type DocumentKind, documentKindOf } from '../service';
import { documentNameOf } from './document-name';
import { readClientFeatures, type ClientFeatures } from './client-features';
import { createCodeActionHandler } from './code-action-handler';
import { createCompletionHandler } from './completion-handler';
import { createDefinitionHandler } from './definition-handler';
import { createAnalysisTargets } from './analysis-target';
import { createDocumentAnalyses } from './document-analysis';
import { createSnippetActionHandlers, type SnippetActionHandlers } from './snippet-action-handlers';
import { createDocumentHighlightHandler } from './document-highlight-handler';
import { createDocumentSymbolHandler } from './document-symbol-handler';
import { createFoldingHandler } from './folding-handler';
import { createFormattingHandler } from './formatting-handler';
import { createHoverHandler } from './hover-handler';
import { createReferencesHandler } from './references-handler';
import { createPrepareRenameHandler, createRenameHandler } from './rename-handler';
import { createSemanticTokensHandlers, type SemanticTokensHandlers } from './semantic-tokens-handler';
import { SentSemanticTokens } from './semantic-tokens-delta';
import { createSignatureHelpHandler } from './signature-help-handler';
import { createWorkspaceSymbolHandler } from './workspace-symbol-handler';
import { createPullDiagnostics } from './pull-diagnostics';
import { createPushDiagnostics } from './push-diagnostics';
import type { RuntimeEnvironment } from './runtime';
import { createSimulateHandler } from './simulate-handler';
import { startJitWarmUp, type WarmUp } from './jit-warm-up';
import { serverCapabilities } from './server-capabilities';
import { createSettingsStore } from './settings-store';
import { DIAGNOSTIC_SOURCE } from './to-diagnostic';

/** Everything the server does, one method per protocol message; `registerHandlers` wires them up. */
export interface LanguageServer {
  initialize(params: InitializeParams): InitializeResult;
  initialized(): void;
  didOpen(document: TextDocument): void;
  didChangeContent(document: TextDocument): void;
  didClose(document: TextDocument): void;
  didChangeConfiguration(params: DidChangeConfigurationParams): void;
  diagnostic(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport>;
  hover(params: unknown): Promise<Hover | null>;
  foldingRange(params: unknown): FoldingRange[] | null;
  codeAction(params: unknown): Promise<CodeAction[]>;
  documentSymbol(params: unknown): DocumentSymbol[] | SymbolInformation[] | null;
  workspaceSymbol(params: unknown): SymbolInformation[];
  definition(params: unknown): Location[] | null;
  references(params: unknown): Location[] | null;
  documentHighlight(params: unknown): DocumentHighlight[] | null;
  prepareRename(params: unknown): PrepareRenameResult | null;
  rename(params: unknown): WorkspaceEdit | null;
  completion(params: unknown): CompletionList | null;
  signatureHelp(params: unknown): SignatureHelp | null;
  semanticTokens: SemanticTokensHandlers;
  formatting(params: unknown): Promise<TextEdit[] | null>;
  rangeFormatting(params: unknown): Promise<TextEdit[] | null>;
  /** `studioTokenLens/simulate` (see simulate-handler.ts). */
  simulate(params: unknown): Promise<SimulateResult>;
  /** Edit SNIPPET Action, Show Script Flow and the code lenses over SNIPPET actions. */
  readonly snippetActions: SnippetActionHandlers;
  shutdown(): void;
}

export function createLanguageServer(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  runtime: RuntimeEnvironment,
): LanguageServer {
  let features: ClientFeatures = readClientFeatures(undefined);
  const analyses = createDocumentAnalyses();
  const targets = createAnalysisTargets(documents, analyses);
  const settingsStore = createSettingsStore(connection);
  const push = createPushDiagnostics(connection, documents, targets, settingsStore, runtime);
  // Counts openings, so a document closed and reopened never gets an old result id back.
  const openings = new Map<string, number>();
  let openingSerial = 0;
  const pull = createPullDiagnostics(documents, targets, settingsStore, (uri) => openings.get(uri) ?? 0);
  const hover = createHoverHandler(documents, targets, settingsStore, runtime);
  const foldingRange = createFoldingHandler(documents, analyses);
  const codeAction = createCodeActionHandler(documents, targets, settingsStore, () => features);
  const documentSymbol = createDocumentSymbolHandler(documents, analyses, () => features.hierarchicalDocumentSymbols);
  const workspaceSymbol = createWorkspaceSymbolHandler(documents, analyses);
  const definition = createDefinitionHandler(targets);
  const references = createReferencesHandler(targets);
  const documentHighlight = createDocumentHighlightHandler(documents, analyses);
  const prepareRename = createPrepareRenameHandler(targets);
  const rename = createRenameHandler(targets, () => features.documentChanges);
  const completion = createCompletionHandler(targets, () => features.completionSnippets);
  const snippetActions = createSnippetActionHandlers(documents, targets, settingsStore);
  const signatureHelp = createSignatureHelpHandler(documents, analyses);
  const sentSemanticTokens = new SentSemanticTokens();
  const semanticTokens = createSemanticTokensHandlers(documents, analyses, sentSemanticTokens);
  const formatting = createFormattingHandler(documents, analyses, settingsStore, 'textDocument/formatting');
  const rangeFormatting = createFormattingHandler(documents, analyses, settingsStore, 'textDocument/rangeFormatting');
  const simulate = createSimulateHandler(documents, analyses, settingsStore);
  // onDidChangeContent also fires for an open: validate a new document at once, edits after the debounce.
  const justOpened = new Set<string>();
  let warmUp: WarmUp | undefined;

  return {
    initialize(params) {
      features = readClientFeatures(params.capabilities);
      settingsStore.initialize(features.configuration, params.initializationOptions);
      return {
        capabilities: serverCapabilities(features),
        serverInfo: { name: DIAGNOSTIC_SOURCE, version: PRODUCT_VERSION },
      };
    },
    initialized() {
      const mode = features.pullDiagnostics ? 'pull' : 'push';
      const settings = features.configuration ? 'workspace/configuration' : 'initializationOptions';
      console.log(`Studio Token Lens ${PRODUCT_VERSION} ready (${mode} diagnostics, settings from ${settings}).`);
      // Idle time until the first document: the JIT learns the analysis on a sample, a short run per turn.
      warmUp = startJitWarmUp();
    },
    didOpen(document) {
      warmUp?.noteActivity(kindOf(document));
      justOpened.add(document.uri);
      openings.set(document.uri, ++openingSerial);
    },
    didChangeContent(document) {
      warmUp?.noteActivity(kindOf(document));
      const opening = justOpened.delete(document.uri);
      if (!features.pullDiagnostics) push.schedule(document.uri, opening ? 'now' : 'debounced');
    },
    didClose(document) {
      justOpened.delete(document.uri);
      openings.delete(document.uri);
      analyses.onDocumentRemoved(document.uri);
      sentSemanticTokens.forget(document.uri);
      targets.onDocumentRemoved(document.uri);
      settingsStore.forget(document.uri);
      if (!features.pullDiagnostics) push.onDocumentClosed(document.uri);
    },
    didChangeConfiguration(params) {
      settingsStore.onDidChangeConfiguration(params.settings);
      if (!features.pullDiagnostics) {
        push.revalidateAll();
      } else if (features.diagnosticRefresh) {
        // Sent directly: languages.diagnostics.refresh() is typed void and would hide a rejected promise.
        connection
          .sendRequest(DiagnosticRefreshRequest.type)
          .catch((error: unknown) => console.warn(`Diagnostic refresh failed: ${String(error)}`));
      }
    },
    diagnostic(params, token) {
      // A pull waits for the client's settings and analyses in slices: no warm-up run may slip into those gaps.
      return warmUp ? warmUp.whileBusy(() => pull(params, token)) : pull(params, token);
    },
    hover,
    foldingRange,
    codeAction,
    documentSymbol,
    workspaceSymbol,
    definition,
    references,
    documentHighlight,
    prepareRename,
    rename,
    completion,
    signatureHelp,
    semanticTokens,
    formatting,
    rangeFormatting,
    simulate,
    snippetActions,
    shutdown() {
      warmUp?.stop();
      push.dispose();
      analyses.dispose();
    },
  };
}

/** What kind of document of ours an open document is (cheap: its name and language id, an XML file's first bytes). */
function kindOf(document: TextDocument): DocumentKind | undefined {
  return documentKindOf(documentNameOf(document.uri), document.languageId, document.getText());
}
