/**
 * What the simulation view (client/simulation-view, a webview) and the extension tell each other. Types and constants
 * only: both sides bundle this file.
 */

/** The webview panel's view type (also `activeWebviewPanelId` in `when` clauses). */
export const SIMULATION_VIEW_TYPE = 'studioTokenLens.simulation';

/** The element whose text is the `SimulationReport` as JSON (a data block: never executed). */
export const SIMULATION_DATA_ID = 'simulation-data';

/** Request marks by the status they got. */
export type StatusClass = 'ok' | 'unauthorized' | 'otherStatus' | 'noAnswer';

/** What the view drew for one contact, counted from the chart and the table it made. */
export interface SimulationRendered {
  readonly type: 'rendered';
  readonly contact: number;
  /** Request marks the chart drew, by status class. */
  readonly marks: Readonly<Record<StatusClass, number>>;
  /** Token lines (one per token the contact held). */
  readonly tokenLines: number;
  /** Long-running action bands drawn. */
  readonly bands: number;
  readonly expiryLine: boolean;
  /** Rows of the timeline table, and those of requests that carried an expired token or were answered 401/403. */
  readonly rows: number;
  readonly expiredRows: number;
  readonly unauthorizedRows: number;
  /** Content security policy violations the view saw (none, unless something tried inline code or styles). */
  readonly cspViolations: readonly string[];
}

/** The user clicked a line number: show that place of the simulated document. */
export interface RevealLine {
  readonly type: 'reveal';
  /** 1-based, as in the report. */
  readonly line: number;
  readonly column: number;
}

export type SimulationViewMessage = SimulationRendered | RevealLine;
