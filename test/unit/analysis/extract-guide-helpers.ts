import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractGuideModel } from '../../../server/src/analysis/guide/extract';
import type { Condition, FlowEvent, FlowModel } from '../../../server/src/analysis/model/flow-model';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/common/settings';
import type { TextRange } from '../../../server/src/common/text-range';
import type { GuideDocument } from '../../../server/src/documents/parsed-document';
import { parseGuide } from '../../../server/src/syntax/guide';
import { readAnnotated } from '../../helpers/annotated';

export const FIXTURES = join(__dirname, '../../fixtures');

export interface Extracted {
  readonly text: string;
  readonly model: FlowModel;
}

/** Extracts with failures surfaced (the product contains them; tests must see them). */
export function extract(text: string, settings: Settings = DEFAULT_SETTINGS): Extracted {
  const document: GuideDocument = { kind: 'guide', text, guide: parseGuide(text) };
  return { text, model: extractGuideModel(document, settings) };
}

export function extractFixture(relativePath: string, settings?: Settings): Extracted {
  return extract(readAnnotated(readFileSync(join(FIXTURES, relativePath), 'utf8')).text, settings);
}

export type EventOf<K extends FlowEvent['kind']> = Extract<FlowEvent, { kind: K }>;

export function eventsOf<K extends FlowEvent['kind']>(model: FlowModel, kind: K, unit?: number): EventOf<K>[] {
  return model.units
    .filter((u) => unit === undefined || u.id === unit)
    .flatMap((u) => u.events)
    .filter((e): e is EventOf<K> => e.kind === kind);
}

export function conditionsOf(model: FlowModel): Condition[] {
  return model.units.flatMap((u) => u.conditions);
}

export function slice(text: string, range: TextRange): string {
  return text.slice(range.start, range.end);
}

/** The only element satisfying `test`; fails loudly otherwise. */
export function only<T>(items: readonly T[], test: (item: T) => boolean = () => true, what = 'item'): T {
  const found = items.filter(test);
  if (found.length !== 1) throw new Error(`expected exactly one ${what}, found ${found.length}`);
  return found[0]!;
}

/** Guards as `id:branch` strings, for compact assertions. */
export function guardsOf(event: FlowEvent): string[] {
  return event.guards.map((g) => `${g.conditionId}:${g.branch}`);
}
