import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { redirectConsole } from './console-redirect';
import { createLanguageServer } from './language-server';
import { registerHandlers } from './register-handlers';
import { nodeRuntime, type RuntimeEnvironment } from './runtime';

/**
 * Errors no handler caught (a timer, a stray promise) are logged and the server keeps serving: one
 * bad document must not end every editor feature. The guard keeps a failing log write from looping.
 */
function logEscapedErrors(): void {
  let logging = false;
  const log = (what: string, error: unknown): void => {
    if (logging) return;
    logging = true;
    try {
      console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      logging = false;
    }
  };
  process.on('uncaughtException', (error) => log('Uncaught exception', error));
  process.on('unhandledRejection', (reason) => log('Unhandled rejection', reason));
}

/**
 * Runs the language server on a connection of any transport (the JSON server's
 * `startServer(connection, runtime)`). From here on `console.*` goes to the client's log,
 * scrubbed of secrets, and errors that escape a handler are logged instead of ending the process.
 */
export function startServer(connection: Connection, runtime: RuntimeEnvironment = nodeRuntime): void {
  redirectConsole(connection.console);
  logEscapedErrors();

  // Incremental sync: TextDocuments applies the client's range edits to its own copy of the text.
  const documents = new TextDocuments(TextDocument);
  registerHandlers(connection, documents, createLanguageServer(connection, documents, runtime));
  documents.listen(connection);
  connection.listen();
}
