import { getLanguageService, type JSONDocument } from 'vscode-json-languageservice';
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
 *
 * For the authoring bench it also answers what that server answers for such a file: document symbols, folding
 * ranges, formatting, hover and completion, with its defaults (at most 5,000 symbols and folding ranges:
 * `json.maxItemsComputed`), and keeps each document's parse per version as it does (its language-model cache).
 */

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService({});

/** VS Code's JSON server computes at most this many symbols and folding ranges by default. */
const MAX_ITEMS_COMPUTED = 5000;

/** Documents whose parse is kept, as in the JSON server's language-model cache (its 60 s expiry is left out). */
const MAX_PARSES = 10;

/** Parses by URI, the most recently used last. */
const parses = new Map<string, { version: number; json: JSONDocument }>();

/** The document's parse, once per version (the JSON server's language-model cache). */
function parsed(uri: string): { document: TextDocument; json: JSONDocument } | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  let entry = parses.get(uri);
  if (entry?.version !== document.version) {
    entry = { version: document.version, json: service.parseJSONDocument(document) };
  }
  parses.delete(uri);
  parses.set(uri, entry);
  if (parses.size > MAX_PARSES) parses.delete(parses.keys().next().value!);
  return { document, json: entry.json };
}

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    documentFormattingProvider: true,
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['"', ':'] },
  },
}));

connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
  const found = parsed(params.textDocument.uri);
  if (!found) return { kind: 'full', items: [] };
  const options = { comments: 'error', trailingCommas: 'error' } as const;
  return { kind: 'full', items: await service.doValidation(found.document, found.json, options) };
});

connection.onDocumentSymbol((params) => {
  const found = parsed(params.textDocument.uri);
  return found ? service.findDocumentSymbols2(found.document, found.json, { resultLimit: MAX_ITEMS_COMPUTED }) : null;
});

connection.onFoldingRanges((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.getFoldingRanges(document, { rangeLimit: MAX_ITEMS_COMPUTED }) : null;
});

connection.onDocumentFormatting((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? service.format(document, undefined, params.options) : null;
});

connection.onHover((params) => {
  const found = parsed(params.textDocument.uri);
  return found ? service.doHover(found.document, params.position, found.json) : null;
});

connection.onCompletion((params) => {
  const found = parsed(params.textDocument.uri);
  return found ? service.doComplete(found.document, params.position, found.json) : null;
});

documents.onDidClose((event) => parses.delete(event.document.uri));

documents.listen(connection);
connection.listen();
