/**
 * A computation in steps: each `yield` marks a point where whoever runs it may pause it (so that other work gets in)
 * or drop it (when its result is no longer wanted). Steps are coarse (a statement at the top level of a script, an
 * action of an export, a rule), so a pause point costs nothing measurable. `runSteps` runs one to the end at once;
 * the language server runs them in time slices (lsp/cooperative.ts).
 */
export type Steps<T> = Generator<void, T, undefined>;

/** Runs steps to the end, without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
