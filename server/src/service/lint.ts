import type { Settings } from '../common/settings';
import { documentKindOf } from '../documents/document-kind';
import { parseDocument, syntaxErrorsOf, type ParsedDocument } from '../documents/parsed-document';
import { buildFlowModel } from '../analysis/build-flow-model';
import { ruleMeta } from '../diagnostics/catalog';
import { runRules } from '../diagnostics/run-rules';
import { SYNTAX_ERROR_CODE, type Finding } from '../diagnostics/finding';

/** Syntax errors plus every enabled rule's findings, with the settings' levels applied, in document order. */
export function lintDocument(document: ParsedDocument, settings: Settings): Finding[] {
  const findings: Finding[] = syntaxErrorsOf(document).map((error) => ({
    code: SYNTAX_ERROR_CODE,
    severity: 'error',
    message: error.message,
    range: error.range,
  }));
  // Extractors work on partial trees, so rules run even when there are syntax errors.
  findings.push(...runRules(buildFlowModel(document, settings), document, settings));
  return applyLevels(findings, settings).sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** Applies per-code overrides: "off" drops the finding, a severity replaces the default. */
function applyLevels(findings: Finding[], settings: Settings): Finding[] {
  const result: Finding[] = [];
  for (const finding of findings) {
    const level = settings.rules[finding.code];
    if (level === 'off') continue;
    const severity = level ?? ruleMeta(finding.code)?.defaultSeverity ?? finding.severity;
    result.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return result;
}

export interface LintedText {
  readonly document: ParsedDocument;
  readonly findings: Finding[];
}

/** Parses and lints a named text; undefined when the text is not one of our document kinds. */
export function lintText(
  name: string,
  languageId: string | undefined,
  text: string,
  settings: Settings,
): LintedText | undefined {
  const kind = documentKindOf(name, languageId, text);
  if (!kind) return undefined;
  const document = parseDocument(kind, text);
  if (!document) return undefined;
  return { document, findings: lintDocument(document, settings) };
}
