import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  diagnosticWithCode,
  open,
  poll,
  rangeString,
  revertActiveEditor,
  screenshot,
  waitForDiagnostics,
} from './helpers';

interface Offered {
  /** The quick fixes offered at the diagnostic's range. */
  readonly fixes: vscode.CodeAction[];
  /** Everything offered at the range, for failure messages. */
  readonly described: string;
}

/**
 * The quick fixes at the diagnostic's range, asked again until `title` is among them (or the
 * deadline passes): VS Code cancels a code action request, and answers it with nothing, whenever
 * the set of code action providers changes meanwhile, which happens while extensions start.
 */
async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<Offered> {
  let last: Offered = { fixes: [], described: '(not asked)' };
  try {
    return await poll(`a quick fix titled ${title}`, async () => {
      last = await askQuickFixes(uri, diagnostic);
      return last.fixes.some((f) => title.test(f.title)) ? last : undefined;
    });
  } catch {
    return last;
  }
}

async function askQuickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<Offered> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  // The API command does not carry CodeAction.diagnostics back to extensions, so the link to the
  // diagnostic cannot be checked here; VS Code asked for the diagnostics at this exact range.
  const fixes = actions.filter(
    (action): action is vscode.CodeAction =>
      'kind' in action && action.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(action.kind),
  );
  const described =
    actions.map((a) => ('kind' in a ? `"${a.title}" (${a.kind?.value})` : `command "${a.title}"`)).join(' | ') ||
    '(none)';
  return { fixes, described: `${described}; asked for ${codeOf(diagnostic)} ${rangeString(diagnostic.range)}` };
}

/** Applies the fix's edit (an edit, never a command) and waits until no diagnostic with its code is left. */
async function applyAndExpectGone(uri: vscode.Uri, action: vscode.CodeAction, code: string): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has no edit`);
  assert.equal(action.command, undefined, `"${action.title}" runs a command instead of returning an edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `VS Code rejected the edit of "${action.title}"`);
  await waitForDiagnostics(
    uri,
    `the ${code} diagnostic to disappear after "${action.title}"`,
    (ds) => !ds.some((d) => codeOf(d) === code),
  );
}

describe('quick fixes', () => {
  afterEach(revertActiveEditor);
  after(closeAllEditors);

  it(
    'token-reuse-without-expiry: "Convert to cached token with proactive refresh (Strategy B)" is offered, ' +
      'preferred, applies, and the warning disappears',
    async () => {
      const editor = await open('lookup-customer-pattern-a.snippet');
      const { uri } = editor.document;
      const diagnostic = await diagnosticWithCode(uri, 'token-reuse-without-expiry');
      const { fixes, described } = await quickFixesFor(uri, diagnostic, /Strategy B/);
      const strategyB = fixes.find((f) => /Strategy B/.test(f.title));
      assert.ok(strategyB, `no Strategy B fix; offered: ${described}`);
      assert.equal(strategyB.isPreferred, true);
      assert.ok(
        fixes.some((f) => /Strategy A/.test(f.title)),
        'no Strategy A fix',
      );

      editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await screenshot('quick-fix-menu', '.action-widget');
      await vscode.commands.executeCommand('hideCodeActionWidget');

      await applyAndExpectGone(uri, strategyB, 'token-reuse-without-expiry');
      const text = editor.document.getText();
      // Variable names come from the surrounding code (accessToken → accessTokenExpiry).
      assert.match(
        text,
        /\w*[eE]xpiry - utc <= refreshBufferSeconds \/ 86400/,
        'the refresh check is not the buffered one',
      );
      assert.match(text, /ASSIGN refreshBufferSeconds = 300/, 'the refresh block does not use the 300 s buffer');
      assert.match(text, /\{SECURE_CLIENT_SECRET\}/);
    },
  );

  it(
    'hardcoded-secret: "Move the secret out of the script" replaces the literal and the error ' + 'disappears',
    async () => {
      const editor = await open('get-token-with-literal-secret.snippet');
      const { uri } = editor.document;
      const diagnostic = await diagnosticWithCode(uri, 'hardcoded-secret');
      const { fixes, described } = await quickFixesFor(uri, diagnostic, /Move the secret/);
      const move = fixes.find((f) => /Move the secret/.test(f.title));
      assert.ok(move, `no "Move the secret" fix; offered: ${described}`);
      await applyAndExpectGone(uri, move, 'hardcoded-secret');
      const text = editor.document.getText();
      assert.ok(!text.includes('s3cr3t-Xq9vLm2Rt7Wz'), 'the secret is still in the text');
      assert.match(text, /ASSIGN client_secret = "\{SECURE_CLIENT_SECRET\}"/);
    },
  );
});
