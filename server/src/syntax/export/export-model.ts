import type { TextRange } from '../../common/text-range';

/** One positional `<string>` of an action's `<Parameters>`. */
export interface ActionParameter {
  /** Decoded text; line breaks kept as written in the file (see xml-content.ts). */
  readonly value: string;
  /** Raw content range in the file (between `<string>` and `</string>`; empty for `<string />`). */
  readonly range: TextRange;
  /** The whole `<string>…</string>` or `<string />` element. */
  readonly elementRange: TextRange;
}

/** One `<ActionStruct>` of a Desktop Studio export. */
export interface ScriptAction {
  readonly id: number;
  /** The `<Action>` text as written (Studio writes it upper-case: BEGIN, SNIPPET, MENU…). */
  readonly type: string;
  readonly caption: string;
  readonly parameters: readonly ActionParameter[];
  /** The `<ActionStruct>` element. */
  readonly range: TextRange;
  /** Raw content range of `<Caption>`, when present. */
  readonly captionRange?: TextRange;
}

export type ActionEdgeKind = 'default' | 'branch' | 'case';

/**
 * A link to the next action: `DefaultNextAction`, a `Branches/BranchStruct` or a `Cases/BranchStruct`.
 * Links without a target (ActionID missing, empty, not an integer, or <= 0; Studio writes -1) are not edges.
 */
export interface ActionEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: ActionEdgeKind;
  /** The link's `<Text>` (a menu digit, "True", "Timeout"…); empty for most default links. */
  readonly label: string;
  readonly index?: number;
  /** True when no action has the id `to`. Dangling edges are kept but never followed by ActionGraph. */
  readonly dangling: boolean;
  /** The `<DefaultNextAction>` or `<BranchStruct>` element. */
  readonly range: TextRange;
}
