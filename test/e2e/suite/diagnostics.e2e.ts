import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  diagnosticWithCode,
  open,
  rangeString,
  screenshot,
  waitForDiagnostics,
  workspaceUri,
} from './helpers';

interface Expected {
  readonly file: string;
  readonly code: string;
  /** 0-based `line:character-line:character`. */
  readonly range: string;
  readonly severity: vscode.DiagnosticSeverity;
  readonly message: RegExp;
}

/** Syntax errors: exact ranges, as the parsers report them today. */
const SYNTAX_ERRORS: readonly Expected[] = [
  {
    file: 'unterminated-interpolation.snippet',
    code: 'syntax-error',
    range: '2:46-2:47',
    severity: vscode.DiagnosticSeverity.Error,
    message: /Unterminated string/,
  },
  {
    file: 'long-ivr-pattern-a.studio',
    code: 'syntax-error',
    range: '11:35-11:36',
    severity: vscode.DiagnosticSeverity.Error,
    message: /Unexpected ';'/,
  },
  {
    // `&lt;&gt;` in the file: the range covers the escaped text exactly.
    file: 'order-status-export.xml',
    code: 'syntax-error',
    range: '92:50-92:58',
    severity: vscode.DiagnosticSeverity.Error,
    message: /<> is not a Snippet operator/,
  },
];

describe('diagnostics', () => {
  after(closeAllEditors);

  for (const expected of SYNTAX_ERRORS) {
    it(`${expected.file}: ${expected.code} at ${expected.range}`, async () => {
      const editor = await open(expected.file);
      const uri = editor.document.uri;
      const diagnostics = await waitForDiagnostics(uri, `a ${expected.code} diagnostic`, (ds) =>
        ds.some((d) => codeOf(d) === expected.code),
      );
      const found = diagnostics.filter((d) => codeOf(d) === expected.code);
      assert.deepEqual(
        found.map((d) => rangeString(d.range)),
        [expected.range],
      );
      const [diagnostic] = found;
      assert.ok(diagnostic);
      assert.equal(diagnostic.severity, expected.severity);
      assert.match(diagnostic.message, expected.message);
      // The code links to the rule's page, which ships with the extension.
      const code = diagnostic.code;
      assert.ok(
        typeof code === 'object' && code.target instanceof vscode.Uri,
        'the diagnostic code has no codeDescription link',
      );
      assert.ok(
        code.target.path.endsWith(`/docs/rules/${expected.code}.md`),
        `unexpected rule link ${code.target.toString()}`,
      );
      assert.ok(existsSync(code.target.fsPath), `the rule page ${code.target.fsPath} is not shipped`);
    });
  }

  it('shows squiggles in the editor and rows in the Problems panel', async () => {
    await open('long-ivr-pattern-a.studio');
    await diagnosticWithCode(workspaceUri('long-ivr-pattern-a.studio'), 'syntax-error');
    await screenshot('diagnostics-editor', '.monaco-editor .squiggly-error');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems-panel', '.markers-panel .monaco-list-row');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  // The token rules land in parallel with this suite: until then these fail with "timed out … waiting for".
  describe('token rules', () => {
    it('token-reuse-without-expiry on the reused token in a .snippet (Pattern A)', async () => {
      const editor = await open('lookup-customer-pattern-a.snippet');
      const diagnostic = await diagnosticWithCode(editor.document.uri, 'token-reuse-without-expiry');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(diagnostic.range.start.line, 5);
      assert.match(editor.document.getText(diagnostic.range), /^\{?accessToken\}?$/);
    });

    it('token-reuse-without-expiry on strToken in a .studio SNIPPET body after WAIT', async () => {
      const editor = await open('long-ivr-pattern-a.studio');
      const diagnostic = await diagnosticWithCode(editor.document.uri, 'token-reuse-without-expiry');
      assert.equal(diagnostic.range.start.line, 9);
      assert.equal(editor.document.getText(diagnostic.range), 'strToken');
    });

    it('token-reuse-without-expiry on {accessToken} in an XML export after a MENU', async () => {
      const editor = await open('order-status-export.xml');
      const diagnostic = await diagnosticWithCode(editor.document.uri, 'token-reuse-without-expiry');
      assert.equal(diagnostic.range.start.line, 90);
      assert.match(editor.document.getText(diagnostic.range), /^\{?accessToken\}?$/);
      assert.match(diagnostic.message, /Main menu|MENU/, 'the message names the long-running action in between');
    });

    it('hardcoded-secret on the literal client secret, never showing it whole', async () => {
      const editor = await open('get-token-with-literal-secret.snippet');
      const diagnostic = await diagnosticWithCode(editor.document.uri, 'hardcoded-secret');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic.range.start.line, 3);
      assert.equal(editor.document.getText(diagnostic.range).replace(/^"|"$/g, ''), 's3cr3t-Xq9vLm2Rt7Wz');
      assert.ok(!diagnostic.message.includes('s3cr3t-Xq9vLm2Rt7Wz'), 'the message shows the secret');
    });

    it('hardcoded-token on a pasted JWT', async () => {
      const editor = await open('pasted-test-token.snippet');
      const diagnostic = await diagnosticWithCode(editor.document.uri, 'hardcoded-token');
      assert.equal(diagnostic.range.start.line, 1);
      assert.ok(!diagnostic.message.includes('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.'), 'the message shows the token');
    });
  });
});
