import { commands, type Disposable, Uri, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  SNIPPET_ACTION_SCHEME,
  SNIPPET_ACTIONS_REQUEST,
  type SnippetActionsParams,
  type SnippetActionsResult,
} from '../../server/src/common/protocol-ids';
import type { SnippetActionFiles } from './snippet-action-files';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens a SNIPPET action's tab (its own editor, language `cxone-snippet`). */
async function openTab(uri: string): Promise<void> {
  const document = await workspace.openTextDocument(Uri.parse(uri, true));
  await window.showTextDocument(document, { preview: false });
}

/**
 * **Edit SNIPPET Action**: from a code lens (with the tab's URI), or from the palette or the editor's context menu in
 * an export (the action under the cursor, else a pick of the export's SNIPPET actions). The server lists the actions
 * and makes their URIs; the tab itself is a file of SnippetActionFiles.
 */
export function registerEditSnippetAction(
  commandId: string,
  client: LanguageClient,
  files: SnippetActionFiles,
): Disposable[] {
  const command = async (tabUri?: unknown): Promise<void> => {
    try {
      if (typeof tabUri === 'string') {
        await openTab(tabUri);
        return;
      }
      const editor = window.activeTextEditor;
      if (!editor) {
        void window.showInformationMessage('Open a Desktop Studio export (.xml) to edit one of its SNIPPET actions.');
        return;
      }
      const { document, selection } = editor;
      const result = await client.sendRequest<SnippetActionsResult>(SNIPPET_ACTIONS_REQUEST, {
        uri: document.uri.toString(),
        position: { line: selection.active.line, character: selection.active.character },
      } satisfies SnippetActionsParams);
      if ('error' in result) {
        void window.showWarningMessage(result.error);
        return;
      }
      if (result.actions.length === 0) {
        void window.showInformationMessage('This export has no SNIPPET action.');
        return;
      }
      const here = result.actions.find((a) => a.actionId === result.atPosition);
      if (here && document.uri.scheme !== SNIPPET_ACTION_SCHEME) {
        await openTab(here.uri);
        return;
      }
      const picked = await window.showQuickPick(
        result.actions.map((a) => ({
          label: a.caption || `SNIPPET ${a.actionId}`,
          description: `action ${a.actionId}`,
          uri: a.uri,
        })),
        { title: 'Edit SNIPPET Action', placeHolder: 'The SNIPPET action to edit as Snippet' },
      );
      if (picked) await openTab(picked.uri);
    } catch (error) {
      void window.showErrorMessage(`Edit SNIPPET Action: ${describe(error)}`);
    }
  };
  return [
    commands.registerCommand(commandId, command),
    // A tab's base is what it was read from: once closed, the next opening reads it again.
    workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === SNIPPET_ACTION_SCHEME) files.forget(document.uri);
    }),
    workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length > 0 && document.uri.scheme !== SNIPPET_ACTION_SCHEME)
        files.exportChanged(document.uri.toString());
    }),
  ];
}
