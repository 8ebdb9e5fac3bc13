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
  TokenUseEvent,
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

/** An event as made, with the offset it sorts by. */
interface Draft {
  readonly event: FlowEvent;
  readonly key: number;
}

/**
 * Everything a lowering has made so far. A later version of the same code can take it over and roll it back to a
 * top-level statement (analysis/snippet/resume.ts): so events are never changed once pushed (what a later statement
 * learns of one is logged here and applied in `finish`), and every addition is logged or only appended.
 */
export interface LoweringParts {
  readonly state: FlowState;
  readonly drafts: Draft[];
  readonly conditions: Condition[];
  /** Rest calls by id: reading `r.access_token` later makes a call a token request. */
  readonly calls: Map<number, RestCallEvent>;
  /** Literal events by `start:end` of their value, and the keys in the order they were added. */
  readonly literals: Map<string, Writable<SecretLiteralEvent | TokenLiteralEvent>>;
  readonly literalKeys: string[];
  /** Token uses a later call was sent with: the use and that call's id (the latest wins). */
  readonly useCalls: [TokenUseEvent, number][];
  /** Calls a later `.access_token` read made token requests. */
  readonly tokenRequests: number[];
}

function freshParts(): LoweringParts {
  return {
    state: new FlowState(),
    drafts: [],
    conditions: [],
    calls: new Map(),
    literals: new Map(),
    literalKeys: [],
    useCalls: [],
    tokenRequests: [],
  };
}

/**
 * Where lowerings stood between top-level statements, `CHECKPOINT_FIELDS` numbers each (`UnitBuild.markInto`): the
 * lengths of the state's log, the drafts, the conditions, the literal keys, the use calls and the token requests,
 * then the condition and call ids handed out.
 */
export type Checkpoints = number[];

export const CHECKPOINT_FIELDS = 8;

/**
 * One unit being lowered: its code and options, what is known so far (`state`), and the events and conditions made
 * so far. The readers of statements, assignments, calls, conditions and literals (one file each) all work on it.
 */
export class UnitBuild {
  readonly facts: SnippetFacts;
  readonly code: string;
  /** The unit's id, which its events carry. */
  readonly unit: number;
  /** Sort key of events being emitted: the code offset of the statement (or clause) being read. */
  key = 0;
  /**
   * The statement being read (a rest call's statement range, a `.throw()`'s error path): a syntax node, which what
   * keeps it copies (`doc`).
   */
  statement: TextRange = { start: 0, end: 0 };
  private readonly parts: LoweringParts;

  constructor(
    readonly source: SnippetSource,
    readonly header: UnitHeader,
    readonly options: UnitOptions,
    facts: SnippetFacts,
    parts: LoweringParts = freshParts(),
  ) {
    this.code = source.code;
    this.facts = facts;
    this.unit = header.id;
    this.parts = parts;
  }

  /** What is known at the statement being read (a FUNCTION body is read in a scope of it). */
  get state(): FlowState {
    return this.parts.state;
  }

  get conditions(): Condition[] {
    return this.parts.conditions;
  }

  /**
   * `build`'s parts as they stood at `at`, for new code whose statements before that point are the ones `build` read
   * then, under facts that answer those statements' reads the same. `build` is used up: its state is rolled back in
   * place (the unit it finished keeps its own arrays and events, which nothing here changes). `options.ids` must hand
   * out the unit id `build` had; it then continues after the ids made before `at`.
   */
  static resumed(
    build: UnitBuild,
    checkpoints: Checkpoints,
    index: number,
    source: SnippetSource,
    header: UnitHeader,
    options: UnitOptions,
    facts: SnippetFacts,
  ): UnitBuild {
    const at = index * CHECKPOINT_FIELDS;
    const [state, drafts, conditions, literalKeys, useCalls, tokenRequests, conditionIds, callIds] = checkpoints.slice(
      at,
      at + CHECKPOINT_FIELDS,
    ) as [number, number, number, number, number, number, number, number];
    const old = build.parts;
    old.state.rollBack(state);
    const lastCall = build.options.ids.marks().calls;
    for (let id = callIds + 1; id <= lastCall; id++) old.calls.delete(id);
    for (let i = literalKeys; i < old.literalKeys.length; i++) old.literals.delete(old.literalKeys[i]!);
    options.ids.continueAfter({ conditions: conditionIds, calls: callIds });
    return new UnitBuild(source, header, options, facts, {
      state: old.state,
      drafts: old.drafts.slice(0, drafts),
      conditions: old.conditions.slice(0, conditions),
      calls: old.calls,
      literals: old.literals,
      literalKeys: old.literalKeys.slice(0, literalKeys),
      useCalls: old.useCalls.slice(0, useCalls),
      tokenRequests: old.tokenRequests.slice(0, tokenRequests),
    });
  }

  /** Logs every change of the state from now on, so that a later version can resume this build (`resumed`). */
  record(): void {
    this.parts.state.record();
  }

  /** Adds where the build stands now (between two top-level statements) to `checkpoints`. */
  markInto(checkpoints: Checkpoints): void {
    const p = this.parts;
    const ids = this.options.ids.marks();
    checkpoints.push(
      p.state.mark(),
      p.drafts.length,
      p.conditions.length,
      p.literalKeys.length,
      p.useCalls.length,
      p.tokenRequests.length,
      ids.conditions,
      ids.calls,
    );
  }

  /**
   * The unit: events in source order (comment findings fall in by position), each with its order. What later
   * statements learned of an event (the call a token use was sent with, a call being a token request) is applied to
   * a copy of it, so an event pushed by a build that a later version took over stays as its own unit has it.
   */
  finish(): CodeUnit {
    const p = this.parts;
    const requests = new Set(p.tokenRequests);
    const useCalls = new Map(p.useCalls);
    // Array sort is stable: events of the in-order pass keep their order. The drafts stay in the order they were
    // made (a checkpoint counts them).
    const events = [...p.drafts]
      .sort((a, b) => a.key - b.key)
      .map((draft, order) => {
        let event = draft.event as Writable<FlowEvent>;
        if (event.kind === 'rest-call' && !event.isTokenRequest && requests.has(event.id)) {
          event = patched(event, 'isTokenRequest', true);
        } else if (event.kind === 'token-use') {
          const callId = useCalls.get(event);
          if (callId !== undefined) event = patched(event, 'callId', callId);
        }
        // An event a later version took over sorts where it did (every key before it is the same): same order.
        event.order = order;
        return event;
      });
    return { ...this.header, events, conditions: p.conditions };
  }

  /** A rest call, which later statements can make a token request (`callOfResponse`). */
  pushCall(event: RestCallEvent): void {
    this.parts.calls.set(event.id, event);
    this.push(event);
  }

  /** The token uses waiting on a client were sent with its call `callId`. */
  sentWith(uses: readonly TokenUseEvent[], callId: number): void {
    for (const use of uses) this.parts.useCalls.push([use, callId]);
  }

  push(event: FlowEvent): void {
    this.parts.drafts.push({ event, key: this.key });
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
    const seen = this.parts.literals.get(key);
    // Found again within the statement that found it (the ranges of two statements never meet): an event of this
    // build, still its own to change.
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
    this.parts.literals.set(key, event);
    this.parts.literalKeys.push(key);
    this.push(event);
  }

  /** The rest-call whose response `r` in `r.access_token` / `r.expires_in` holds (and mark it a token request). */
  callOfResponse(member: A.MemberExpression): number | undefined {
    const root = rootIdentifier(member.object);
    const id = root ? this.state.callResults.get(root.folded) : undefined;
    if (id !== undefined && isAccessTokenMember(member.property)) {
      const call = this.parts.calls.get(id);
      if (call && !call.isTokenRequest) this.parts.tokenRequests.push(id);
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
 * A copy of an event made by `eventHead` with one field set, made the way the event was (the head's literal, then its
 * other fields in their order, then the field if it is new): it has the original's hidden class, so the rules' code
 * stays monomorphic over copies and originals (a spread's copy made the rules measurably slower).
 */
function patched<E extends FlowEvent, K extends keyof E & string>(event: E, key: K, value: E[K]): Writable<E> {
  const copy: Record<string, unknown> = eventHead_(event);
  for (const name of Object.keys(event)) {
    if (!(name in copy)) copy[name] = name === key ? value : event[name as keyof E];
  }
  if (!(key in copy)) copy[key] = value;
  return copy as Writable<E>;
}

/** `eventHead`'s literal with an event's own head fields. */
function eventHead_(e: FlowEvent): Record<string, unknown> {
  return { kind: e.kind, unit: e.unit, order: e.order, range: e.range, guards: e.guards, inLoop: e.inLoop };
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
