/**
 * Node.js options every launch of the language server gets (the VS Code client's fork, and the protocol tests and
 * benchmarks, which import this list so that they measure what ships).
 *
 * `--max-semi-space-size=8`: V8's young generation is two semi-spaces that grow to 16 MiB each (64-bit Node 20) while
 * an analysis allocates, and they stay committed until V8's memory reducer shrinks them in idle time. Each edit of a
 * 2,000-line script allocates about 3.8 MB. Measured over stdio, fresh servers in turn (edits 21–200; 50 documents of
 * 2,000 lines for RSS):
 *
 * | semi-space | p50 / p95, 2k lines | p95, 20k lines | RSS after the 50th pull | RSS once idle |
 * |---|---|---|---|---|
 * | 1 MiB  | 5.0 / 11.2–11.5 ms | 73.5–74.9 ms | 111 MiB | 85 MiB |
 * | 4 MiB  | 4.5 / 9.0–10.8 ms  |              | 114 MiB | 83 MiB |
 * | 8 MiB  | 4.5 / 7.5–8.1 ms   | 60.7–64.5 ms | 125 MiB | 88 MiB |
 * | 16 MiB (V8's default) | 3.6 / 7.6–8.3 ms | 61.3–64.3 ms | 145 MiB | 83 MiB |
 *
 * With 1 MiB the analysis being built is copied out of the young generation several times per edit and promoted, and
 * garbage collection took 40% of the server's busy time (25% at 16 MiB). 8 MiB keeps the p95 of 16 MiB at 20 MiB less
 * peak RSS. A documented Node option, also allowed in NODE_OPTIONS.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=8'];
