import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  diagnosticWithCode,
  open,
  poll,
  revertActiveEditor,
  setWorkspaceSetting,
  waitForDiagnostics,
} from './helpers';

const FIX_ALL = 'source.fixAll.studioTokenLens';

describe('fix all on save', () => {
  before(() => setWorkspaceSetting('editor', 'codeActionsOnSave', { [FIX_ALL]: 'explicit' }));
  after(async () => {
    await revertActiveEditor();
    await setWorkspaceSetting('editor', 'codeActionsOnSave', undefined);
    await closeAllEditors();
  });

  it(
    'with "editor.codeActionsOnSave": {"source.fixAll.studioTokenLens": "explicit"}, saving fixes the secret and ' +
      'the reused token, and leaves a guess alone',
    async () => {
      const editor = await open('fix-all-on-save.snippet');
      const { document } = editor;
      await diagnosticWithCode(document.uri, 'hardcoded-secret');
      await diagnosticWithCode(document.uri, 'token-reuse-without-expiry');

      // An explicit save of an edited file runs the save participants.
      await editor.edit((edit) => edit.insert(document.lineAt(document.lineCount - 1).range.end, '\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await poll('the save to finish', () => (document.isDirty ? undefined : true));

      const text = document.getText();
      assert.ok(!text.includes('q8Vn3xK1pZ7wR2tY9mB4cL6dF0hJ5sAe'), `the secret is still in the saved text:\n${text}`);
      assert.match(
        text,
        /ASSIGN clientSecret = "\{SECURE_CLIENT_SECRET\}"/,
        `the secret was not replaced by a {SECURE_…} substitution:\n${text}`,
      );
      // A password only its name points at is a guess: fix-all leaves it (and its warning) to the author.
      assert.match(text, /ASSIGN password = "Winter2024!ivr"/, `fix-all rewrote a low-confidence guess:\n${text}`);
      // The refresh check keeps utc inside arithmetic (a bare utc comparison is ambiguous in Studio).
      assert.match(
        text,
        /\w*[eE]xpiry - utc <= refreshBufferSeconds \/ 86400/,
        `the reused token was not converted to a cached token with an expiry:\n${text}`,
      );
      assert.match(text, /ASSIGN refreshBufferSeconds = 300/, `the 300 s buffer is not set once:\n${text}`);
      await waitForDiagnostics(
        document.uri,
        'the fixed findings to disappear',
        (ds) =>
          !ds.some((d) => codeOf(d) === 'token-reuse-without-expiry') &&
          // Only the guess is left: a warning on the password's value.
          ds
            .filter((d) => codeOf(d) === 'hardcoded-secret')
            .every(
              (d) => d.severity === vscode.DiagnosticSeverity.Warning && document.getText(d.range) === 'Winter2024!ivr',
            ),
      );
    },
  );
});
