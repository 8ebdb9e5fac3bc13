import type {
  CodeUnit,
  FlowModel,
  LongRunningEvent,
  RestCallEvent,
  TokenAcquireEvent,
  TokenUseEvent,
} from '../../analysis/model/flow-model';
import { contains, eventsOfKind, isExpiryGuarded, tokenRequestBehind } from '../../analysis/model/queries';
import { ageExceedsLifetime, type TokenAge, tokenAgeSentence } from '../../analysis/model/token-age';
import { originOf, type Origin } from '../../analysis/model/token-origin';
import type { RuleFinding } from '../finding';
import { authoredName, listForMessage, shortLabel, whereAcquired } from '../messages';
import { finding, type RuleContext } from '../rule';

const CODE = 'token-reuse-without-expiry';
type ReuseFinding = RuleFinding<typeof CODE>;
interface EarlierAcquisition {
  readonly unit: CodeUnit;
  readonly acquisition: TokenAcquireEvent;
  readonly longRunning: readonly LongRunningEvent[];
}

/**
 * The model's token acquisitions by variable, then by unit (in model order, each unit's in event order), the flow's
 * predecessors as sets, and where the token stands after each acquisition: built once per check, since every token
 * use asks about every earlier unit.
 */
class AcquisitionIndex {
  private readonly byVariable = new Map<string, Map<number, TokenAcquireEvent[]>>();
  private readonly predecessorSets = new Map<number, ReadonlySet<number>>();
  private readonly origins = new Map<TokenAcquireEvent, Origin>();
  private readonly positionsByName = new Map<string, readonly number[]>();

  constructor(private readonly model: FlowModel) {
    model.units.forEach((unit, position) => {
      for (const event of eventsOfKind(unit, 'token-acquire')) {
        let byUnit = this.byVariable.get(event.variable);
        if (!byUnit) {
          byUnit = new Map();
          this.byVariable.set(event.variable, byUnit);
        }
        const list = byUnit.get(position);
        if (list) list.push(event);
        else byUnit.set(position, [event]);
      }
    });
  }

  /** Positions in `model.units` of the units that acquire one of `names`, in model order. */
  unitsAcquiring(names: ReadonlySet<string>): readonly number[] {
    if (names.size === 1) {
      const [name] = names;
      let positions = this.positionsByName.get(name!);
      if (!positions) {
        positions = [...(this.byVariable.get(name!)?.keys() ?? [])].sort((a, b) => a - b);
        this.positionsByName.set(name!, positions);
      }
      return positions;
    }
    const positions = new Set<number>();
    for (const name of names) for (const position of this.byVariable.get(name)?.keys() ?? []) positions.add(position);
    return [...positions].sort((a, b) => a - b);
  }

  acquisitionsOf(position: number, name: string): readonly TokenAcquireEvent[] {
    return this.byVariable.get(name)?.get(position) ?? [];
  }

  /** `originOf` the token just after an acquisition (the same for every use that looks back at it). */
  originAfter(unit: CodeUnit, acquisition: TokenAcquireEvent): Origin {
    let origin = this.origins.get(acquisition);
    if (!origin) {
      origin = originOf(unit, acquisition.variable, acquisition.order + 1, acquisition.guards, 0);
      this.origins.set(acquisition, origin);
    }
    return origin;
  }

  precedes(candidate: number, unit: number): boolean {
    const flow = this.model.flow;
    if (flow.precedes) return flow.precedes(candidate, unit);
    let predecessors = this.predecessorSets.get(unit);
    if (!predecessors) {
      predecessors = new Set(flow.predecessors(unit));
      this.predecessorSets.set(unit, predecessors);
    }
    return predecessors.has(candidate);
  }
}

/** Acquisitions of the token in units that can run before `unit`; undefined when one of them is Strategy B. */
function earlierAcquisition(
  model: FlowModel,
  index: AcquisitionIndex,
  unit: CodeUnit,
  use: TokenUseEvent,
  names: ReadonlySet<string>,
): EarlierAcquisition | 'managed' | 'unknown' {
  let chosen: { unit: CodeUnit; acquisition: TokenAcquireEvent } | undefined;
  // Units that acquire none of the names have nothing to offer: only the others are looked at, in model order.
  for (const position of index.unitsAcquiring(names)) {
    const candidate = model.units[position]!;
    if (!index.precedes(candidate.id, unit.id)) continue;
    // The script-level unit of the guide's notation encloses its SNIPPET blocks: only lines above the block precede it.
    const encloses = candidate.id !== unit.id && contains(candidate.range, unit.range);
    for (const name of names) {
      const all = index.acquisitionsOf(position, name);
      const acquisitions =
        !encloses && candidate.id !== unit.id
          ? all
          : all.filter(
              (a) =>
                (!encloses || a.range.end <= unit.range.start) && (candidate.id !== unit.id || a.order > use.order),
            );
      if (acquisitions.length === 0) continue;
      const last = acquisitions.reduce((a, b) => (b.order > a.order ? b : a));
      const origin = index.originAfter(candidate, last);
      if (origin.kind === 'managed') return 'managed';
      if (!chosen || candidate.id !== unit.id) chosen = { unit: candidate, acquisition: last };
    }
  }
  if (!chosen) return 'unknown';
  return { ...chosen, longRunning: longRunningBetween(model, chosen.unit, chosen.acquisition, unit) };
}

function longRunningBetween(
  model: FlowModel,
  from: CodeUnit,
  acquisition: TokenAcquireEvent,
  to: CodeUnit,
): readonly LongRunningEvent[] {
  const encloses = from.id !== to.id && contains(from.range, to.range);
  const flow = model.flow.longRunningBetween(from.id, to.id);
  // Separate units (an export's actions): every event the flow names counts, and it names them in document order
  // without repeats, so its list is the answer (no copy per use: a large export has hundreds per use).
  if (!encloses && inDocumentOrder(flow)) return flow;
  const found = new Map<number, LongRunningEvent>();
  const between = (event: LongRunningEvent): boolean =>
    event.unit !== from.id ||
    !encloses ||
    (event.range.start >= acquisition.range.end && event.range.end <= to.range.start);
  for (const event of flow) if (between(event)) found.set(event.range.start, event);
  if (encloses) {
    for (const event of eventsOfKind(from, 'long-running')) if (between(event)) found.set(event.range.start, event);
  }
  return [...found.values()].sort((a, b) => a.range.start - b.range.start);
}

/** Strictly increasing starts: in document order, no two events at one place. */
function inDocumentOrder(events: readonly LongRunningEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i]!.range.start <= events[i - 1]!.range.start) return false;
  return true;
}

const ADVICE = 'Refresh it when it is due (Strategy B) or fetch a fresh token right before this call (Strategy A).';

/**
 * Pattern A: a token sent with no expiry check on the way, acquired earlier (in this unit before something
 * long-running, in an earlier action or block, or in an unknown place).
 */
export function checkTokenReuse(model: FlowModel, context: RuleContext): ReuseFinding[] {
  const findings: ReuseFinding[] = [];
  const index = new AcquisitionIndex(model);
  for (const unit of model.units) {
    const reported: ReuseFinding[] = [];
    for (const use of eventsOfKind(unit, 'token-use')) {
      if (isExpiryGuarded(unit, use.guards)) continue;
      const name = authoredName(context.text, use.range, use.variable);
      const origin = originOf(unit, use.variable, use.order, use.guards, 0);
      if (origin.kind === 'managed' || origin.kind === 'cleared') continue;
      if (origin.kind === 'fresh') {
        // Fetched right here, unless something long-running lies between the fetch and the use.
        const waits = eventsOfKind(unit, 'long-running').filter(
          (e) => e.order > origin.latest.order && e.order < use.order,
        );
        if (waits.length === 0) continue;
        reported.push(report(model, context, unit, use, name, unit, origin.latest, waits));
        continue;
      }
      const earlier = earlierAcquisition(model, index, unit, use, origin.names);
      if (earlier === 'managed') continue;
      if (earlier === 'unknown') {
        const partial = origin.partial[0];
        const message = partial
          ? `${name} is fetched at line ${context.lineOf(partial.range.start)} only on some paths; on the others it ` +
            `was acquired in ` +
            `an earlier action or unknown place and is sent here with no expiry check (Pattern A): on a long contact ` +
            `the token ` +
            `expires and this call fails with 401. ${ADVICE}`
          : `${name} was acquired in an earlier action or unknown place and is sent here with no expiry check ` +
            `(Pattern A): ` +
            `on a long contact the token expires and this call fails with 401. ${ADVICE}`;
        const related = partial
          ? [{ range: partial.range, message: `${name} is fetched here only on some paths` }]
          : undefined;
        // The fix reuses what it can of the token's acquisition: the partial fetch, else the last copy before the use.
        const acquired =
          partial ??
          eventsOfKind(unit, 'token-acquire')
            .filter((a) => a.variable === use.variable && a.order < use.order)
            .pop();
        const facts = {
          unit,
          use,
          longRunning: [],
          ...(acquired ? acquisitionFacts(model, unit, acquired) : {}),
        };
        reported.push(finding(CODE, use.range, message, facts, related));
        continue;
      }
      const age = model.flow.worstCaseAge?.(earlier.unit.id, unit.id);
      const found = report(model, context, unit, use, name, earlier.unit, earlier.acquisition, earlier.longRunning);
      reported.push(age ? withAge(found, age, context.settings.tokenLifetimeSeconds) : found);
    }
    findings.push(...onePerToken(reported, context));
  }
  return findings;
}

/**
 * One finding per token and unit, at its first unchecked use, with the token's other unchecked uses as related
 * places: a token sent to six calls is one problem with six places, not six warnings.
 */
function onePerToken(reported: readonly ReuseFinding[], context: RuleContext): ReuseFinding[] {
  const byToken = new Map<string, ReuseFinding[]>();
  for (const found of reported) {
    const same = byToken.get(found.facts.use.variable);
    if (same) same.push(found);
    else byToken.set(found.facts.use.variable, [found]);
  }
  const out: ReuseFinding[] = [];
  for (const group of byToken.values()) {
    const [first, ...others] = group;
    if (others.length === 0) {
      out.push(first!);
      continue;
    }
    const name = authoredName(context.text, first!.range, first!.facts.use.variable);
    const places = others.length === 1 ? 'one more call' : `${others.length} more calls`;
    // A use whose token can outlive its lifetime makes the one finding an error.
    const raised = group.find((found) => found.severity !== undefined);
    out.push({
      ...first!,
      ...(raised ? { severity: raised.severity } : {}),
      message: `${first!.message} The same token is sent to ${places} in this ${unitWord(first!.facts.unit)}.`,
      related: [
        ...(first!.related ?? []),
        ...others.map((other) => ({ range: other.range, message: `${name} is also sent here with no expiry check` })),
      ],
    });
  }
  return out;
}

/** What a unit is called in a message: an export's SNIPPET action, a SNIPPET block, a snippet. */
function unitWord(unit: CodeUnit): string {
  if (/^SNIPPET action\b/i.test(unit.label)) return 'action';
  if (/^SNIPPET block\b/i.test(unit.label)) return 'block';
  if (/^script line\b/i.test(unit.label)) return 'part of the script';
  return 'snippet';
}

/** The acquisition and the token request behind it, as finding facts. */
function acquisitionFacts(
  model: FlowModel,
  unit: CodeUnit,
  event: TokenAcquireEvent,
): { acquisition: { unit: CodeUnit; event: TokenAcquireEvent }; tokenRequest?: RestCallEvent } {
  const tokenRequest = tokenRequestBehind(model, event);
  return tokenRequest ? { acquisition: { unit, event }, tokenRequest } : { acquisition: { unit, event } };
}

/** The worst-case age in the message and the facts; an error when the token can outlive its lifetime here. */
function withAge(found: ReuseFinding, age: TokenAge, lifetimeSeconds: number): ReuseFinding {
  const message = found.message.replace(ADVICE, `${tokenAgeSentence(age, lifetimeSeconds)} ${ADVICE}`);
  const raised = ageExceedsLifetime(age, lifetimeSeconds) ? { severity: 'error' as const } : {};
  return { ...found, message, facts: { ...found.facts, age }, ...raised };
}

function report(
  model: FlowModel,
  context: RuleContext,
  unit: CodeUnit,
  use: TokenUseEvent,
  name: string,
  acquiringUnit: CodeUnit,
  acquisition: TokenAcquireEvent,
  longRunning: readonly LongRunningEvent[],
): ReuseFinding {
  const where = whereAcquired(context, acquiringUnit, acquisition.range);
  const acquiredName = authoredName(context.text, acquisition.range, acquisition.variable);
  const related = [
    {
      range: acquisition.range,
      message: `${acquiredName} is acquired here, and its expiry is never checked before the use`,
    },
    ...longRunning.map((event) => ({
      range: event.range,
      message: `${shortLabel(event.label)} can run between the acquisition and the use`,
    })),
  ];
  const subject =
    acquiredName.toLowerCase() === name.toLowerCase() ? `${name} was` : `${name} holds ${acquiredName}, which was`;
  const message =
    longRunning.length > 0
      ? `${subject} acquired ${where} and is sent here after ` +
        `${listForMessage(
          longRunning.slice(0, 2).map((e) => shortLabel(e.label)),
          2,
          longRunning.length,
        )} with no expiry check ` +
        `(Pattern A): by then the token may have expired, and this call fails with 401. ${ADVICE}`
      : `${subject} acquired ${where} and is reused here with no expiry check (Pattern A): on a long contact the ` +
        `token ` +
        `expires and this call fails with 401. ${ADVICE}`;
  const facts = { unit, use, longRunning, ...acquisitionFacts(model, acquiringUnit, acquisition) };
  return finding(CODE, use.range, message, facts, related);
}
