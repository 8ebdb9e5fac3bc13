import type { Value } from './values';

/**
 * The variables of one contact, shared by every SNIPPET action of the script (studio-semantics.ts, NAMES). Keys are
 * case-folded names; `global:x` is kept under its own key.
 */
export class VariableStore {
  private readonly values = new Map<string, Value>();

  static key(folded: string, global: boolean): string {
    return global ? `global:${folded}` : folded;
  }

  get(key: string): Value | undefined {
    return this.values.get(key);
  }

  set(key: string, value: Value): void {
    this.values.set(key, value);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  entries(): IterableIterator<[string, Value]> {
    return this.values.entries();
  }
}
