import type { Settings } from '../common/settings';
import type { DiagnosticCode } from '../diagnostics/codes';
import type { Finding } from '../diagnostics/finding';
import { Analysis, fixAll } from './analysis';

export interface LintedText {
  readonly analysis: Analysis;
  readonly findings: readonly Finding[];
}

/** Parses and lints a named text; undefined when the text is not one of our document kinds. */
export function lintText(
  name: string,
  languageId: string | undefined,
  text: string,
  settings: Settings,
): LintedText | undefined {
  const analysis = Analysis.of(languageId === undefined ? { name, text } : { name, languageId, text }, settings);
  return analysis && { analysis, findings: analysis.findings };
}

/** Applies every preferred fix (optionally of one code) until none is left: see `fixAll`. */
export function fixAllText(
  name: string,
  languageId: string | undefined,
  text: string,
  settings: Settings,
  code?: DiagnosticCode,
): { text: string; applied: number } {
  return fixAll(languageId === undefined ? { name, text } : { name, languageId, text }, settings, code);
}
