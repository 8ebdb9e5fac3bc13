import type { TextRange } from '../../common/text-range';
import type { CodeUnit, Condition, FlowEvent, Guard, SecretLiteralEvent, TokenLiteralEvent } from '../model/flow-model';
import { isSurerSecret as surer } from '../vocabulary/secret-values';
import { overlaps } from '../vocabulary/credential-patterns';
import { commentedOutAuthCodes } from '../vocabulary/http';
import type { LiteralFinding } from './literals';

/** Where an event sits: enclosing conditions and loops. */
export interface Placement {
  readonly guards: readonly Guard[];
  readonly inLoop: boolean;
}

/** A FlowEvent without its unit and order, which the draft assigns. */
export type EventDraft = FlowEvent extends infer E
  ? E extends FlowEvent
    ? Omit<E, 'unit' | 'order' | 'guards' | 'inLoop'>
    : never
  : never;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Entry {
  event: Mutable<FlowEvent>;
  /** Where the event happens (e.g. the end of an assignment, after its right-hand side ran). */
  at: number;
  seq: number;
}

/**
 * Collects one unit's events and conditions. Events stay mutable until `finish`, because some facts arrive later
 * (a header's call is the next `send()`; a request becomes a token request when its `.access_token` is read).
 */
export class UnitDraft {
  private readonly entries: Entry[] = [];
  private readonly conditions: Condition[] = [];
  private readonly literals: Mutable<SecretLiteralEvent | TokenLiteralEvent>[] = [];

  constructor(
    readonly id: number,
    readonly label: string,
    readonly range: TextRange,
  ) {}

  /** Adds an event that happens at `at` (defaults to its range's start); returns it, still mutable. */
  emit<E extends EventDraft>(
    draft: E,
    placement: Placement,
    at?: number,
  ): Mutable<E & { unit: number; order: number; guards: readonly Guard[]; inLoop: boolean }> {
    const event = { ...draft, unit: this.id, order: 0, guards: placement.guards, inLoop: placement.inLoop };
    this.entries.push({
      event: event as unknown as Mutable<FlowEvent>,
      at: at ?? draft.range.start,
      seq: this.entries.length,
    });
    return event;
  }

  addCondition(condition: Condition): void {
    this.conditions.push(condition);
  }

  /** How many conditions were added so far (for `noteCommentedStatus`). */
  get conditionCount(): number {
    return this.conditions.length;
  }

  /**
   * Status checks added since `from` (one branching statement's) get the 401/403 its comments handle in commented-out
   * code and none of its live checks compares with.
   */
  noteCommentedStatus(from: number, comments: readonly string[]): void {
    const added = this.conditions.slice(from);
    const compared = new Set(added.flatMap((condition) => condition.statusCheck?.equals ?? []));
    const codes = commentedOutAuthCodes(comments, compared);
    if (codes.length === 0) return;
    for (let i = from; i < this.conditions.length; i++) {
      const condition = this.conditions[i]!;
      if (condition.statusCheck && condition.statusCheck.commentedOutCodes === undefined)
        this.conditions[i] = { ...condition, statusCheck: { ...condition.statusCheck, commentedOutCodes: codes } };
    }
  }

  /**
   * A literal secret or token, unless one overlapping it was already reported. A secret found again where its place
   * is surer (an object key that turns out to be a header) takes that confidence.
   */
  emitLiteral(finding: LiteralFinding, range: TextRange, placement: Placement): void {
    const seen = this.literals.find((literal) => overlaps(literal.valueRange, finding.valueRange));
    if (seen) {
      if (finding.kind === 'secret' && seen.kind === 'secret-literal' && surer(finding, seen)) {
        seen.confidence = finding.confidence;
        seen.evidence = finding.evidence;
      }
      return;
    }
    if (finding.kind === 'secret') {
      this.literals.push(
        this.emit(
          {
            kind: 'secret-literal',
            range,
            what: finding.what,
            valueRange: finding.valueRange,
            confidence: finding.confidence,
            evidence: finding.evidence,
          },
          placement,
          finding.valueRange.start,
        ),
      );
    } else {
      this.literals.push(
        this.emit(
          { kind: 'token-literal', range, jwt: finding.jwt, valueRange: finding.valueRange },
          placement,
          finding.valueRange.start,
        ),
      );
    }
  }

  finish(): CodeUnit {
    const sorted = [...this.entries].sort((a, b) => a.at - b.at || a.seq - b.seq);
    const events = sorted.map((entry, order) => ({ ...entry.event, order }) as FlowEvent);
    return { id: this.id, label: this.label, range: this.range, events, conditions: [...this.conditions] };
  }
}
