import { LineIndex } from '../common/line-index';
import type { DiagnosticCode, Finding, Severity } from '../service';

/** A finding as `studio-lint --format json` prints it: 1-based lines and columns (UTF-16 columns). */
export interface CliFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
}

export function toCliFindings(file: string, text: string, findings: readonly Finding[]): CliFinding[] {
  const index = new LineIndex(text);
  return findings.map((finding) => {
    const start = index.positionAt(finding.range.start);
    const end = index.positionAt(finding.range.end);
    return {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: finding.severity,
      code: finding.code,
      message: finding.message,
    };
  });
}
