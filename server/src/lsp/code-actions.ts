import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../common/text-edit';
import { type Analysis, type Finding, fixAll } from '../service';
import { minimalEdit } from './minimal-edit';
import { sameRange, toLspRange, toLspTextEdit } from './ranges';
import type { AnalysisTarget } from './analysis-target';
import { DIAGNOSTIC_SOURCE, readDiagnosticData } from './to-diagnostic';

/** The on-save action: `"editor.codeActionsOnSave": { "source.fixAll.studioTokenLens": "explicit" }`. */
export const FIX_ALL_KIND = 'source.fixAll.studioTokenLens';

/** Advertised in `codeActionProvider.codeActionKinds`. */
export const CODE_ACTION_KINDS: readonly string[] = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionInput {
  /** The document as it is now; edits carry its version. */
  readonly textDocument: TextDocument;
  /** The analysis of that version under the resource's settings; undefined when the document is not ours. */
  readonly analysis: Analysis | undefined;
  readonly context: CodeActionContext;
  /** The client accepts versioned `documentChanges`; otherwise edits go into `changes`. */
  readonly documentChanges: boolean;
  /**
   * Where the analysis' ranges and edits land when they are not simply the document's: a SNIPPET action's tab, whose
   * analysis is its export's (edits go to the tab and the export).
   */
  readonly target?: AnalysisTarget;
}

/** True when the request's `only` filter lets actions of `kind` through (no filter: quick fixes only). */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

function workspaceEdit(input: CodeActionInput, edits: readonly TextEdit[]): WorkspaceEdit | undefined {
  if (input.target) return input.target.workspaceEdit(edits, input.documentChanges);
  const { textDocument } = input;
  const lspEdits: LspTextEdit[] = edits.map((edit) => toLspTextEdit(textDocument, edit));
  if (input.documentChanges) {
    return {
      documentChanges: [TextDocumentEdit.create({ uri: textDocument.uri, version: textDocument.version }, lspEdits)],
    };
  }
  return { changes: { [textDocument.uri]: lspEdits } };
}

/**
 * Our diagnostics from the request, each paired with the finding it reports in the current version.
 * A diagnostic computed for an older version (its `data.version`) gets nothing: its range may no
 * longer point at the problem, and a fix built from it could damage the text.
 */
function currentFindings(
  input: CodeActionInput,
  findings: readonly Finding[],
): { diagnostic: Diagnostic; finding: Finding }[] {
  const pairs: { diagnostic: Diagnostic; finding: Finding }[] = [];
  for (const diagnostic of input.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    const data = readDiagnosticData(diagnostic.data);
    if (data && data.version !== input.textDocument.version) continue;
    const finding = findings.find((f) => {
      if (f.code !== diagnostic.code) return false;
      const range = input.target ? input.target.rangeHere(f.range) : toLspRange(input.textDocument, f.range);
      return range !== undefined && sameRange(range, diagnostic.range);
    });
    if (finding) pairs.push({ diagnostic, finding });
  }
  return pairs;
}

function quickFixes(input: CodeActionInput, analysis: Analysis): CodeAction[] {
  const actions: CodeAction[] = [];
  const { findings } = analysis;
  const pairs = currentFindings(input, findings);
  for (const { diagnostic, finding } of pairs) {
    for (const fix of analysis.fixesFor(finding)) {
      const edit = workspaceEdit(input, fix.edits);
      if (!edit) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit,
      });
    }
  }
  // "Fix all X problems in file" for each code in the request with at least two fixable findings.
  const codes = [...new Set(pairs.map((pair) => pair.finding.code))];
  for (const code of codes) {
    const fixable = findings.filter((f) => f.code === code && analysis.fixesFor(f).some((fix) => fix.preferred));
    if (fixable.length < 2) continue;
    const { edits } = analysis.preferredFixes(code);
    const edit = edits.length === 0 || input.target?.exportDocument ? undefined : workspaceEdit(input, edits);
    if (!edit) continue;
    actions.push({
      title: `Fix all ${code} problems in file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: pairs.filter((pair) => pair.finding.code === code).map((pair) => pair.diagnostic),
      edit,
    });
  }
  return actions;
}

/** Every preferred fix, recomputed from the current text until none is left, as one minimal edit. */
function fixAllAction(input: CodeActionInput, analysis: Analysis): CodeAction | undefined {
  const { textDocument } = input;
  const before = textDocument.getText();
  const fixed = fixAll({ name: analysis.name, languageId: textDocument.languageId, text: before }, analysis.settings);
  const edit = minimalEdit(before, fixed.text);
  const workspace = edit && workspaceEdit(input, [edit]);
  if (!workspace) return undefined;
  return { title: 'Fix all Studio Token Lens problems', kind: FIX_ALL_KIND, edit: workspace };
}

/**
 * The code actions for one `textDocument/codeAction` request: quick fixes for our diagnostics in
 * the request context (edits, never commands), per-code fix-all, and the `source.fixAll` action
 * when the request asks for it.
 */
export function buildCodeActions(input: CodeActionInput): CodeAction[] {
  const { analysis } = input;
  if (!analysis) return [];
  const only = input.context.only;
  const actions: CodeAction[] = [];
  if (wanted(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(input, analysis));
  // A tab's fix-all would rewrite its export: fix-all belongs to the export itself.
  if (only && wanted(only, FIX_ALL_KIND) && !input.target?.exportDocument) {
    const action = fixAllAction(input, analysis);
    if (action) actions.push(action);
  }
  return actions;
}
