import * as assert from 'node:assert/strict';
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sanitizeSettings } from '../../../server/src/common/settings';
import { registerFixProvider } from '../../../server/src/diagnostics/fix-registry';
import { buildCodeActions, FIX_ALL_KIND } from '../../../server/src/lsp/code-actions';
import { createDocumentAnalyses, type DocumentAnalysis } from '../../../server/src/lsp/document-analysis';
import { toDiagnostic } from '../../../server/src/lsp/to-diagnostic';
import type { Finding } from '../../../server/src/diagnostics/finding';
import { SYNTAX_ERROR_CODE } from '../../../server/src/diagnostics/finding';
import { RULE_CATALOG } from '../../../server/src/diagnostics/catalog';
import { readAnnotated } from '../../helpers/annotated';

/**
 * The code-action plumbing with fix providers registered here (the bundled server has none for these
 * codes, and a provider cannot be registered in a server running in another process).
 *
 * - `test-literal-secret` is a code no rule produces: findings of it are added to the analysis by hand.
 * - `syntax-error` gets a provider for the fix-all tests, because fix-all re-lints the text itself.
 *   The registry is global and has no unregister, so that provider does nothing outside this suite.
 */
const TEST_CODE = 'test-literal-secret';

/** Only syntax errors and the test code: the real rules (and their fixes) must not change these expectations. */
const SETTINGS = sanitizeSettings({
  rules: Object.fromEntries(
    RULE_CATALOG.filter((rule) => rule.code !== SYNTAX_ERROR_CODE).map((rule) => [rule.code, 'off']),
  ),
});
let syntaxFixesActive = false;

registerFixProvider(TEST_CODE, (_document, finding) => [
  {
    title: 'Use a secure variable',
    code: TEST_CODE,
    preferred: true,
    edits: [{ range: finding.range, newText: '"{SECURE_CLIENT_SECRET}"' }],
  },
  { title: 'Delete the value', code: TEST_CODE, preferred: false, edits: [{ range: finding.range, newText: '""' }] },
]);

// Closes an interpolation left open before a stray quote: `"AUTH_{proxy.StatusCode"` gets its `}`.
registerFixProvider(SYNTAX_ERROR_CODE, (_document, finding) =>
  syntaxFixesActive && finding.message.startsWith('Unterminated string')
    ? [
        {
          title: 'Close the interpolation',
          code: SYNTAX_ERROR_CODE,
          preferred: true,
          edits: [{ range: { start: finding.range.start, end: finding.range.start }, newText: '}' }],
        },
      ]
    : [],
);

const SOURCE = `ASSIGN tokenUrl = "https://auth.example-crm.com/oauth/token"
ASSIGN clientSecret = "f3a9c2d17be84e0c"
ASSIGN backupSecret = "9d8e7f6a5b4c3d2e"
ASSIGN tokenBody = "grant_type=client_credentials&client_secret={clientSecret}"
`;

function secretFindings(text: string): Finding[] {
  return ['"f3a9c2d17be84e0c"', '"9d8e7f6a5b4c3d2e"'].map((literal) => {
    const start = text.indexOf(literal);
    return {
      code: TEST_CODE,
      severity: 'error',
      message: 'A client secret is written in the script.',
      range: { start, end: start + literal.length },
    };
  });
}

/** The real analysis of a document, plus hand-made findings of the test code. */
function analysisOf(textDocument: TextDocument, extra: readonly Finding[] = []): DocumentAnalysis {
  const real = createDocumentAnalyses().get(textDocument);
  return { name: real.name, document: real.document, findings: (settings) => [...real.findings(settings), ...extra] };
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

  it('offers each fix of a current diagnostic as a quick fix with a versioned edit', () => {
    const textDocument = TextDocument.create(uri, 'snippet', 7, SOURCE);
    const findings = secretFindings(SOURCE);
    const diagnostic = toDiagnostic(findings[0]!, textDocument);
    const actions = buildCodeActions({
      textDocument,
      analysis: analysisOf(textDocument, findings),
      settings: SETTINGS,
      context: { diagnostics: [diagnostic] },
      documentChanges: true,
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [
        ['Use a secure variable', CodeActionKind.QuickFix, true],
        ['Delete the value', CodeActionKind.QuickFix, false],
        [`Fix all ${TEST_CODE} problems in file`, CodeActionKind.QuickFix, undefined],
      ],
    );
    assert.deepEqual(actions[0]!.diagnostics, [diagnostic]);
    const preferred = edit(actions[0]!);
    assert.equal(preferred.uri, uri);
    assert.equal(preferred.version, 7);
    assert.equal(
      apply(textDocument, preferred.edits),
      SOURCE.replace('"f3a9c2d17be84e0c"', '"{SECURE_CLIENT_SECRET}"'),
    );
    const all = edit(actions[2]!);
    assert.equal(
      apply(textDocument, all.edits),
      SOURCE.replace('"f3a9c2d17be84e0c"', '"{SECURE_CLIENT_SECRET}"').replace(
        '"9d8e7f6a5b4c3d2e"',
        '"{SECURE_CLIENT_SECRET}"',
      ),
    );
  });

  it('uses plain `changes` for clients without versioned document changes', () => {
    const textDocument = TextDocument.create(uri, 'snippet', 1, SOURCE);
    const findings = secretFindings(SOURCE).slice(0, 1);
    const [action] = buildCodeActions({
      textDocument,
      analysis: analysisOf(textDocument, findings),
      settings: SETTINGS,
      context: { diagnostics: [toDiagnostic(findings[0]!, textDocument)] },
      documentChanges: false,
    });
    assert.deepEqual(Object.keys(action?.edit?.changes ?? {}), [uri]);
    assert.equal(action?.edit?.documentChanges, undefined);
  });

  it('offers nothing for a diagnostic computed for an older version', () => {
    const v1 = TextDocument.create(uri, 'snippet', 1, SOURCE);
    const findings = secretFindings(SOURCE);
    const stale = toDiagnostic(findings[0]!, v1);
    const v2 = TextDocument.update(
      v1,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// moved\n' }],
      2,
    );
    const actions = buildCodeActions({
      textDocument: v2,
      analysis: analysisOf(v2, secretFindings(v2.getText())),
      settings: SETTINGS,
      context: { diagnostics: [stale] },
      documentChanges: true,
    });
    assert.deepEqual(actions, []);
  });

  it('ignores diagnostics of other sources and diagnostics that match no current finding', () => {
    const textDocument = TextDocument.create(uri, 'snippet', 1, SOURCE);
    const findings = secretFindings(SOURCE);
    const foreign: Diagnostic = { ...toDiagnostic(findings[0]!, textDocument), source: 'eslint' };
    const moved: Diagnostic = {
      ...toDiagnostic(findings[0]!, textDocument),
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } },
    };
    const actions = buildCodeActions({
      textDocument,
      analysis: analysisOf(textDocument, findings),
      settings: SETTINGS,
      context: { diagnostics: [foreign, moved] },
      documentChanges: true,
    });
    assert.deepEqual(actions, []);
  });

  describe(`${FIX_ALL_KIND} (on save)`, () => {
    before(() => (syntaxFixesActive = true));
    after(() => (syntaxFixesActive = false));

    const broken = readAnnotated(`// Clear the cached token on 401/403
IF proxy.StatusCode = 401 | proxy.StatusCode = 403
{
  ASSIGN cachedToken = ""
  ASSIGN apiError = "AUTH_{proxy.StatusCode"
  ASSIGN detail = "HTTP_{proxy.StatusCode"
}
`).text;

    it('is one minimal edit computed from the current text, only when asked for', () => {
      const textDocument = TextDocument.create(uri, 'snippet', 4, broken);
      const input = { textDocument, analysis: analysisOf(textDocument), settings: SETTINGS, documentChanges: true };
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
        assert.equal(fixed, broken.replace(/StatusCode"/g, 'StatusCode}"'));
        // Minimal: the edit spans from the first inserted brace to the second, not the whole document.
        assert.deepEqual(edits[0]!.range, { start: { line: 4, character: 43 }, end: { line: 5, character: 41 } });
      }
    });

    it('is not offered when nothing is fixable', () => {
      const clean = broken.replace(/StatusCode"/g, 'StatusCode}"');
      const textDocument = TextDocument.create(uri, 'snippet', 1, clean);
      assert.deepEqual(
        buildCodeActions({
          textDocument,
          analysis: analysisOf(textDocument),
          settings: SETTINGS,
          context: { diagnostics: [], only: [FIX_ALL_KIND] },
          documentChanges: true,
        }),
        [],
      );
    });

    it('also fixes syntax errors as quick fixes while the test provider is active', () => {
      const textDocument = TextDocument.create(uri, 'snippet', 1, broken);
      const analysis = analysisOf(textDocument);
      const diagnostics = analysis.findings(SETTINGS).map((f) => toDiagnostic(f, textDocument));
      assert.equal(diagnostics.length, 2);
      const actions = buildCodeActions({
        textDocument,
        analysis,
        settings: SETTINGS,
        context: { diagnostics: diagnostics.slice(0, 1) },
        documentChanges: true,
      });
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Close the interpolation', 'Fix all syntax-error problems in file'],
      );
      assert.deepEqual(actions[1]!.diagnostics, diagnostics.slice(0, 1));
    });
  });
});
