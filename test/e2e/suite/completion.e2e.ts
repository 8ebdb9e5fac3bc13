import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, extension } from './helpers';

interface SnippetContribution {
  readonly language: string;
  readonly path: string;
}

describe('snippets', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  it('offers the snippets of snippets/cxone-snippet.json in completion in a .snippet document', async () => {
    const ext = extension();
    const contributed = (
      (ext.packageJSON as { contributes?: { snippets?: SnippetContribution[] } }).contributes?.snippets ?? []
    ).find((s) => s.language === 'cxone-snippet');
    assert.ok(
      contributed,
      'package.json contributes no snippets for cxone-snippet (contributes.snippets → ./snippets/cxone-snippet.json)',
    );
    const file = path.join(ext.extensionPath, contributed.path);
    assert.ok(existsSync(file), `${contributed.path} is contributed but does not exist in ${ext.extensionPath}`);
    const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[] }>;
    const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    assert.ok(prefixes.length > 0, `${contributed.path} defines no snippets`);

    const document = await vscode.workspace.openTextDocument({
      language: 'cxone-snippet',
      content: '// new SNIPPET action\n\n',
    });
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      new vscode.Position(1, 0),
    );
    const offered = new Set(
      list.items
        .filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
        .map((item) => (typeof item.label === 'string' ? item.label : item.label.label)),
    );
    const missing = prefixes.filter((prefix) => !offered.has(prefix));
    assert.deepEqual(missing, [], `snippets not offered in completion (offered: ${[...offered].join(', ') || 'none'})`);
  });
});
