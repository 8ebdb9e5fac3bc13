/**
 * A bug of ours found at run time (a rule or a fix that threw). The product keeps going (one broken rule must not
 * hide the others' findings, one broken fix must not take the code-action menu down), but never silently: every
 * such error goes to the sink. By default the sink is `console.error`, which the language server forwards to the
 * client's output and the CLI prints on stderr; the test suites install a sink that fails the running test.
 */
export type InternalErrorSink = (where: string, error: unknown) => void;

const consoleSink: InternalErrorSink = (where, error) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`studio-token-lens: internal error in ${where}: ${detail}`);
};

let sink: InternalErrorSink = consoleSink;

export function reportInternalError(where: string, error: unknown): void {
  sink(where, error);
}

/** Replaces the sink (tests); returns a function that puts the previous one back. */
export function setInternalErrorSink(next: InternalErrorSink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}
