import { type Position, TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../common/settings';
import { runSteps } from '../common/steps';
import { Analysis, type DocumentKind, snippetCharactersModelled } from '../service';
import { warmUpExport, warmUpText } from './warm-up-sample';

/**
 * How many times the sample is linted: enough for V8 to optimise the hot functions. Measured over stdio on a 2,000-line
 * script, p95 of the first 20 edits after a 2.5–3 s pause: 20–23 ms after 40 runs, 12–13 after 80, 10.5–11 after 150
 * and 250, against 7.5–8 ms once warm. 150 runs take about 0.55 s of idle time on the .snippet sample (0.8 s of CPU
 * with the GC threads) and 1.1 s on the 40-action export (1.7 s of CPU).
 */
export const WARM_UP_RUNS = 150;

/**
 * The run count, unless the environment sets STUDIO_LSP_WARM_UP_RUNS (a whole number; 0 turns the warm-up off), so
 * that `npm run bench` can time the first edits with and without it in the same runs.
 */
export function warmUpRunsOf(env: NodeJS.ProcessEnv): number {
  const value = env.STUDIO_LSP_WARM_UP_RUNS;
  return value !== undefined && /^\d{1,4}$/.test(value) ? Number(value) : WARM_UP_RUNS;
}

/** How long the server must have had no document event before a warm-up run: runs go in the user's pauses. */
const QUIET_MS = 100;

/** A running warm-up; `stop` ends it before the next run (at shutdown). */
export interface WarmUp {
  stop(): void;
  /**
   * A document opened or changed: the next run waits until the server has been quiet for a while. Its kind picks the
   * sample the later runs edit (a `.snippet` or an export): the kind of document being worked on.
   */
  noteActivity(kind?: DocumentKind): void;
  /**
   * Work that pauses for the event loop (a pull waits for the client's settings, then analyses in slices): no run
   * goes ahead until it has settled and the server has been quiet for a while after it.
   */
  whileBusy<T>(work: () => Promise<T>): Promise<T>;
  /** Settles after the last run (or at once when stopped). */
  readonly done: Promise<void>;
}

/** The clock and the timer the warm-up waits with (tests drive both). */
export interface WarmUpClock {
  now(): number;
  later(callback: () => void, ms: number): void;
}

const REAL_CLOCK: WarmUpClock = {
  now: () => performance.now(),
  later: (callback, ms) => void setTimeout(callback, ms),
};

/**
 * Lints a bundled sample WARM_UP_RUNS times right after the server starts, the way an edit is linted
 * (`editAndAnalyse`): lsp/warm-up-sample.ts as a .snippet (`warmUpText`) or as a 40-action export (`warmUpExport`),
 * whichever kind of document was last opened or changed, in turn until one is. Documents the server analyses
 * meanwhile count toward the runs. Without it the first edits of a session pay for V8's compilation (issue 17: p95
 * 64 ms on the first 100 edits of a 2,000-line script against 11–13 ms once warm). Runs go in idle time: one per turn
 * of the event loop, and none until no document has opened or changed for QUIET_MS, so a request waits for one short
 * run at most and the warm-up never competes with a burst of edits. A failure ends the warm-up quietly (it is an
 * optimisation, never a feature). The samples and their analyses are let go once it is done.
 */
export function startJitWarmUp(runs: number = warmUpRunsOf(process.env), clock: WarmUpClock = REAL_CLOCK): WarmUp {
  let stopped = false;
  // Counted from the start: the client opens its first documents right after `initialized`, before any run.
  let lastActivity = clock.now();
  let busy = 0;
  let preferred: DocumentKind | undefined;
  const start = snippetCharactersModelled();
  const done = new Promise<void>((resolve) => {
    // Declared here, so that only the runs hold the samples and their latest analyses: nothing stays once they end.
    const snippet = warmUpSubject('studio-token-lens:warm-up.snippet', 'cxone-snippet', warmUpText());
    const studioExport = warmUpSubject('studio-token-lens:warm-up.xml', 'xml', warmUpExport());
    // The goal is `runs` runs, and the documents the server analyses meanwhile count too (each .snippet sample's
    // worth of Snippet as a run), so a session that opens many documents at start skips runs its own work has made
    // unneeded.
    const sampleLength = snippet.document.getText().length;
    let own = 0;
    const step = (run: number): void => {
      const others = snippetCharactersModelled() - start - own;
      if (stopped || run + others / sampleLength >= runs) {
        resolve();
        return;
      }
      const quietFor = clock.now() - lastActivity;
      if (busy > 0 || quietFor < QUIET_MS) {
        clock.later(() => step(run), busy > 0 ? QUIET_MS : QUIET_MS - quietFor);
        return;
      }
      try {
        const before = snippetCharactersModelled();
        const kind = preferred ?? (run % 2 === 0 ? 'snippet' : 'export');
        editAndAnalyse(kind === 'export' ? studioExport : snippet);
        own += snippetCharactersModelled() - before;
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
    noteActivity: (kind) => {
      lastActivity = clock.now();
      if (kind === 'export' || kind === 'snippet') preferred = kind;
    },
    whileBusy: async (work) => {
      busy++;
      lastActivity = clock.now();
      try {
        return await work();
      } finally {
        busy--;
        lastActivity = clock.now();
      }
    },
    done,
  };
}

/** One warm-up document: its current version, where the edits type, and its latest analysis. */
interface WarmUpSubject {
  document: TextDocument;
  readonly at: Position;
  edits: number;
  previous: Analysis | undefined;
}

function warmUpSubject(uri: string, languageId: string, text: string): WarmUpSubject {
  const document = TextDocument.create(uri, languageId, 0, text);
  const at = document.positionAt(text.indexOf('"https://') + '"https://'.length);
  return { document, at, edits: 0, previous: undefined };
}

/**
 * An edit as the server meets one: a character typed in a URL, or taken out again (the text alternates between two
 * versions), the document updated incrementally, analysed with its previous version at hand (an export keeps its
 * unchanged actions' parse), every rule run and each finding's range turned into positions.
 */
function editAndAnalyse(subject: WarmUpSubject): void {
  const { at } = subject;
  const change =
    subject.edits++ % 2 === 0
      ? { range: { start: at, end: at }, text: 'x' }
      : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
  const document = TextDocument.update(subject.document, [change], subject.document.version + 1);
  subject.document = document;
  const input = { name: document.uri, languageId: document.languageId, text: document.getText() };
  const analysis = runSteps(Analysis.steps(input, DEFAULT_SETTINGS, subject.previous));
  subject.previous = analysis;
  for (const finding of analysis?.findings ?? []) {
    document.positionAt(finding.range.start);
    document.positionAt(finding.range.end);
  }
}
