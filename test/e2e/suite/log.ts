import { format } from 'node:util';

/**
 * Marks every line the suite prints, so that the runner can tell them from the workbench's own
 * log, which reaches it through the same channel. (The extension host forwards console output and
 * does not let extensions replace console methods, so the suite tags its lines itself.)
 */
export const SUITE_TAG = '~e2e~ ';

/** console.log for the suite: printf-style arguments, each line tagged. */
export function say(...args: unknown[]): void {
  console.log(format(...args).replace(/^/gm, SUITE_TAG));
}
