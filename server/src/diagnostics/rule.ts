import type { FlowModel } from '../analysis/model/flow-model';
import type { Settings } from '../common/settings';
import type { TextRange } from '../common/text-range';
import type { DocumentKind } from '../documents/document-kind';
import type { RuleCode } from './codes';
import type { FindingFacts, RelatedPlace, RuleFinding } from './finding';

/** What a rule may look at besides the model: the document's text (names as written), its kind, settings, lines. */
export interface RuleContext {
  readonly text: string;
  readonly kind: DocumentKind;
  readonly settings: Settings;
  /** 1-based line of a document offset, for messages ("at line 3"). */
  lineOf(offset: number): number;
  /** The text of a range as the script sees it (an export's XML entities decoded). */
  scriptText(range: TextRange): string;
}

/** One diagnostic code's check: reads the flow model only, never a syntax tree. */
export type RuleCheck<C extends RuleCode> = (model: FlowModel, context: RuleContext) => RuleFinding<C>[];

/** A finding of `code` with the model facts behind it. */
export function finding<C extends RuleCode>(
  code: C,
  range: TextRange,
  message: string,
  facts: FindingFacts[C],
  related?: readonly RelatedPlace[],
): RuleFinding<C> {
  return related && related.length > 0 ? { code, message, range, related, facts } : { code, message, range, facts };
}
