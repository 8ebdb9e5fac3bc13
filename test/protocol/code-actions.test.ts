import * as assert from 'node:assert/strict';
import {
  CodeActionRequest,
  TextDocumentEdit,
  type CodeAction,
  type Command,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { assertBundleIsFresh, fileUri, fixture, PULL_CAPABILITIES, TestClient } from './lsp-client';

/**
 * Quick fixes end to end through the bundled server: a Pattern A warning in each kind of document is fixed by the
 * code action the server returns (a versioned TextDocumentEdit), the change is sent back and the warning is gone.
 */
const CODE = 'token-reuse-without-expiry';
const STRATEGY_B = 'Convert to cached token with proactive refresh (Strategy B)';
const FIX_ALL = 'source.fixAll.studioTokenLens';

const DOCUMENTS = [
  { name: 'pattern-a.studio', languageId: 'cxone-studio', text: () => fixture('guide/pattern-a-token-once.studio') },
  { name: 'lookup.snippet', languageId: 'cxone-snippet', text: () => fixture('fixes/pattern-a-lookup.snippet') },
  { name: 'billing-ivr.xml', languageId: 'xml', text: () => fixture('fixes/pattern-a-across-actions.xml') },
];

function full(report: DocumentDiagnosticReport): FullDocumentDiagnosticReport {
  assert.equal(report.kind, 'full');
  return report as FullDocumentDiagnosticReport;
}

function isAction(item: Command | CodeAction): item is CodeAction {
  return !('command' in item && typeof item.command === 'string');
}

/** The single versioned document edit of an action, applied to the text. */
function applyAction(action: CodeAction, uri: string, text: string, languageId: string, version: number): string {
  const changes = action.edit?.documentChanges;
  assert.ok(changes && changes.length === 1, `expected one document change, got ${JSON.stringify(action.edit)}`);
  const change = changes[0]!;
  assert.ok(TextDocumentEdit.is(change), 'not a TextDocumentEdit');
  assert.equal(change.textDocument.uri, uri);
  assert.equal(change.textDocument.version, version, 'the edit must carry the document version');
  const edits = change.edits.map((edit) => {
    assert.ok(!('annotationId' in edit), 'annotated edits are not expected');
    return edit;
  });
  return TextDocument.applyEdits(TextDocument.create(uri, languageId, version, text), edits);
}

describe('protocol: code actions', function () {
  this.timeout(20000);
  let client: TestClient;
  before(async () => {
    assertBundleIsFresh();
    client = await TestClient.start({ capabilities: PULL_CAPABILITIES, settings: {} });
  });
  after(async () => client?.dispose());

  async function reuseWarning(uri: string): Promise<Diagnostic> {
    const items = full(await client.pull(uri)).items.filter((d) => d.code === CODE);
    assert.equal(items.length, 1, `expected one ${CODE} warning, got ${items.length}`);
    return items[0]!;
  }

  for (const doc of DOCUMENTS) {
    it(`fixes Pattern A in ${doc.name} with the preferred quick fix (Strategy B)`, async () => {
      const uri = fileUri(doc.name);
      const text = doc.text();
      await client.open(uri, doc.languageId, text);
      const warning = await reuseWarning(uri);
      const actions =
        (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: warning.range,
          context: { diagnostics: [warning], only: ['quickfix'] },
        })) ?? [];
      const fixes = actions.filter(isAction).filter((a) => a.diagnostics?.some((d) => d.code === CODE));
      assert.deepEqual(
        fixes.map((a) => [a.title, a.isPreferred === true]),
        [
          [STRATEGY_B, true],
          ['Fetch a fresh token before this call (Strategy A)', false],
        ],
      );
      const fixed = applyAction(fixes[0]!, uri, text, doc.languageId, 1);
      if (doc.name.endsWith('.xml')) assert.ok(!/(?<!\r)\n/.test(fixed), 'the export keeps CRLF');
      const version = await client.change(uri, [{ text: fixed }]);
      assert.equal(version, 2);
      const after = full(await client.pull(uri)).items;
      assert.deepEqual(
        after.filter((d) => d.code === CODE),
        [],
        'the warning is still there',
      );
      assert.deepEqual(
        after.filter((d) => d.code === 'syntax-error'),
        [],
        'the fix broke the syntax',
      );

      // The warning of version 1 is stale now: no edit is computed from it.
      const stale =
        (await client.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: warning.range,
          context: { diagnostics: [warning], only: ['quickfix'] },
        })) ?? [];
      assert.deepEqual(
        stale.filter(isAction).filter((a) => a.edit !== undefined),
        [],
      );
      await client.close(uri);
    });
  }

  it(`returns one edit for ${FIX_ALL} that fixes every fixable problem`, async () => {
    const uri = fileUri('get-token.snippet');
    const text = [
      fixture('fixes/pattern-a-lookup.snippet'),
      'ASSIGN client_secret = "s3cr3t-Xq9vLm2Rt7Wz"',
      'ASSIGN tokenProxy = GetRESTProxy()',
      'ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, ' +
        '"grant_type=client_credentials&client_id={clientId}&client_secret={client_secret}", 0, "POST")',
      'ASSIGN refreshedToken = tokenResult.access_token',
      'ASSIGN orderProxy = GetRESTProxy()',
      'ASSIGN order = orderProxy.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")',
      '',
    ].join('\n');
    await client.open(uri, 'cxone-snippet', text);
    const before = full(await client.pull(uri))
      .items.map((d) => d.code)
      .sort();
    // Both calls: the order call's status is never checked, and the lookup's 401 only sets an error flag while its
    // token (fetched by an earlier action) stays as it was (issue 13).
    assert.deepEqual(
      before,
      ['hardcoded-secret', 'token-fetch-unchecked', CODE, 'unchecked-auth-status', 'unchecked-auth-status'].sort(),
    );
    const actions = (
      (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: [FIX_ALL] },
      })) ?? []
    ).filter(isAction);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, FIX_ALL);
    const change = actions[0]!.edit!.documentChanges![0]!;
    assert.ok(TextDocumentEdit.is(change));
    assert.equal(change.edits.length, 1, 'one edit');
    const fixed = applyAction(actions[0]!, uri, text, 'cxone-snippet', 1);
    assert.ok(!fixed.includes('s3cr3t-Xq9vLm2Rt7Wz'));
    await client.change(uri, [{ text: fixed }]);
    const after = full(await client.pull(uri)).items;
    // The token's acquisition is not in this document: the refresh waits for its endpoint (issue 12, point 5).
    assert.deepEqual(
      after.filter((d) => d.severity !== 4).map((d) => d.code),
      ['unfilled-placeholder'],
      'only hints and the placeholder the author fills in may remain',
    );
    await client.close(uri);
  });
});
