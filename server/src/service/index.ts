/**
 * The face of the core for the front ends (the language server and the CLI): they import from here, from
 * common/ (settings, ids, masking) and from nothing else in server/src (test/unit/architecture checks it).
 */
export { Analysis, fixAll, type DocumentInput } from './analysis';
export { ActionView, type SplitEdits, type ViewPlace } from './action-view';
export {
  type ActionCode,
  extractActionCode,
  inExportLineBreaks,
  listActionCodes,
  type ReplaceOutcome,
  replaceActionCode,
} from '../export-editing/action-code';
export { lintText, fixAllText, type LintedText } from './lint';
export { escapeXmlText } from '../syntax/export/xml-escape';
export { snippetCharactersModelled } from '../analysis/build-flow-model';
export type { HoverInfo } from './hover';
export { decodeJwtText } from './decode-jwt';
export type { SimulationOptions } from '../runtime/simulate';
export type { ActionRecord, RequestRecord, SimulationOutcome, SimulationResult } from '../runtime/simulation-result';
export { parseScenario, type Scenario } from '../runtime/scenario';
export { simulationJson } from '../runtime/simulation-json';
export { validateScenario } from '../runtime/scenario';
export { simulationReport } from '../runtime/simulation-report';
export { OutputMasker } from '../runtime/output-masker';
export type { FoldingRegion } from './folding';
export type { FlowDiagram } from '../flow-diagram/flow-diagram';
export type { Finding, RelatedPlace } from '../diagnostics/finding';
export type { Fix } from '../diagnostics/fix';
export type { DiagnosticMeta } from '../diagnostics/definition';
export { type DiagnosticCode, DIAGNOSTIC_CODES, isDiagnosticCode, SYNTAX_ERROR_CODE } from '../diagnostics/codes';
export { CATALOG, metaOf } from '../diagnostics/registry';
export { ruleDocUrl } from '../diagnostics/doc-url';
export { atLeast, type Severity } from '../diagnostics/severity';
export { type DocumentKind, documentKindOf } from '../documents/document-kind';
export {
  type AuthoringHover,
  type BraceStyle,
  type CompletionEntry,
  type CompletionKind,
  type Highlight,
  matchingSymbols,
  type OutlineKind,
  type OutlineSymbol,
  type PrepareRenameResult,
  type RenameResult,
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
  type SemanticToken,
  type SignatureInfo,
  type SymbolMatch,
} from '../authoring';
