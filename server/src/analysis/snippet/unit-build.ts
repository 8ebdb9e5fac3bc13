import type { Settings } from '../../common/settings';
import type { TextRange } from '../../common/text-range';
import type * as A from '../../syntax/snippet/ast';
import type {
  CodeUnit,
  Condition,
  FlowEvent,
  Guard,
  RestCallEvent,
  SecretLiteralEvent,
  TokenLiteralEvent,
} from '../model/flow-model';
import { isSurerSecret } from '../vocabulary/secret-values';
import { isAccessTokenMember } from '../vocabulary/credential-patterns';
import { isTokenVariableName } from '../vocabulary/names';
import { rootIdentifier } from './expressions';
import type { NameLookup, NameSet } from './document-facts';
import type { SnippetFacts } from './facts';
import { FlowState, type Writable } from './flow-state';
import type { ModelIds } from './model-ids';
import type { LiteralFinding } from './secrets';
import { isJitterExpression } from './time';

/** The code to lower and how its offsets map to the document. */
export interface SnippetSource {
  readonly program: A.Program;
  /** The text the tree's offsets index (the decoded code for an export's SNIPPET action). */
  readonly code: string;
  readonly comments: readonly TextRange[];
  /** A code range as the document range of exactly its source (embedded code maps through its XML escaping). */
  readonly toDocumentRange: (codeStart: number, codeEnd: number) => TextRange;
}

export interface UnitHeader {
  readonly id: number;
  readonly label: string;
  /** The code's range in the document. */
  readonly range: TextRange;
}

export interface UnitOptions {
  readonly settings: Settings;
  readonly ids: ModelIds;
  /** Facts of this code, when the caller has gathered them already (see collectSnippetFacts). */
  readonly facts?: SnippetFacts;
  /** Variables whose every assignment in the whole document is this constant (for fixed buffers in a variable). */
  readonly documentConstants?: NameLookup<number>;
  /** Variables assigned a per-contact (jittered) value anywhere in the document. */
  readonly documentJitter?: NameSet;
  /** Variables whose every assignment in the document is the same string (`tokenUrl` set by an earlier action). */
  readonly documentStrings?: NameLookup<string>;
  /**
   * Every variable something in the document assigns (this code, other SNIPPET actions, other actions' parameters):
   * a buffer variable outside it is empty, a zero buffer.
   */
  readonly documentAssigned?: NameSet;
}

/** Where a statement sits: the enclosing conditions and loops, and what RETURN and BREAK mean there. */
export interface Ctx {
  readonly guards: readonly Guard[];
  readonly inLoop: boolean;
  readonly inFunction: boolean;
  /** The innermost loop makes a REST call: BREAK leaves a retry loop. */
  readonly retryLoop: boolean;
}

export const TOP: Ctx = { guards: [], inLoop: false, inFunction: false, retryLoop: false };

export function within(ctx: Ctx, conditionId: number, branch: 'then' | 'else'): Ctx {
  return withGuards(ctx, [...ctx.guards, { conditionId, branch }]);
}

/** `ctx` with other guards (written out: this runs for every branch, and a spread copies slower). */
export function withGuards(ctx: Ctx, guards: readonly Guard[]): Ctx {
  return { guards, inLoop: ctx.inLoop, inFunction: ctx.inFunction, retryLoop: ctx.retryLoop };
}

/** The fields every event starts with, as `head` fills them in: its kind, then the fields every event has. */
export interface EventHead<K extends FlowEvent['kind']> {
  kind: K;
  unit: number;
  order: number;
  range: TextRange;
  guards: readonly Guard[];
  inLoop: boolean;
}

/**
 * One unit being lowered: its code and options, what is known so far (`state`), and the events and conditions made
 * so far. The readers of statements, assignments, calls, conditions and literals (one file each) all work on it.
 */
export class UnitBuild {
  readonly facts: SnippetFacts;
  readonly code: string;
  /** What is known at the statement being read (a FUNCTION body is read in a scope of it). */
  readonly state = new FlowState();
  /** The unit's id, which its events carry. */
  readonly unit: number;
  /** Sort key of events being emitted: the code offset of the statement (or clause) being read. */
  key = 0;
  /**
   * The statement being read (a rest call's statement range, a `.throw()`'s error path): a syntax node, which what
   * keeps it copies (`doc`).
   */
  statement: TextRange = { start: 0, end: 0 };
  readonly conditions: Condition[] = [];
  /** Rest calls by id, still writable: reading `r.access_token` later makes a call a token request. */
  readonly calls = new Map<number, Writable<RestCallEvent>>();
  private readonly drafts: { event: FlowEvent; key: number }[] = [];
  private readonly literals = new Map<string, Writable<SecretLiteralEvent | TokenLiteralEvent>>();

  constructor(
    readonly source: SnippetSource,
    readonly header: UnitHeader,
    readonly options: UnitOptions,
    facts: SnippetFacts,
  ) {
    this.code = source.code;
    this.facts = facts;
    this.unit = header.id;
  }

  /** The unit: events in source order (comment findings fall in by position), each with its order. */
  finish(): CodeUnit {
    // Array sort is stable: events of the in-order pass keep their order. The events were made here and nothing
    // else holds them yet, so each takes its order in place.
    const events = this.drafts
      .sort((a, b) => a.key - b.key)
      .map((draft, order) => {
        (draft.event as Writable<FlowEvent>).order = order;
        return draft.event;
      });
    return { ...this.header, events, conditions: this.conditions };
  }

  push(event: FlowEvent): void {
    this.drafts.push({ event, key: this.key });
  }

  errorPath(range: TextRange, ctx: Ctx): void {
    this.push(eventHead(this, 'error-path', range, ctx));
  }

  /**
   * One event per literal range (a token may be found as `Bearer …`, as a JWT and by its variable's name). A secret
   * found again where its place is surer takes that confidence.
   */
  literal(finding: LiteralFinding, ctx: Ctx): void {
    const key = `${finding.valueRange.start}:${finding.valueRange.end}`;
    const seen = this.literals.get(key);
    if (seen) {
      if (finding.kind === 'secret' && seen.kind === 'secret-literal' && isSurerSecret(finding, seen)) {
        seen.confidence = finding.confidence;
        seen.evidence = finding.evidence;
      }
      return;
    }
    const valueRange = this.doc(finding.valueRange);
    // Written out (as `head` would make them, with the value's range): literals are many in long scripts.
    const unit = this.unit;
    const order = 0;
    const { guards, inLoop } = ctx;
    const event: Writable<SecretLiteralEvent | TokenLiteralEvent> =
      finding.kind === 'secret'
        ? {
            kind: 'secret-literal',
            unit,
            order,
            range: valueRange,
            guards,
            inLoop,
            what: finding.what,
            valueRange,
            confidence: finding.confidence,
            evidence: finding.evidence,
          }
        : { kind: 'token-literal', unit, order, range: valueRange, guards, inLoop, valueRange, jwt: finding.jwt };
    this.literals.set(key, event);
    this.push(event);
  }

  /** The rest-call whose response `r` in `r.access_token` / `r.expires_in` holds (and mark it a token request). */
  callOfResponse(member: A.MemberExpression): number | undefined {
    const root = rootIdentifier(member.object);
    const id = root ? this.state.callResults.get(root.folded) : undefined;
    if (id !== undefined && isAccessTokenMember(member.property)) {
      const call = this.calls.get(id);
      if (call) call.isTokenRequest = true;
    }
    return id;
  }

  isTokenVariable(folded: string): boolean {
    return this.state.acquired.has(folded) || this.facts.tokenVariables.has(folded) || isTokenVariableName(folded);
  }

  /** A value that differs per contact: random, jitter, a per-contact spread, or a variable holding one. */
  isJittery(e: A.Expression): boolean {
    return (
      isJitterExpression(e, this.state.jitter) ||
      (this.options.documentJitter !== undefined && isJitterExpression(e, this.options.documentJitter))
    );
  }

  /** A code range as a document range. */
  doc(range: TextRange): TextRange {
    const n = this.code.length;
    const from = clamp(range.start, n);
    return this.source.toDocumentRange(from, clamp(Math.max(range.start, range.end), n));
  }

  /** The code between two offsets (clamped to the code). */
  slice(range: TextRange): string {
    return this.code.slice(clamp(range.start, this.code.length), clamp(range.end, this.code.length));
  }
}

/**
 * A new event's kind and the fields every event has; the caller sets its own fields on it after, in the order the
 * model lists them (optional ones only when known). Events are many in long scripts, and a literal with fields added
 * is many times faster to make than one that spreads a shared part (`{ kind, ...base, … }`).
 */
export function eventHead<K extends FlowEvent['kind']>(
  build: UnitBuild,
  kind: K,
  range: TextRange,
  ctx: Ctx,
): EventHead<K> {
  return { kind, unit: build.unit, order: 0, range: build.doc(range), guards: ctx.guards, inLoop: ctx.inLoop };
}

export function clamp(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return 0;
  return Math.min(Math.max(0, Math.trunc(offset)), length);
}
