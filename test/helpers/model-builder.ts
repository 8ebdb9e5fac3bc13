import type {
  CodeUnit,
  Condition,
  ExpiryCheck,
  FlowEvent,
  FlowModel,
  Guard,
  LongRunningEvent,
  SecretLiteralEvent,
  StatusCheck,
  TokenAcquireEvent,
} from '../../server/src/analysis/model/flow-model';
import type { TextRange } from '../../server/src/common/text-range';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/common/settings';
import type { RuleFinding } from '../../server/src/diagnostics/finding';
import { runRules } from '../../server/src/diagnostics/run-rules';
import { createRuleContext } from '../../server/src/service/rule-context';

/**
 * Builds FlowModel objects by hand for rule unit tests. Ranges are found by searching the source text for a
 * needle, from where the previous search matched (events are added in source order), so a test reads like
 * the code it models.
 */
export class ModelBuilder {
  private readonly units: UnitBuilder[] = [];
  private cursor = 0;
  private nextCallId = 1;
  private predecessorOverride?: (unit: number) => readonly number[];

  constructor(readonly text: string) {}

  /** The range of the next occurrence of `needle` (from the previous match on). Throws if absent: a test bug. */
  find(needle: string): TextRange {
    const start = this.text.indexOf(needle, this.cursor);
    if (start < 0) throw new Error(`model-builder: ${JSON.stringify(needle)} not found after offset ${this.cursor}`);
    this.cursor = start + 1;
    return { start, end: start + needle.length };
  }

  /** A unit covering `needle` (default: the whole text). */
  unit(label: string, needle?: string): UnitBuilder {
    const range = needle === undefined ? { start: 0, end: this.text.length } : this.find(needle);
    if (needle !== undefined) this.cursor = range.start;
    const unit = new UnitBuilder(this, this.units.length, label, range);
    this.units.push(unit);
    return unit;
  }

  callId(): number {
    return this.nextCallId++;
  }

  /** Replaces the default flow (every earlier unit precedes a unit). */
  predecessors(map: (unit: number) => readonly number[]): this {
    this.predecessorOverride = map;
    return this;
  }

  build(): FlowModel {
    const units = this.units.map((unit) => unit.build());
    const predecessors = this.predecessorOverride ?? ((id: number) => units.filter((u) => u.id < id).map((u) => u.id));
    return {
      units,
      flow: {
        predecessors,
        // Long-running events of the units strictly between the two (the script order of the guide's notation).
        longRunningBetween(from: number, to: number): readonly LongRunningEvent[] {
          return units
            .filter((u) => u.id > from && u.id < to)
            .flatMap((u) => u.events.filter((e): e is LongRunningEvent => e.kind === 'long-running'));
        },
      },
    };
  }
}

/** An event without the fields the builder fills in (distributes over the union). */
type EventInput = FlowEvent extends infer E
  ? E extends FlowEvent
    ? Omit<E, 'unit' | 'order' | 'range' | 'guards' | 'inLoop'>
    : never
  : never;

export class UnitBuilder {
  private readonly events: FlowEvent[] = [];
  private readonly conditions: Condition[] = [];
  private readonly guardStack: Guard[] = [];
  private loopDepth = 0;

  constructor(
    private readonly model: ModelBuilder,
    readonly id: number,
    private readonly label: string,
    private readonly range: TextRange,
  ) {}

  private add(needle: string, input: EventInput): FlowEvent {
    const event = {
      ...input,
      unit: this.id,
      order: this.events.length,
      range: this.model.find(needle),
      guards: [...this.guardStack],
      inLoop: this.loopDepth > 0,
    } as FlowEvent; // one union member's fields plus the base fields make that member
    this.events.push(event);
    return event;
  }

  /** A condition; `options.expiry.comparison` is a needle inside the condition. */
  condition(
    needle: string,
    options: {
      reads?: string[];
      expiry?: Omit<ExpiryCheck, 'comparisonRange' | 'bufferRange'> & { comparison: string; bufferText?: string };
      status?: Partial<StatusCheck>;
    } = {},
  ): number {
    const range = this.model.find(needle);
    const id = this.conditions.length + 1;
    let expiryCheck: ExpiryCheck | undefined;
    if (options.expiry) {
      const { comparison, bufferText, ...rest } = options.expiry;
      const start = this.model.text.indexOf(comparison, range.start);
      if (start < 0)
        throw new Error(`model-builder: comparison ${JSON.stringify(comparison)} not found in the condition`);
      expiryCheck = { ...rest, comparisonRange: { start, end: start + comparison.length } };
      if (bufferText !== undefined) {
        const bufferStart = this.model.text.indexOf(bufferText, start);
        expiryCheck = { ...expiryCheck, bufferRange: { start: bufferStart, end: bufferStart + bufferText.length } };
      }
    }
    const statusCheck: StatusCheck | undefined = options.status
      ? { equals: [], notEquals: [], rangeComparison: false, ...options.status }
      : undefined;
    this.conditions.push({
      id,
      range,
      reads: options.reads ?? [],
      ...(expiryCheck ? { expiryCheck } : {}),
      ...(statusCheck ? { statusCheck } : {}),
    });
    return id;
  }

  /** Events added inside `body` sit in `branch` of the condition. */
  inside(conditionId: number, branch: 'then' | 'else', body: () => void): this {
    this.guardStack.push({ conditionId, branch });
    body();
    this.guardStack.pop();
    return this;
  }

  loop(body: () => void): this {
    this.loopDepth++;
    body();
    this.loopDepth--;
    return this;
  }

  restCall(
    needle: string,
    options: {
      client: string;
      token?: boolean;
      auth?: string[];
      body?: string;
      bodyVariables?: string[];
      result?: string;
      url?: string;
    },
  ): number {
    const id = this.model.callId();
    const event = this.add(needle, {
      kind: 'rest-call',
      id,
      client: options.client,
      isTokenRequest: options.token ?? false,
      authorizationVariables: options.auth ?? [],
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.bodyVariables !== undefined ? { bodyVariables: options.bodyVariables } : {}),
      ...(options.result !== undefined ? { resultVariable: options.result } : {}),
      ...(options.url !== undefined ? { url: options.url } : {}),
      statementRange: { start: 0, end: 0 },
    });
    (event as { statementRange: TextRange }).statementRange = event.range;
    return id;
  }

  acquire(
    needle: string,
    variable: string,
    source: TokenAcquireEvent['source'],
    options: { fromCall?: number; from?: string; persistent?: boolean } = {},
  ): this {
    this.add(needle, {
      kind: 'token-acquire',
      variable,
      source,
      persistent: options.persistent ?? false,
      ...(options.fromCall !== undefined ? { fromCall: options.fromCall } : {}),
      ...(options.from !== undefined ? { fromVariable: options.from } : {}),
    });
    return this;
  }

  /** A token variable emptied (`cachedToken = ""`); kept for later units unless `persistent` is false. */
  clear(needle: string, variable: string, persistent = true): this {
    this.add(needle, { kind: 'token-clear', variable, persistent });
    return this;
  }

  use(needle: string, variable: string, callId?: number): this {
    this.add(needle, { kind: 'token-use', variable, ...(callId !== undefined ? { callId } : {}) });
    return this;
  }

  expirySet(
    needle: string,
    variable: string,
    options: {
      fromExpiresIn?: boolean;
      constant?: { seconds: number; needle: string };
      fromCall?: number;
      clears?: boolean;
    } = {},
  ): this {
    const event = this.add(needle, {
      kind: 'expiry-set',
      variable,
      fromExpiresIn: options.fromExpiresIn ?? false,
      clears: options.clears ?? false,
      ...(options.fromCall !== undefined ? { fromCall: options.fromCall } : {}),
    });
    if (options.constant) {
      // The constant lies inside the statement just found.
      const start = this.model.text.indexOf(options.constant.needle, event.range.start);
      Object.assign(event, {
        constantSeconds: options.constant.seconds,
        constantRange: { start, end: start + options.constant.needle.length },
      });
    }
    return this;
  }

  statusCopy(needle: string, variable: string, client: string, callId?: number): this {
    this.add(needle, { kind: 'status-copy', variable, client, ...(callId !== undefined ? { callId } : {}) });
    return this;
  }

  errorPath(needle: string): this {
    this.add(needle, { kind: 'error-path' });
    return this;
  }

  presenceCheck(needle: string, variable: string): this {
    this.add(needle, { kind: 'token-presence-check', variable });
    return this;
  }

  longRunning(needle: string, label: string): this {
    this.add(needle, { kind: 'long-running', label });
    return this;
  }

  /** A literal secret; by default one in a place that only holds credentials (a `client_secret=` field). */
  secret(
    needle: string,
    what: SecretLiteralEvent['what'],
    value: string,
    judgement: Pick<SecretLiteralEvent, 'confidence' | 'evidence'> = {
      confidence: 'high',
      evidence: { place: 'form-field', name: 'client_secret', shape: 'random' },
    },
  ): this {
    const event = this.add(needle, { kind: 'secret-literal', what, valueRange: { start: 0, end: 0 }, ...judgement });
    const start = this.model.text.indexOf(value, event.range.start);
    Object.assign(event, { valueRange: { start, end: start + value.length } });
    return this;
  }

  tokenLiteral(needle: string, value: string, jwt: boolean): this {
    const event = this.add(needle, { kind: 'token-literal', jwt, valueRange: { start: 0, end: 0 } });
    const start = this.model.text.indexOf(value, event.range.start);
    Object.assign(event, { valueRange: { start, end: start + value.length } });
    return this;
  }

  build(): CodeUnit {
    return {
      id: this.id,
      label: this.label,
      range: this.range,
      events: [...this.events],
      conditions: [...this.conditions],
    };
  }
}

export function run(builder: ModelBuilder, settings: Partial<Settings> = {}): RuleFinding[] {
  const context = createRuleContext(builder.text, 'snippet', { ...DEFAULT_SETTINGS, ...settings });
  return runRules(builder.build(), context);
}

/** `code@"sliced text"` per finding, for compact assertions. */
export function summary(
  text: string,
  findings: readonly { readonly code: string; readonly range: TextRange }[],
  code?: string,
): string[] {
  return findings
    .filter((f) => code === undefined || f.code === code)
    .map((f) => `${f.code}@${JSON.stringify(text.slice(f.range.start, f.range.end))}`);
}

/** One unit whose only condition is an expiry check (`comparison` and the buffer's text are found in `text`). */
export function expiryCheckModel(
  text: string,
  comparison: string,
  buffer: ExpiryCheck['buffer'],
  bufferText?: string,
): ModelBuilder {
  const b = new ModelBuilder(text);
  const u = b.unit('snippet');
  u.condition(text, {
    expiry: {
      expiryVariable: 'tokenexpiry',
      buffer,
      refreshBranch: 'then',
      comparison,
      ...(bufferText ? { bufferText } : {}),
    },
  });
  return b;
}
