import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { extractExportModel } from '../../../server/src/analysis/export/extract';
import { extractSnippetModel } from '../../../server/src/analysis/snippet/extract';
import type { CodeUnit, Condition, FlowEvent, FlowModel } from '../../../server/src/analysis/model/flow-model';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/common/settings';
import type { TextRange } from '../../../server/src/common/text-range';
import {
  parseDocument,
  type SnippetDocument,
  type ExportDocument,
} from '../../../server/src/documents/parsed-document';

/** Shared by the extractor tests: load, extract, and look at events by kind with their text. */

export const ROOT = path.join(__dirname, '..', '..', '..');

export function fixture(...parts: string[]): string {
  return readFileSync(path.join(ROOT, ...parts), 'utf8');
}

export interface Extracted {
  readonly text: string;
  readonly model: FlowModel;
}

export function snippetModel(text: string, settings: Settings = DEFAULT_SETTINGS): Extracted {
  const document = parseDocument('snippet', text) as SnippetDocument;
  return { text, model: extractSnippetModel(document, settings) };
}

export function exportModel(text: string, settings: Settings = DEFAULT_SETTINGS): Extracted {
  const document = parseDocument('export', text) as ExportDocument | undefined;
  assert.ok(document, 'a Studio export');
  return { text, model: extractExportModel(document, settings) };
}

export type EventOf<K extends FlowEvent['kind']> = Extract<FlowEvent, { kind: K }>;

export function eventsOf<K extends FlowEvent['kind']>(unit: CodeUnit, kind: K): EventOf<K>[] {
  return unit.events.filter((e): e is EventOf<K> => e.kind === kind);
}

export function only<T>(items: readonly T[], what = 'item'): T {
  assert.equal(items.length, 1, `exactly one ${what}, got ${items.length}`);
  return items[0]!;
}

export function slice(text: string, range: TextRange | undefined): string {
  assert.ok(range, 'a range');
  return text.slice(range.start, range.end);
}

/** The condition whose text is exactly `source`. */
export function conditionWithText(unit: CodeUnit, text: string, source: string): Condition {
  const found = unit.conditions.filter((c) => text.slice(c.range.start, c.range.end) === source);
  return only(found, `condition "${source}"`);
}

/** `kind variable` summaries of a unit's events in order, e.g. `token-use accesstoken`. */
export function summary(unit: CodeUnit): string[] {
  return unit.events.map((e) => {
    const variable = 'variable' in e ? ` ${e.variable}` : '';
    const client = e.kind === 'rest-call' ? ` ${e.client}` : '';
    return `${e.kind}${variable}${client}`;
  });
}
