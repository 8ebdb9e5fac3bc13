import { performance } from 'node:perf_hooks';
import type { Steps } from '../common/steps';

/**
 * How long analysis runs before it lets the event loop in. Messages that arrived meanwhile (a hover on another
 * document, a cancellation, `shutdown`) are read and answered before the analysis goes on, so no request waits for
 * more than about two slices behind an analysis, however large the document.
 */
const SLICE_MS = 8;

export type SliceOutcome<T> = { readonly done: true; readonly value: T } | { readonly done: false };

/**
 * Runs `steps` in slices of about SLICE_MS, yielding to the event loop between them. After each pause `isStale` is
 * asked whether the result is still wanted (the document changed, the request was cancelled); if not, the steps are
 * dropped (`return()`: they keep nothing half-made) and the outcome says so.
 */
export async function runInSlices<T>(steps: Steps<T>, isStale: () => boolean): Promise<SliceOutcome<T>> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return { done: true, value: next.value };
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (isStale()) {
      steps.return(undefined as never);
      return { done: false };
    }
    sliceStart = performance.now();
  }
}
