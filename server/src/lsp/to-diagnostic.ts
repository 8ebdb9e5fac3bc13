import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Location, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Finding, ruleDocUrl, type Severity } from '../service';
import type { TextRange } from '../common/text-range';
import type { AnalysisTarget } from './analysis-target';
import { toLspRange } from './ranges';

/** `Diagnostic.source` of everything this server reports; code actions only act on these. */
export const DIAGNOSTIC_SOURCE = 'studio-token-lens';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * What a diagnostic carries back to the server in a code action request: the document version it
 * was computed for, so a fix is never computed against text the diagnostic did not see.
 */
export interface DiagnosticData {
  readonly version: number;
}

export function readDiagnosticData(data: unknown): DiagnosticData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const version = (data as Record<string, unknown>).version;
  return typeof version === 'number' ? { version } : undefined;
}

/** Where a finding's ranges are, when they are not simply ranges of `textDocument` (a SNIPPET action's tab). */
export interface DiagnosticPlaces {
  readonly range: Range;
  location(range: TextRange): Location;
}

/** The diagnostic of a finding (its model facts stay on the server). */
export function toDiagnostic(
  finding: Omit<Finding, 'facts'>,
  textDocument: TextDocument,
  places?: DiagnosticPlaces,
): Diagnostic {
  const data: DiagnosticData = { version: textDocument.version };
  const diagnostic: Diagnostic = {
    range: places?.range ?? toLspRange(textDocument, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: ruleDocUrl(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: places
        ? places.location(related.range)
        : { uri: textDocument.uri, range: toLspRange(textDocument, related.range) },
      message: related.message,
    }));
  }
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** The diagnostics of a target: its findings that lie in its document (a tab shows those in its action). */
export function diagnosticsOf(target: AnalysisTarget): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of target.analysis.findings) {
    const range = target.rangeHere(finding.range);
    if (range) diagnostics.push(toDiagnostic(finding, target.document, { range, location: target.location }));
  }
  return diagnostics;
}
