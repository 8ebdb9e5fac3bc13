import { strict as assert } from 'node:assert';
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type TextDocumentEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sanitizeSettings } from '../../../server/src/common/settings';
import { buildCodeActions, FIX_ALL_KIND } from '../../../server/src/lsp/code-actions';
import { createDocumentAnalyses } from '../../../server/src/lsp/document-analysis';
import { toDiagnostic } from '../../../server/src/lsp/to-diagnostic';
import type { Analysis } from '../../../server/src/service';

/**
 * The code-action plumbing over the real rules and fixes: two literal client secrets (hardcoded-secret, one preferred
 * fix each) and a reused token (token-reuse-without-expiry: Strategy B preferred, Strategy A not).
 */
const SETTINGS = sanitizeSettings({ rules: { 'unchecked-auth-status': 'off', 'token-fetch-unchecked': 'off' } });

const SOURCE = `ASSIGN tokenUrl = "https://auth.example-crm.com/oauth/token"
ASSIGN clientSecret = "f3a9c2d17be84e0c5a6b7c8d"
ASSIGN backupSecret = "9d8e7f6a5b4c3d2e1f0a9b8c"
ASSIGN tokenBody = "grant_type=client_credentials&client_secret={clientSecret}"
`;

const REUSE = `ASSIGN crm = GetRESTProxy()
crm.AddHeader("Authorization", "Bearer {accessToken}")
ASSIGN customer = crm.MakeRestRequest("https://api.example-crm.com/v2/customers/{ani}", "", 0, "GET")
`;

function analysisOf(textDocument: TextDocument): Analysis {
  const analysis = createDocumentAnalyses().get(textDocument).analysis(SETTINGS);
  assert.ok(analysis, 'the test document is not ours');
  return analysis;
}

function diagnosticsOf(textDocument: TextDocument, code: string): Diagnostic[] {
  return analysisOf(textDocument)
    .findings.filter((f) => f.code === code)
    .map((f) => toDiagnostic(f, textDocument));
}

function edit(action: CodeAction): { uri: string; version: number | null; edits: LspTextEdit[] } {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `${action.title} has no documentChanges`);
  return { uri: change.textDocument.uri, version: change.textDocument.version, edits: change.edits };
}

function apply(textDocument: TextDocument, edits: LspTextEdit[]): string {
  return TextDocument.applyEdits(textDocument, edits);
}

describe('code actions', () => {
  const uri = 'file:///scripts/get-token.snippet';

  it('offers each fix of a current diagnostic as a quick fix with a versioned edit, and a fix-all per code', () => {
    const textDocument = TextDocument.create(uri, 'cxone-snippet', 7, SOURCE);
    const [first] = diagnosticsOf(textDocument, 'hardcoded-secret');
    assert.ok(first);
    const actions = buildCodeActions({
      textDocument,
      analysis: analysisOf(textDocument),
      context: { diagnostics: [first] },
      documentChanges: true,
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [
        ['Move the secret out of the script', CodeActionKind.QuickFix, true],
        ['Fix all hardcoded-secret problems in file', CodeActionKind.QuickFix, undefined],
      ],
    );
    assert.deepEqual(actions[0]!.diagnostics, [first]);
    const preferred = edit(actions[0]!);
    assert.equal(preferred.uri, uri);
    assert.equal(preferred.version, 7);
    const once = apply(textDocument, preferred.edits);
    assert.ok(!once.includes('f3a9c2d17be84e0c'), 'the first secret is gone');
    assert.ok(once.includes('9d8e7f6a5b4c3d2e'), 'the other secret is not touched by its neighbour');
    const all = apply(textDocument, edit(actions[1]!).edits);
    assert.ok(!all.includes('f3a9c2d17be84e0c') && !all.includes('9d8e7f6a5b4c3d2e'), 'fix-all moves both');
  });

  it('marks the preferred fix among several (Strategy B over Strategy A)', () => {
    const textDocument = TextDocument.create('file:///scripts/lookup.snippet', 'cxone-snippet', 3, REUSE);
    const diagnostics = diagnosticsOf(textDocument, 'token-reuse-without-expiry');
    assert.equal(diagnostics.length, 1);
    const actions = buildCodeActions({
      textDocument,
      analysis: analysisOf(textDocument),
      context: { diagnostics },
      documentChanges: true,
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred]),
      [
        ['Convert to cached token with proactive refresh (Strategy B)', true],
        ['Fetch a fresh token before this call (Strategy A)', false],
      ],
    );
  });

  it('uses plain `changes` for clients without versioned document changes', () => {
    const textDocument = TextDocument.create(uri, 'cxone-snippet', 1, SOURCE);
    const [first] = diagnosticsOf(textDocument, 'hardcoded-secret');
    const [action] = buildCodeActions({
      textDocument,
      analysis: analysisOf(textDocument),
      context: { diagnostics: [first!] },
      documentChanges: false,
    });
    assert.deepEqual(Object.keys(action?.edit?.changes ?? {}), [uri]);
    assert.equal(action?.edit?.documentChanges, undefined);
  });

  it('offers nothing for a diagnostic computed for an older version', () => {
    const v1 = TextDocument.create(uri, 'cxone-snippet', 1, SOURCE);
    const [stale] = diagnosticsOf(v1, 'hardcoded-secret');
    const v2 = TextDocument.update(
      v1,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// moved\n' }],
      2,
    );
    const actions = buildCodeActions({
      textDocument: v2,
      analysis: analysisOf(v2),
      context: { diagnostics: [stale!] },
      documentChanges: true,
    });
    assert.deepEqual(actions, []);
  });

  it('ignores diagnostics of other sources and diagnostics that match no current finding', () => {
    const textDocument = TextDocument.create(uri, 'cxone-snippet', 1, SOURCE);
    const [first] = diagnosticsOf(textDocument, 'hardcoded-secret');
    const foreign: Diagnostic = { ...first!, source: 'eslint' };
    const moved: Diagnostic = {
      ...first!,
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } },
    };
    const actions = buildCodeActions({
      textDocument,
      analysis: analysisOf(textDocument),
      context: { diagnostics: [foreign, moved] },
      documentChanges: true,
    });
    assert.deepEqual(actions, []);
  });

  it('offers no quick fix for a syntax error (the author’s intent is unknown)', () => {
    const broken = 'ASSIGN apiError = "AUTH_{proxy.StatusCode"\n';
    const textDocument = TextDocument.create(uri, 'cxone-snippet', 1, broken);
    const diagnostics = diagnosticsOf(textDocument, 'syntax-error');
    assert.ok(diagnostics.length > 0);
    const actions = buildCodeActions({
      textDocument,
      analysis: analysisOf(textDocument),
      context: { diagnostics },
      documentChanges: true,
    });
    assert.deepEqual(actions, []);
  });

  describe(`${FIX_ALL_KIND} (on save)`, () => {
    it('is one minimal edit computed from the current text, only when asked for', () => {
      const textDocument = TextDocument.create(uri, 'cxone-snippet', 4, SOURCE);
      const input = { textDocument, analysis: analysisOf(textDocument), documentChanges: true };
      assert.deepEqual(buildCodeActions({ ...input, context: { diagnostics: [] } }), [], 'not offered without `only`');
      assert.deepEqual(
        buildCodeActions({ ...input, context: { diagnostics: [], only: [CodeActionKind.QuickFix] } }),
        [],
      );

      for (const only of [[FIX_ALL_KIND], ['source.fixAll'], ['source']]) {
        const [action, ...rest] = buildCodeActions({ ...input, context: { diagnostics: [], only } });
        assert.deepEqual(rest, []);
        assert.equal(action?.kind, FIX_ALL_KIND);
        const { version, edits } = edit(action!);
        assert.equal(version, 4);
        assert.equal(edits.length, 1, 'one edit');
        const fixed = apply(textDocument, edits);
        assert.ok(!fixed.includes('f3a9c2d17be84e0c') && !fixed.includes('9d8e7f6a5b4c3d2e'));
        // Minimal: the first line and the last line are outside the edit.
        assert.ok(edits[0]!.range.start.line >= 1, 'the edit starts after the unchanged first line');
        assert.ok(edits[0]!.range.end.line <= 3, 'the edit ends before the unchanged last line');
      }
    });

    it('is not offered when nothing is fixable', () => {
      const clean = 'ASSIGN tokenUrl = "https://auth.example-crm.com/oauth/token"\n';
      const textDocument = TextDocument.create(uri, 'cxone-snippet', 1, clean);
      assert.deepEqual(
        buildCodeActions({
          textDocument,
          analysis: analysisOf(textDocument),
          context: { diagnostics: [], only: [FIX_ALL_KIND] },
          documentChanges: true,
        }),
        [],
      );
    });
  });
});
