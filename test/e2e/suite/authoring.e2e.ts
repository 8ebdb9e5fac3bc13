import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, open, poll, revertActiveEditor, screenshot } from './helpers';

/**
 * The authoring features in a real VS Code, on the workspace's Desktop Studio export: BEGIN → "Get OAuth token"
 * (assigns accessToken) → MENU → "Order status" (reads it).
 */
const EXPORT = 'order-status-export.xml';

function positionOf(document: vscode.TextDocument, marker: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, `${marker} is not in ${document.fileName}`);
  return document.positionAt(offset + delta);
}

describe('authoring', () => {
  afterEach(async () => {
    await revertActiveEditor();
    await closeAllEditors();
  });

  it("shows the export's actions in the Outline, in flow order, with the SNIPPET actions' variables", async () => {
    const editor = await open(EXPORT);
    const symbols = await poll('document symbols of the export', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        editor.document.uri,
      );
      return found && found.length > 0 ? found : undefined;
    });
    assert.deepEqual(
      symbols.map((s) => `${s.name} ${s.detail}`),
      ['Begin BEGIN #1', 'Get OAuth token SNIPPET #3', 'Main menu MENU #5', 'Order status SNIPPET #7'],
    );
    assert.deepEqual(
      symbols[1]!.children.map((c) => c.name),
      ['tokenUrl', 'tokenProxy', 'tokenResult', 'accessToken'],
    );
    await vscode.commands.executeCommand('outline.focus');
    await screenshot('outline-export', '.outline-tree .monaco-list-row:has-text("Get OAuth token")');
  });

  it('F12 jumps from a variable in one action to its assignment in another', async () => {
    const editor = await open(EXPORT);
    const from = positionOf(editor.document, 'Bearer {accessToken}', 'Bearer {'.length + 3);
    const target = positionOf(editor.document, 'ASSIGN accessToken', 'ASSIGN '.length);
    editor.selection = new vscode.Selection(from, from);
    // The client answers once the server runs: ask again until the jump lands.
    await poll('the cursor on the assignment in "Get OAuth token"', async () => {
      await vscode.commands.executeCommand('editor.action.revealDefinition');
      const active = vscode.window.activeTextEditor;
      return active && active.selection.active.line === target.line ? active : undefined;
    });
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    assert.deepEqual(active.selection.active, target, 'the cursor is at the start of the assigned name');
  });

  it('completes GetRESTProxy and a variable assigned in another action', async () => {
    const editor = await open(EXPORT);
    const position = positionOf(editor.document, 'Bearer {accessToken}', 'Bearer {'.length);
    const labels = await poll('completion items from the server', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        position,
      );
      const found = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return found.includes('GetRESTProxy') ? found : undefined;
    });
    assert.ok(
      labels.includes('accessToken'),
      `accessToken (assigned in action 3) in ${labels.slice(0, 20).join(', ')}`,
    );
    assert.ok(labels.includes('tokenResult'));
  });

  it('renames a variable across the actions of the export', async () => {
    const editor = await open(EXPORT);
    const position = positionOf(editor.document, 'Bearer {accessToken}', 'Bearer {'.length + 2);
    const edit = await poll('a rename edit', async () => {
      try {
        return await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
          'vscode.executeDocumentRenameProvider',
          editor.document.uri,
          position,
          'orderApiToken',
        );
      } catch {
        return undefined;
      }
    });
    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = editor.document.getText();
    assert.equal((text.match(/orderApiToken/g) ?? []).length, 2);
    assert.ok(!/accessToken/.test(text));
    assert.ok(text.includes('ASSIGN orderApiToken = tokenResult.access_token'));
    assert.ok(text.includes('"Bearer {orderApiToken}"'));
  });

  it('formats a .snippet document (Format Document), indenting from the editor options, keeping CRLF', async () => {
    const editor = await open('refresh-token-unformatted.snippet');
    editor.options = { tabSize: 2, insertSpaces: true };
    const before = editor.document.getText();
    const formatted = await poll('the formatted text', async () => {
      await vscode.commands.executeCommand('editor.action.formatDocument');
      const text = editor.document.getText();
      return text !== before ? text : undefined;
    });
    assert.equal(
      formatted,
      [
        '// SNIPPET "Refresh token" as pasted from an email: indentation lost',
        'IF tokenExpiry = "" | (tokenExpiry - utc) * 86400 <= bufferSec',
        '{',
        '  ASSIGN tokenProxy = GetRESTProxy()',
        '  ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, tokenBody, 0, "POST")',
        '  IF tokenProxy.StatusCode = 200',
        '  {',
        '    ASSIGN accessToken = tokenResult.access_token',
        '  }',
        '}',
        '',
      ].join('\r\n'),
    );
  });

  it('colours the SNIPPET code inside the export like a .snippet file (semantic tokens)', async () => {
    const editor = await open(EXPORT);
    const tokens = await poll('semantic tokens of the export', async () => {
      const found = await vscode.commands.executeCommand<vscode.SemanticTokens>(
        'vscode.provideDocumentSemanticTokens',
        editor.document.uri,
      );
      return found && found.data.length > 0 ? found : undefined;
    });
    assert.ok(tokens.data.length > 5 * 40, `${tokens.data.length / 5} tokens`);
    const code = positionOf(editor.document, 'ASSIGN tokenUrl');
    editor.revealRange(new vscode.Range(code.line - 4, 0, code.line + 12, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(code.line + 3, 0, code.line + 3, 0);
    // With the grammar alone the code is one span of XML text; a span that is exactly a keyword means the semantic
    // tokens are painted.
    await screenshot('snippet-in-export', '.monaco-editor .view-line span:text-is("GetRESTProxy")');
  });
});
