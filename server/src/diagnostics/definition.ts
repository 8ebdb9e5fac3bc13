import type { DiagnosticCode, RuleCode } from './codes';
import type { FixProvider } from './fix';
import type { RuleCheck } from './rule';
import type { Severity } from './severity';

/** What every code says of itself: the SARIF rule, the README table row, the default level. */
export interface DiagnosticMeta {
  readonly code: DiagnosticCode;
  readonly defaultSeverity: Severity;
  /** One line, as a SARIF shortDescription or a README table row. */
  readonly title: string;
}

/** A code with no quick fix says why. */
export interface NoFix {
  readonly none: string;
}

/** One diagnostic code: its rule over the flow model and its quick fixes, in the folder diagnostics/<code>/. */
export interface RuleDefinition<C extends RuleCode> extends DiagnosticMeta {
  readonly code: C;
  readonly check: RuleCheck<C>;
  readonly fixes: FixProvider<C> | NoFix;
}
