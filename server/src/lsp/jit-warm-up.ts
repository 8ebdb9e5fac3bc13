import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../common/settings';
import { Analysis } from '../service/analysis';
import { WARM_UP_SAMPLE } from './warm-up-sample';

/** How many times the sample is linted: enough for V8 to optimise the hot functions (measured by the bench). */
export const WARM_UP_RUNS = 40;

/** A running warm-up; `stop` ends it before the next run (at shutdown). */
export interface WarmUp {
  stop(): void;
  /** Settles after the last run (or at once when stopped). */
  readonly done: Promise<void>;
}

/**
 * Lints a bundled sample (lsp/warm-up-sample.ts) a few dozen times right after the server starts, the way an edit is
 * linted: the text changed by an incremental edit, parsed, modelled, every rule run and each finding's range turned
 * into positions. Without it the first edits of a session pay for V8's compilation (issue 17: p95 64 ms on the
 * first 100 edits of a 2,000-line script against 11–13 ms once warm). One run per turn of the event loop
 * (setImmediate), so a request that arrives waits for one short run at most; a failure ends the warm-up quietly
 * (it is an optimisation, never a feature).
 */
export function startJitWarmUp(runs: number = WARM_UP_RUNS): WarmUp {
  let stopped = false;
  let document = TextDocument.create('studio-token-lens:warm-up.snippet', 'cxone-snippet', 0, WARM_UP_SAMPLE);
  const at = document.positionAt(WARM_UP_SAMPLE.indexOf('"https://') + '"https://'.length);
  const done = new Promise<void>((resolve) => {
    const step = (run: number): void => {
      if (stopped || run >= runs) {
        resolve();
        return;
      }
      try {
        // Type a character in a URL, then take it out again: the text alternates between two versions.
        const change =
          run % 2 === 0
            ? { range: { start: at, end: at }, text: 'x' }
            : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
        document = TextDocument.update(document, [change], document.version + 1);
        const text = document.getText();
        const analysis = Analysis.of({ name: 'warm-up.snippet', languageId: 'cxone-snippet', text }, DEFAULT_SETTINGS);
        for (const finding of analysis?.findings ?? []) {
          document.positionAt(finding.range.start);
          document.positionAt(finding.range.end);
        }
      } catch (error) {
        console.warn(`JIT warm-up stopped: ${error instanceof Error ? error.message : String(error)}`);
        resolve();
        return;
      }
      setImmediate(() => step(run + 1));
    };
    setImmediate(() => step(0));
  });
  return {
    stop: () => {
      stopped = true;
    },
    done,
  };
}
