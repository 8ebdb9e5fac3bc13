import type { CodeUnit, FlowModel } from '../analysis/model/flow-model';
import { eventsOfKind } from '../analysis/model/queries';
import type { TokenAge } from '../analysis/model/token-age';

/** A token carried from the action that acquires it to an action that sends it. */
export interface TokenPath {
  /** The variable as the model folds it (lower case). */
  readonly variable: string;
  readonly from: number;
  readonly to: number;
  readonly age: TokenAge;
}

/** A diagram of a large export stays readable: at most this many paths are drawn. */
export const MAX_TOKEN_PATHS = 40;

/**
 * Every token path of an export: for each token sent in a SNIPPET action that did not fetch it itself just before,
 * each earlier SNIPPET action that acquires a variable of that name and can run before it, with the worst-case age
 * over the flow (model/token-age.ts). `actionOf` maps a model unit to its action id.
 */
export function tokenPathsOf(model: FlowModel, actionOf: (unit: CodeUnit) => number | undefined): TokenPath[] {
  const age = model.flow.worstCaseAge?.bind(model.flow);
  if (!age) return [];
  const acquiring = new Map<string, CodeUnit[]>();
  for (const unit of model.units) {
    for (const event of eventsOfKind(unit, 'token-acquire')) {
      const list = acquiring.get(event.variable) ?? [];
      if (!list.includes(unit)) list.push(unit);
      acquiring.set(event.variable, list);
    }
  }
  const paths: TokenPath[] = [];
  const seen = new Set<string>();
  for (const unit of model.units) {
    const to = actionOf(unit);
    if (to === undefined) continue;
    for (const use of eventsOfKind(unit, 'token-use')) {
      // Fetched in this action before the use: nothing is carried across the flow.
      const own = eventsOfKind(unit, 'token-acquire').some((a) => a.variable === use.variable && a.order < use.order);
      if (own) continue;
      for (const source of acquiring.get(use.variable) ?? []) {
        const from = actionOf(source);
        const key = `${use.variable}:${from}:${to}`;
        if (from === undefined || seen.has(key)) continue;
        seen.add(key);
        const found = age(source.id, unit.id);
        if (found) paths.push({ variable: use.variable, from, to, age: found });
        if (paths.length >= MAX_TOKEN_PATHS) return paths;
      }
    }
  }
  return paths;
}
