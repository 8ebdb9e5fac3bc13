import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, diagnosticWithCode, open, poll } from './helpers';

describe('commands', () => {
  after(closeAllEditors);

  it('studioTokenLens.showOutput runs', async () => {
    await vscode.commands.executeCommand('studioTokenLens.showOutput');
  });

  it('studioTokenLens.decodeJwt decodes the selected token into a read-only Markdown report', async () => {
    const editor = await open('pasted-test-token.snippet');
    const line = editor.document.lineAt(1).text;
    const start = line.indexOf('eyJ');
    const end = line.indexOf('"', start);
    editor.selection = new vscode.Selection(1, start, 1, end);
    await vscode.commands.executeCommand('studioTokenLens.decodeJwt');
    const report = await poll('the JWT report editor', () => {
      const active = vscode.window.activeTextEditor?.document;
      return active?.uri.scheme === 'studio-token-lens-jwt' ? active : undefined;
    });
    const text = report.getText();
    assert.match(text, /Signature not verified/);
    assert.ok(!text.includes(line.slice(start, end)), 'the report must not contain the whole token');
  });

  it('studioTokenLens.decodeJwt decodes a JWT on the clipboard when nothing is selected', async () => {
    const editor = await open('pasted-test-token.snippet');
    const line = editor.document.lineAt(1).text;
    const token = line.slice(line.indexOf('eyJ'), line.lastIndexOf('"'));
    await vscode.env.clipboard.writeText(`Authorization: Bearer ${token}`);
    assert.ok((await vscode.env.clipboard.readText()).includes(token), 'this VS Code has no usable clipboard');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    // Not awaited first: were the clipboard ignored, the command would wait on its input box.
    const running = vscode.commands.executeCommand('studioTokenLens.decodeJwt');
    try {
      const report = await poll('the JWT report editor', () => {
        const active = vscode.window.activeTextEditor?.document;
        return active?.uri.scheme === 'studio-token-lens-jwt' ? active : undefined;
      });
      assert.match(report.getText(), /\| sub \| studio-ivr \|/);
      assert.ok(!report.getText().includes(token), 'the report must not contain the whole token');
      await running;
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  });

  it('studioTokenLens.restartServer restarts the server, and it answers again', async () => {
    const editor = await open('pasted-test-token.snippet');
    const position = new vscode.Position(1, editor.document.lineAt(1).text.indexOf('eyJ') + 5);
    await vscode.commands.executeCommand('studioTokenLens.restartServer');
    // A new server process answers hovers and reports diagnostics for the open documents.
    await poll('a hover from the restarted server', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        position,
      );
      return (hovers ?? []).length > 0 ? true : undefined;
    });
    const syntax = await open('unterminated-interpolation.snippet');
    const diagnostic = await diagnosticWithCode(syntax.document.uri, 'syntax-error');
    assert.equal(codeOf(diagnostic), 'syntax-error');
  });
});
