import type { CodeUnit, FlowEvent, FlowModel } from '../analysis/model/flow-model';
import { buildFlowModel } from '../analysis/build-flow-model';
import type { Settings } from '../common/settings';
import type { TextRange } from '../common/text-range';
import type { ParsedDocument } from '../documents/parsed-document';

/**
 * The flow model behind a document's findings. Findings carry a range, not the event behind them, so fixes
 * rebuild the model once per parsed document (and settings object) and find the event by its range.
 */
const MODELS = new WeakMap<ParsedDocument, WeakMap<Settings, FlowModel>>();

export function modelFor(document: ParsedDocument, settings: Settings): FlowModel {
  let bySettings = MODELS.get(document);
  if (!bySettings) {
    bySettings = new WeakMap();
    MODELS.set(document, bySettings);
  }
  let model = bySettings.get(settings);
  if (!model) {
    model = buildFlowModel(document, settings);
    bySettings.set(settings, model);
  }
  return model;
}

export type EventOf<K extends FlowEvent['kind']> = Extract<FlowEvent, { kind: K }>;

export interface Located<E> {
  readonly unit: CodeUnit;
  readonly event: E;
}

/** The event of a kind at a range: exactly there, else the smallest one holding it. */
export function eventAt<K extends FlowEvent['kind']>(
  model: FlowModel,
  kind: K,
  range: TextRange,
  rangeOf: (event: EventOf<K>) => TextRange = (e) => e.range,
): Located<EventOf<K>> | undefined {
  let best: Located<EventOf<K>> | undefined;
  let bestSize = Infinity;
  for (const unit of model.units) {
    for (const event of unit.events) {
      if (event.kind !== kind) continue;
      const typed = event as EventOf<K>;
      const r = rangeOf(typed);
      if (r.start === range.start && r.end === range.end) return { unit, event: typed };
      if (r.start <= range.start && range.end <= r.end && r.end - r.start < bestSize) {
        best = { unit, event: typed };
        bestSize = r.end - r.start;
      }
    }
  }
  return best;
}

export function eventsIn<K extends FlowEvent['kind']>(unit: CodeUnit, kind: K): EventOf<K>[] {
  return unit.events.filter((event): event is EventOf<K> => event.kind === kind);
}

export function unitById(model: FlowModel, id: number): CodeUnit | undefined {
  return model.units.find((unit) => unit.id === id);
}

/** The rest call with an id, wherever it is. */
export function callById(model: FlowModel, id: number): Located<EventOf<'rest-call'>> | undefined {
  for (const unit of model.units) {
    const call = eventsIn(unit, 'rest-call').find((c) => c.id === id);
    if (call) return { unit, event: call };
  }
  return undefined;
}
