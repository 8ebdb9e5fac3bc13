import type { Finding } from '../../server/src/service';

/**
 * What a user sees of findings, for comparing two analyses of one text (incremental against from scratch): codes,
 * ranges, messages, severities and related places, without the model facts they carry.
 */
export function comparableFindings(findings: readonly Finding[]): unknown[] {
  return findings.map((f) => ({
    code: f.code,
    range: f.range,
    message: f.message,
    severity: f.severity,
    related: f.related?.map((r) => ({ range: r.range, message: r.message })),
  }));
}
