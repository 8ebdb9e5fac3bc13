import type { CodeUnit, FlowModel } from '../analysis/model/flow-model';
import type { Settings } from '../common/settings';
import type { TextEdit } from '../common/text-edit';
import type { ParsedDocument } from '../documents/parsed-document';
import type { SnippetBlock } from '../syntax/guide/ast';
import type { SnippetCode } from '../editing/code-region';
import type { DiagnosticCode, RuleCode } from './codes';
import type { RuleFinding } from './finding';

/** A quick fix: pure text edits in document offsets, computed from the parsed document. */
export interface Fix {
  readonly title: string;
  /** The diagnostic code this fix resolves. */
  readonly code: DiagnosticCode;
  /** The single obvious fix for its finding: what fix-all and `studio-lint --fix` apply. */
  readonly preferred: boolean;
  readonly edits: readonly TextEdit[];
  /**
   * What the fix restructures beyond its edits' text (`tokens@<unit id>`: a unit's token code; `call@<call id>`: one
   * call and the code around it). Two fixes with a claim in common are not applied in the same fix-all pass, even
   * when their edits do not overlap: the second is recomputed from the re-analysed text on the next pass (where it may
   * no longer be needed). See `claimsOf` for the keys.
   */
  readonly claims?: readonly string[];
}

/** Claim keys (see `Fix.claims`): the token code of a unit, one REST call. */
export const claimsOf = {
  tokens: (unit: { readonly id: number }): string => `tokens@${unit.id}`,
  call: (call: { readonly id: number }): string => `call@${call.id}`,
};

/**
 * What a fix works from: the analysed document and the model its finding came from (never rebuilt), and the syntax
 * of a finding's code unit, resolved once per unit by the Analysis.
 */
export interface FixContext {
  readonly document: ParsedDocument;
  readonly model: FlowModel;
  readonly settings: Settings;
  /** Real Snippet code of a unit (a `.snippet` file, or one SNIPPET action of an export) with its offset map. */
  snippetCodeOf(unit: CodeUnit): SnippetCode | undefined;
  /** The SNIPPET block of the guide's notation a unit is (undefined for the script-level lines). */
  guideBlockOf(unit: CodeUnit): SnippetBlock | undefined;
}

/** Computes the fixes for one finding of a code. */
export type FixProvider<C extends RuleCode> = (finding: RuleFinding<C>, context: FixContext) => Fix[];
