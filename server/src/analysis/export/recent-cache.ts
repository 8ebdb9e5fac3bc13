/**
 * A cache that keeps at most `capacity` values, dropping the least recently used: what the token-age passes keep per
 * acquiring action (or per search start) is as large as the graph, so an export with very many of them must not keep
 * them all. A dropped value is computed again when asked for, with the same result.
 */
export class RecentCache<K, V> {
  // A Map iterates in insertion order: re-inserting on every hit makes the first key the least recently used.
  private readonly values = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K, make: () => V): V {
    const kept = this.values.get(key);
    if (kept !== undefined) {
      this.values.delete(key);
      this.values.set(key, kept);
      return kept;
    }
    const made = make();
    if (this.values.size >= this.capacity) this.values.delete(this.values.keys().next().value!);
    this.values.set(key, made);
    return made;
  }
}
