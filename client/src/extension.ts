import { commands, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, COMMANDS, OUR_LANGUAGES, SETTINGS_SECTION } from './constants';
import { serverOptions } from './server-options';
import { createStatusItem } from './status-item';
import { registerDecodeJwt } from './decode-jwt-command';
import { registerSimulateLongContact } from './simulate-command';
import { registerEditSnippetAction } from './edit-snippet-action-command';
import { registerShowScriptFlow } from './script-flow-view';
import { SNIPPET_ACTION_SCHEME, SnippetActionFiles } from './snippet-action-files';

let client: LanguageClient | undefined;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the language server for .snippet and .studio files and for XML files (the server
 * decides from the root element whether an XML file is a Studio export and ignores the rest).
 * Nothing here parses: all language knowledge is in the server.
 */
export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel(CLIENT_NAME);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...OUR_LANGUAGES.map((language) => ({ language })), { language: 'xml', pattern: '**/*.xml' }],
    synchronize: { configurationSection: SETTINGS_SECTION },
    outputChannel,
  };
  const languageClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(context), clientOptions);
  client = languageClient;

  context.subscriptions.push(
    outputChannel,
    createStatusItem(languageClient),
    commands.registerCommand(COMMANDS.restartServer, async () => {
      outputChannel.appendLine('Restarting the language server.');
      try {
        await languageClient.restart();
      } catch (error) {
        outputChannel.appendLine(`Restart failed: ${describe(error)}`);
        void window.showErrorMessage(
          `${CLIENT_NAME}: the language server did not restart. See the output for details.`,
        );
      }
    }),
    commands.registerCommand(COMMANDS.showOutput, () => outputChannel.show(true)),
    ...registerDecodeJwt(COMMANDS.decodeJwt, languageClient),
    ...registerSimulateLongContact(
      COMMANDS.simulateLongContact,
      languageClient,
      context.workspaceState,
      context.extensionUri,
    ),
  );
  // SNIPPET actions of exports, each editable in a tab of its own (language cxone-snippet, served like .snippet files).
  const actionFiles = new SnippetActionFiles(languageClient);
  context.subscriptions.push(
    workspace.registerFileSystemProvider(SNIPPET_ACTION_SCHEME, actionFiles, { isCaseSensitive: true }),
    ...registerEditSnippetAction(COMMANDS.editSnippetAction, languageClient, actionFiles),
    ...registerShowScriptFlow(COMMANDS.showScriptFlow, languageClient),
  );
  try {
    await languageClient.start();
  } catch (error) {
    // The status item shows "Stopped"; the output channel says why. Activation itself succeeds,
    // so "Restart Language Server" stays available.
    outputChannel.appendLine(`The language server did not start: ${describe(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping?.isRunning()) await stopping.stop();
}
