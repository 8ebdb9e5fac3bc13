import { detachedCopy } from '../common/detached-string';
import type { TextRange } from '../common/text-range';

interface Entry<T> {
  readonly tag: string;
  /** The action's `<string>` content as written (a copy: the document's text is not kept). */
  readonly source: string;
  readonly contentStart: number;
  readonly value: T;
}

/**
 * Values derived from one export action's code that hold document offsets (symbol occurrences, folding regions), kept
 * per parse for the document's next versions. An action whose code did not change keeps its parse; the value is then
 * the one computed before, moved by the shift of the action's content, as long as that content is written the same
 * (the code's offset map is a function of it) and `tag` (what else the value depends on) is the same.
 */
export class PerActionCache<T> {
  private readonly entries = new WeakMap<object, Entry<T>>();

  constructor(private readonly move: (value: T, delta: number) => T) {}

  get(parse: object, text: string, contentRange: TextRange, tag: string, compute: () => T): T {
    const { start, end } = contentRange;
    const kept = this.entries.get(parse);
    if (kept && kept.tag === tag && kept.source.length === end - start && text.startsWith(kept.source, start)) {
      const delta = start - kept.contentStart;
      return delta === 0 ? kept.value : this.move(kept.value, delta);
    }
    const value = compute();
    this.entries.set(parse, { tag, source: detachedCopy(text.slice(start, end)), contentStart: start, value });
    return value;
  }
}
