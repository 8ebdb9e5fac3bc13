import type { TextRange } from '../common/text-range';
import type { Severity } from './severity';

/**
 * One problem in a document, in document offsets. The LSP wiring and the CLI turn findings into
 * their own shapes; nothing in the core knows either.
 */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: TextRange;
  /** Related places (the token's acquisition, the action in between), in document offsets. */
  readonly related?: readonly { readonly range: TextRange; readonly message: string }[];
  /** Marks code that is unreachable or a leftover; editors render it faded. */
  readonly unnecessary?: boolean;
}

/** Code of every syntax error from any of the parsers. */
export const SYNTAX_ERROR_CODE = 'syntax-error';
