import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, extension, metric, poll, waitForDiagnostics, workspaceUri } from './helpers';

describe('activation', () => {
  after(closeAllEditors);

  it('activates when a .snippet file opens, and reports its first diagnostics', async () => {
    const ext = extension();
    const expectedPath = process.env.STL_E2E_EXTENSION_PATH;
    if (expectedPath)
      assert.equal(ext.extensionPath, expectedPath, 'the extension was not loaded from where the runner installed it');
    assert.equal(
      ext.isActive,
      false,
      'the extension was active before any of its files was opened (activationEvents too broad?)',
    );

    const uri = workspaceUri('unterminated-interpolation.snippet');
    const opened = performance.now();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'cxone-snippet');
    await poll('the extension to become active', () => (ext.isActive ? true : undefined), 20_000, 5);
    metric('activation-ms', performance.now() - opened);

    await waitForDiagnostics(
      uri,
      'a syntax-error diagnostic',
      (ds) => ds.some((d) => codeOf(d) === 'syntax-error'),
      20_000,
    );
    metric('first-diagnostics-ms', performance.now() - opened);
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['studioTokenLens.restartServer', 'studioTokenLens.showOutput']) {
      assert.ok(commands.includes(command), `command ${command} is not registered`);
    }
  });
});
