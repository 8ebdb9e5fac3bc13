import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, open, setWorkspaceSetting, waitForDiagnostics } from './helpers';

function severityOfSyntaxError(severity: vscode.DiagnosticSeverity) {
  return (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'syntax-error' && d.severity === severity);
}

describe('settings', () => {
  after(async () => {
    await setWorkspaceSetting('studioTokenLens', 'rules', undefined);
    await closeAllEditors();
  });

  it('studioTokenLens.rules {"syntax-error": "warning"} turns the error into a warning, and back', async () => {
    const editor = await open('unterminated-interpolation.snippet');
    const { uri } = editor.document;
    await waitForDiagnostics(uri, 'a syntax-error as an error', severityOfSyntaxError(vscode.DiagnosticSeverity.Error));

    await setWorkspaceSetting('studioTokenLens', 'rules', { 'syntax-error': 'warning' });
    const after = await waitForDiagnostics(
      uri,
      'the syntax-error as a warning',
      severityOfSyntaxError(vscode.DiagnosticSeverity.Warning),
    );
    assert.ok(!after.some((d) => codeOf(d) === 'syntax-error' && d.severity === vscode.DiagnosticSeverity.Error));

    await setWorkspaceSetting('studioTokenLens', 'rules', { 'syntax-error': 'off' });
    await waitForDiagnostics(
      uri,
      'no syntax-error with the rule off',
      (ds) => !ds.some((d) => codeOf(d) === 'syntax-error'),
    );

    await setWorkspaceSetting('studioTokenLens', 'rules', undefined);
    await waitForDiagnostics(
      uri,
      'the syntax-error back as an error',
      severityOfSyntaxError(vscode.DiagnosticSeverity.Error),
    );
  });
});
