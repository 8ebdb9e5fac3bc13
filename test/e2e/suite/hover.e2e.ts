import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, open, poll, screenshot } from './helpers';

function markdownOf(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

describe('JWT hover', () => {
  after(closeAllEditors);

  it('decodes a JWT literal locally and says the signature is not verified', async () => {
    const editor = await open('pasted-test-token.snippet');
    const line = editor.document.lineAt(1).text;
    const position = new vscode.Position(1, line.indexOf('eyJ') + 20);
    // The client answers hovers once the server runs: ask again until ours is there.
    const markdown = await poll('a hover with the decoded JWT', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        position,
      );
      const text = markdownOf(hovers ?? []);
      return text.includes('Signature not verified') ? text : undefined;
    });
    assert.match(markdown, /studio-ivr/, 'the payload (sub claim) is not shown');
    assert.match(markdown, /HS256/, 'the header (alg) is not shown');
    assert.match(markdown, /2026-01-01/, 'exp is not rendered as a date');
    assert.ok(
      !markdown.includes('ZTJlLWZpeHR1cmUtc2lnbmF0dXJlLW5vdC1hLXJlYWwta2V5'),
      'the hover repeats the signature',
    );

    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('jwt-hover', '.monaco-hover-content:has-text("Signature not verified")');
  });

  it('has no hover on a dotted string that is not a JWT', async () => {
    const editor = await open('lookup-customer-pattern-a.snippet');
    // Line 2: ASSIGN crmBase = "https://api.example-crm.com/v2" — dots, but no token.
    const position = new vscode.Position(2, editor.document.lineAt(2).text.indexOf('example-crm') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      position,
    );
    assert.ok(!markdownOf(hovers ?? []).includes('Signature not verified'));
  });
});
