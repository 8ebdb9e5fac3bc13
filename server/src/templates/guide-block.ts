import { LineWriter, type CodeLine, type Notation } from './layout';

/** How guide-notation code is framed. Ignored for Snippet. */
export interface GuideBlockOptions {
  /**
   * Guide notation: wrap the code in `SNIPPET` … `END SNIPPET` (default true). False gives the body alone, for
   * inserting into an existing SNIPPET block.
   */
  readonly snippetBlock?: boolean;
  /**
   * Guide notation, with `snippetBlock`: follow END SNIPPET with the guide's flow branch on the error variable,
   * `DECISION "{strApiError}" = ""` and its YES / NO lines (default false).
   */
  readonly errorDecision?: boolean;
}

/** Frames a guide-notation body; Snippet code is returned as it is. */
export function frameForNotation(
  notation: Notation,
  body: readonly CodeLine[],
  options: GuideBlockOptions,
  errorVariable: string,
): CodeLine[] {
  if (notation === 'snippet' || options.snippetBlock === false) return [...body];
  const w = new LineWriter().line('SNIPPET').append(body).line('END SNIPPET');
  if (options.errorDecision) {
    w.line(`DECISION "{${errorVariable}}" = ""`);
    w.line('YES --> [Continue: the API data is valid]');
    w.line(`NO --> [Error path: set defaults, route to the general queue, log ${errorVariable}]`);
  }
  return w.lines;
}
