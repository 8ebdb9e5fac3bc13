/**
 * Node.js options every launch of the language server gets (the VS Code client's fork, and the protocol tests and
 * benchmarks, which import this list so that they measure what ships).
 *
 * `--max-semi-space-size=1`: V8's young generation is two semi-spaces that grow to 16 MiB each (64-bit Node 20) while
 * an analysis allocates; they stay committed, so the server's RSS carried 32 MiB of young generation whatever it
 * kept. At 1 MiB each, with 50 open 2,000-line documents, RSS went from 159 to 116–124 MiB and the V8 heap in use
 * (no GC forced) from 78 to 50–60 MiB; the server's CPU time per edit → diagnostics stayed the same at 2,000 and
 * 20,000 lines (`npm run bench`; figures in the commit that set it). A documented Node option, also allowed in
 * NODE_OPTIONS.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=1'];
