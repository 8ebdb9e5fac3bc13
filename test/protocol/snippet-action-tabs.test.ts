import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  HoverRequest,
  RenameRequest,
  TextDocumentEdit,
  type CodeAction,
  type Command,
  type FullDocumentDiagnosticReport,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  OPEN_SNIPPET_ACTION_REQUEST,
  type OpenSnippetActionResult,
  SAVE_SNIPPET_ACTION_REQUEST,
  type SaveSnippetActionResult,
  SCRIPT_FLOW_REQUEST,
  type ScriptFlowResult,
  SNIPPET_ACTIONS_REQUEST,
  type SnippetActionsResult,
} from '../../server/src/common/protocol-ids';
import { extractActionCode } from '../../server/src/service';
import { assertBundleIsFresh, fileUri, PULL_CAPABILITIES, ROOT, TestClient } from './lsp-client';

/**
 * Edit SNIPPET Action over the protocol, as the VS Code client drives it: the server lists the actions and makes the
 * tab URIs, serves the action's code, answers the tab like a .snippet file but with the whole export (cross-action
 * diagnostics pointing into the export, quick fixes, hover, completion, rename across the export), and computes the
 * write-back, refusing it when the export changed since the tab was read.
 */
const EXPORT_TEXT = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'order-status-export.xml'), 'utf8');
const CODE = 'token-reuse-without-expiry';

function isAction(item: Command | CodeAction): item is CodeAction {
  return !('command' in item && typeof item.command === 'string');
}

describe('protocol: SNIPPET action tabs and the script flow', function () {
  this.timeout(20000);
  let client: TestClient;
  const exportUri = fileUri('order status export.xml');
  before(async () => {
    assertBundleIsFresh();
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, settings: {} });
    await client.open(exportUri, 'xml', EXPORT_TEXT);
  });
  after(async () => client?.dispose());

  async function tabOf(actionId: number): Promise<{ uri: string; code: string; fingerprint: string }> {
    const listed = (await client.connection.sendRequest(SNIPPET_ACTIONS_REQUEST, {
      uri: exportUri,
    })) as SnippetActionsResult;
    assert.ok(!('error' in listed), JSON.stringify(listed));
    const entry = listed.actions.find((a) => a.actionId === actionId)!;
    const opened = (await client.connection.sendRequest(OPEN_SNIPPET_ACTION_REQUEST, {
      uri: entry.uri,
    })) as OpenSnippetActionResult;
    assert.ok(!('error' in opened), JSON.stringify(opened));
    await client.open(entry.uri, 'cxone-snippet', opened.code);
    return { uri: entry.uri, code: opened.code, fingerprint: opened.fingerprint };
  }

  it('lists the SNIPPET actions with their tab URIs (caption and id in the name), and one code lens each', async () => {
    const listed = (await client.connection.sendRequest(SNIPPET_ACTIONS_REQUEST, {
      uri: exportUri,
      position: { line: 90, character: 4 },
    })) as SnippetActionsResult;
    assert.ok(!('error' in listed));
    assert.deepEqual(
      listed.actions.map((a) => [a.actionId, a.caption]),
      [
        [3, 'Get OAuth token'],
        [7, 'Order status'],
      ],
    );
    assert.equal(listed.atPosition, 7, 'line 91 lies in action 7');
    const name = decodeURIComponent(listed.actions[1]!.uri.replace(/\?.*$/, '').replace(/^.*\//, ''));
    assert.equal(name, 'Order status (action 7).snippet');
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: exportUri } }))!;
    assert.deepEqual(
      lenses.map((l) => [l.command?.title, l.command?.command, l.command?.arguments]),
      listed.actions.map((a) => [
        `Edit SNIPPET action ${a.actionId} "${a.caption}" as Snippet`,
        'studioTokenLens.editSnippetAction',
        [a.uri],
      ]),
    );
  });

  it('serves the decoded code and diagnoses the tab with the whole export: Pattern A from action 3', async () => {
    const tab = await tabOf(7);
    assert.equal(tab.code, extractActionCode(EXPORT_TEXT, 7)!.code);
    assert.match(tab.code, /fields=status&expand=lines/, 'entities decoded');
    const report = (await client.pull(tab.uri)) as FullDocumentDiagnosticReport;
    const reuse = report.items.find((d) => d.code === CODE);
    assert.ok(reuse, JSON.stringify(report.items));
    const document = TextDocument.create(tab.uri, 'cxone-snippet', 1, tab.code);
    assert.equal(document.getText(reuse.range), 'accessToken');
    const related = reuse.relatedInformation![0]!;
    assert.equal(related.location.uri, exportUri, 'the acquisition is in the export');
    const exportDocument = TextDocument.create(exportUri, 'xml', 1, EXPORT_TEXT);
    assert.equal(exportDocument.getText(related.location.range), 'ASSIGN accessToken = tokenResult.access_token');
    // A plain .snippet with the same text knows nothing of action 3's token request.
    await client.open(fileUri('alone.snippet'), 'cxone-snippet', tab.code);
    const alone = (await client.pull(fileUri('alone.snippet'))) as FullDocumentDiagnosticReport;
    assert.notDeepEqual(alone.items.find((d) => d.code === CODE)?.relatedInformation, reuse.relatedInformation);

    // Hover, completion and definition see the export.
    const at = document.positionAt(tab.code.indexOf('accessToken') + 3);
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: tab.uri },
      position: at,
    });
    assert.ok(hover);
    assert.match((hover.contents as MarkupContent).value, /accessToken/);
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: tab.uri },
      position: at,
    })) as { uri: string }[];
    assert.ok(
      definition.some((d) => d.uri === exportUri),
      'defined in action 3, in the export',
    );
    const end = document.positionAt(tab.code.length);
    const completion = await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: tab.uri },
      position: end,
    });
    const labels = (Array.isArray(completion) ? completion : (completion?.items ?? [])).map((i) => i.label);
    assert.ok(labels.includes('tokenResult'), 'a variable of action 3');
    await client.close(tab.uri);
  });

  it('fixes Pattern A in the tab and writes it back: one escaped edit of the export, the warning gone', async () => {
    const tab = await tabOf(7);
    const report = (await client.pull(tab.uri)) as FullDocumentDiagnosticReport;
    const reuse = report.items.find((d) => d.code === CODE)!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: tab.uri },
      range: reuse.range,
      context: { diagnostics: [reuse], only: ['quickfix'] },
    }))!.filter(isAction);
    const strategyA = actions.find((a) => a.title === 'Fetch a fresh token before this call (Strategy A)')!;
    const changes = strategyA.edit!.documentChanges!.filter(TextDocumentEdit.is);
    assert.deepEqual(
      changes.map((c) => c.textDocument.uri),
      [tab.uri, exportUri],
      "the code in the tab, the action's MaxStringSize (a token response needs room) in the export",
    );
    assert.deepEqual(
      changes[1]!.edits.map((e) => e.newText),
      ['Limit32K'],
    );
    const fixed = TextDocument.applyEdits(
      TextDocument.create(tab.uri, 'cxone-snippet', 1, tab.code),
      changes[0]!.edits,
    );
    await client.change(tab.uri, [{ text: fixed }]);
    const after = (await client.pull(tab.uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(
      after.items.filter((d) => d.code === CODE),
      [],
    );
    // The action's own `<>` (not a Snippet operator) stays the one syntax error: the fix added none.
    const syntax = (items: typeof after.items) => items.filter((d) => d.code === 'syntax-error').map((d) => d.message);
    assert.deepEqual(syntax(after.items), syntax(report.items));

    const saved = (await client.connection.sendRequest(SAVE_SNIPPET_ACTION_REQUEST, {
      uri: tab.uri,
      text: fixed,
      fingerprint: tab.fingerprint,
    })) as SaveSnippetActionResult;
    assert.ok(!('error' in saved), JSON.stringify(saved));
    assert.equal(saved.exportUri, exportUri);
    assert.equal(saved.edits.length, 1);
    const exportDocument = TextDocument.create(exportUri, 'xml', saved.exportVersion, EXPORT_TEXT);
    const written = TextDocument.applyEdits(exportDocument, [...saved.edits]);
    assert.equal(extractActionCode(written, 7)!.code, fixed);
    assert.ok(!written.includes('\r'), "the export's line breaks (LF) are kept");
    const { start, end } = saved.edits[0]!.range;
    const startOffset = exportDocument.offsetAt(start);
    const endOffset = exportDocument.offsetAt(end);
    assert.equal(written.slice(0, startOffset), EXPORT_TEXT.slice(0, startOffset));
    assert.equal(written.slice(written.length - (EXPORT_TEXT.length - endOffset)), EXPORT_TEXT.slice(endOffset));
    await client.close(tab.uri);
  });

  it('refuses to write back over the action changed underneath; keeps edits made elsewhere in the export', async () => {
    const tab = await tabOf(3);
    const exportDocument = TextDocument.create(exportUri, 'xml', 1, EXPORT_TEXT);
    // An edit elsewhere in the export (another action's caption): the write-back keeps it.
    const caption = EXPORT_TEXT.indexOf('Main menu');
    const captionEdit = {
      range: { start: exportDocument.positionAt(caption), end: exportDocument.positionAt(caption + 4) },
      text: 'Top',
    };
    await client.change(exportUri, [captionEdit]);
    const edited = TextDocument.applyEdits(exportDocument, [{ range: captionEdit.range, newText: captionEdit.text }]);
    const kept = (await client.connection.sendRequest(SAVE_SNIPPET_ACTION_REQUEST, {
      uri: tab.uri,
      text: `${tab.code}\n// reviewed`,
      fingerprint: tab.fingerprint,
    })) as SaveSnippetActionResult;
    assert.ok(!('error' in kept), JSON.stringify(kept));
    const current = TextDocument.create(exportUri, 'xml', kept.exportVersion, edited);
    const written = TextDocument.applyEdits(current, [...kept.edits]);
    assert.match(written, /<Caption>Top menu<\/Caption>/);
    assert.equal(extractActionCode(written, 3)!.code, `${tab.code}\n// reviewed`);
    // The action's own code edited in the export's editor: refused, nothing to apply.
    const url = current.getText().indexOf('auth.example-oms.com');
    await client.change(exportUri, [
      { range: { start: current.positionAt(url), end: current.positionAt(url + 4) }, text: 'login' },
    ]);
    const refused = (await client.connection.sendRequest(SAVE_SNIPPET_ACTION_REQUEST, {
      uri: tab.uri,
      text: `${tab.code}\n// reviewed`,
      fingerprint: tab.fingerprint,
    })) as SaveSnippetActionResult;
    assert.ok('error' in refused);
    assert.match(refused.error, /SNIPPET action 3 changed in .* since this tab was opened .* nothing was overwritten/);
    await client.close(tab.uri);
  });

  it('renames from the tab across the export', async () => {
    const tab = await tabOf(7);
    const document = TextDocument.create(tab.uri, 'cxone-snippet', 1, tab.code);
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: tab.uri },
      position: document.positionAt(tab.code.indexOf('accessToken') + 1),
      newName: 'omsToken',
    });
    const uris = (edit?.documentChanges ?? []).filter(TextDocumentEdit.is).map((c) => c.textDocument.uri);
    assert.deepEqual(uris.sort(), [exportUri, tab.uri].sort());
    await client.close(tab.uri);
  });

  it('draws the flow of an open export', async () => {
    const flow = (await client.connection.sendRequest(SCRIPT_FLOW_REQUEST, { uri: exportUri })) as ScriptFlowResult;
    assert.ok(!('error' in flow), JSON.stringify(flow));
    assert.match(flow.svg, /^<svg /);
    assert.deepEqual(
      flow.actions.map((a) => a.actionId),
      [1, 3, 5, 7],
    );
    const missing = (await client.connection.sendRequest(SCRIPT_FLOW_REQUEST, {
      uri: fileUri('nowhere.xml'),
    })) as ScriptFlowResult;
    assert.ok('error' in missing && /is not open/.test(missing.error));
  });
});
