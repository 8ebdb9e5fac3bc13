/** Diagnostic severities, named as LSP and the CLI's JSON output name them. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** True when `severity` is at least as serious as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] <= RANK[threshold];
}
