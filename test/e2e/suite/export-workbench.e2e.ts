import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extractActionCode } from '../../../server/src/export-editing/action-code';
import { readExport } from '../../../server/src/syntax/export/read-export';
import {
  clickInWebview,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  open,
  ours,
  poll,
  screenshot,
  workspaceUri,
} from './helpers';

/**
 * Issue 15 in a real VS Code: a SNIPPET action of an export edited in its own tab (opened from its code lens),
 * Pattern A fixed there with the quick fix, saved back into the export; a change underneath refused; the flow drawn
 * and a click on an action selecting it in the export.
 */
const EXPORT = 'order-status-export.xml';
const CODE = 'token-reuse-without-expiry';
const decoder = new TextDecoder();

async function diskText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

/** Opens action `actionId`'s tab the way a user does: the code lens over the action in the export. */
async function openTabFromCodeLens(exportUri: vscode.Uri, actionId: number): Promise<vscode.TextEditor> {
  const lens = await poll(`the code lens of action ${actionId}`, async () => {
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', exportUri)) ?? [];
    return lenses.find((l) => l.command?.title.startsWith(`Edit SNIPPET action ${actionId} `));
  });
  await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
  return poll(`the tab of action ${actionId}`, () => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.scheme === 'studio-snippet-action' &&
      editor.document.uri.path.endsWith(`(action ${actionId}).snippet`)
      ? editor
      : undefined;
  });
}

describe('exports as scripts: SNIPPET action tabs and the flow picture', () => {
  let original = '';
  const exportUri = workspaceUri(EXPORT);
  before(async () => {
    original = await diskText(exportUri);
  });
  after(async () => {
    await closeAllEditors();
    // The other suites read this export: put it back as it was.
    await vscode.workspace.fs.writeFile(exportUri, new TextEncoder().encode(original));
  });

  it('fixes Pattern A in a SNIPPET action’s own tab and saves it into the export, every other byte kept', async () => {
    await open(EXPORT);
    const tab = await openTabFromCodeLens(exportUri, 7);
    const { document } = tab;
    assert.equal(document.languageId, 'cxone-snippet');
    assert.equal(document.getText(), extractActionCode(original, 7)!.code, 'the decoded code of action 7');
    const label = vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '';
    assert.match(label, /Order status \(action 7\)/, 'the tab is titled with the caption and the id');

    // The cross-action diagnostic: the token was acquired in action 3, in the export.
    const reuse = await poll(`${CODE} in the tab`, () => ours(document.uri).find((d) => codeOf(d) === CODE));
    assert.equal(document.getText(reuse.range), 'accessToken');
    const acquisition = reuse.relatedInformation?.[0]?.location;
    assert.equal(acquisition?.uri.toString(), exportUri.toString(), 'related information points into the export');
    await screenshot('snippet-action-tab', '.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error');

    const fix = await poll('the Strategy A quick fix', async () => {
      const actions =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          reuse.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      return actions.find((a) => a.title === 'Fetch a fresh token before this call (Strategy A)');
    });
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)), 'the quick fix applied');
    await poll(`no ${CODE} left in the tab (${describeDiagnostics(ours(document.uri))})`, () =>
      ours(document.uri).some((d) => codeOf(d) === CODE) ? undefined : true,
    );
    const fixedCode = document.getText();
    assert.ok(await document.save(), 'the tab saved');
    assert.equal(document.isDirty, false);

    // On disk: well-formed, action 7 holds the fixed code, and outside action 7 every byte is the original's.
    const written = await poll('the export written on disk', async () => {
      const text = await diskText(exportUri);
      return text !== original ? text : undefined;
    });
    const before = readExport(original)!;
    const after = readExport(written)!;
    assert.deepEqual(after.errors, [], 'the export is well-formed XML');
    assert.equal(extractActionCode(written, 7)!.code, fixedCode);
    const action7 = before.actions.find((a) => a.id === 7)!.range;
    assert.equal(written.slice(0, action7.start), original.slice(0, action7.start));
    const tailLength = original.length - action7.end;
    assert.equal(written.slice(written.length - tailLength), original.slice(action7.end));
    // Inside action 7 only its code and its MaxStringSize (the fix makes room for a token response) changed.
    const changed = after.actions.find((a) => a.id === 7)!;
    assert.deepEqual(
      changed.parameters.map((p) => p.value),
      [fixedCode, 'Limit32K'],
    );
    assert.match(written, /&amp;expand=lines/, 'the code is escaped as Studio writes it');

    // The export's own diagnostics follow: the Pattern A warning is gone there too.
    await poll(`no ${CODE} in the export (${describeDiagnostics(ours(exportUri))})`, () =>
      ours(exportUri).some((d) => codeOf(d) === CODE) ? undefined : true,
    );
  });

  it('refuses to save a tab over its action changed in the export meanwhile, and overwrites nothing', async () => {
    const exportEditor = await open(EXPORT);
    const tab = await openTabFromCodeLens(exportUri, 3);
    const onDisk = await diskText(exportUri);
    // Someone edits action 3's code in the export's own editor.
    const at = exportEditor.document.getText().indexOf('auth.example-oms.com');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      exportUri,
      new vscode.Range(exportEditor.document.positionAt(at), exportEditor.document.positionAt(at + 4)),
      'login',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Meanwhile the tab holds an unsaved change of its own.
    const tabEdit = new vscode.WorkspaceEdit();
    tabEdit.insert(tab.document.uri, new vscode.Position(0, 0), '// reviewed\n');
    assert.ok(await vscode.workspace.applyEdit(tabEdit));
    const saved = await tab.document.save();
    assert.equal(saved, false, 'the save is refused');
    assert.ok(tab.document.isDirty, 'the tab keeps its change');
    assert.equal(await diskText(exportUri), onDisk, 'nothing was written');
    assert.match(exportEditor.document.getText(), /login\.example-oms\.com/, "the other editor's change is kept");
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.window.showTextDocument(exportEditor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows the script flow and selects the clicked action in the export', async () => {
    await closeAllEditors();
    await vscode.workspace.fs.writeFile(exportUri, new TextEncoder().encode(original));
    await open(EXPORT);
    await vscode.commands.executeCommand('studioTokenLens.showScriptFlow');
    await poll('the Flow webview', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.label === `Flow: ${EXPORT}`),
    );
    await clickInWebview('script-flow-click', '[data-action-id="7"]');
    const action7 = readExport(original)!.actions.find((a) => a.id === 7)!.range;
    const selected = await poll('the export editor with action 7 selected', () => {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document.uri.toString() !== exportUri.toString()) return undefined;
      return editor.document.offsetAt(editor.selection.start) === action7.start ? editor : undefined;
    });
    assert.equal(selected.document.offsetAt(selected.selection.end), action7.end);
    // The picture (README): the flow beside the export, the clicked action selected.
    await screenshot('script-flow', 'iframe.webview.ready');
  });
});
