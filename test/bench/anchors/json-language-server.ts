import { getLanguageService } from 'vscode-json-languageservice';
import {
  createConnection,
  type DocumentDiagnosticReport,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The anchor of the language-server bench: what VS Code's JSON language server does for a `.json` file with no schema
 * when the editor pulls diagnostics (vscode-json-languageservice: parse the document, then validate it: syntax
 * errors, duplicate keys, trailing commas, comments), over the same LSP library and transport as ours. Bundled by the
 * bench (test/bench/anchors/bundle.ts) and run with the same client, document sizes and edits as our server.
 */

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService({});

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
  },
}));

connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: 'full', items: [] };
  const json = service.parseJSONDocument(document);
  const items = await service.doValidation(document, json, { comments: 'error', trailingCommas: 'error' });
  return { kind: 'full', items };
});

documents.listen(connection);
connection.listen();
