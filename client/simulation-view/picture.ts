import type { SimulatedRequest, SimulationReport } from '../../server/src/common/protocol-ids';
import type { StatusClass } from '../src/simulation-messages';

/**
 * What the simulation view draws for one contact, as plain data (no DOM, no chart library), so that it can be tested
 * on its own: the token-age lines, the request marks by status, the long-running action bands, the expiry line, the
 * axes, and the timeline table.
 */

export const STATUS_CLASSES: readonly StatusClass[] = ['ok', 'unauthorized', 'otherStatus', 'noAnswer'];

export const STATUS_LABELS: Readonly<Record<StatusClass, string>> = {
  ok: '2xx',
  unauthorized: '401 / 403',
  otherStatus: 'other status',
  noAnswer: 'no answer',
};

export function statusClassOf(status: number | null): StatusClass {
  if (status === null) return 'noAnswer';
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return 'unauthorized';
  return 'otherStatus';
}

/** A point of the token-age line; `y: null` ends one token's line before the next one starts. */
export interface LinePoint {
  readonly x: number;
  readonly y: number | null;
}

/** How a mark is drawn: a token request, an API request with an issued token, one without. */
export type MarkShape = 'token' | 'withToken' | 'withoutToken';

export interface Mark {
  readonly x: number;
  /** The age of the token it carried (0 for token requests and requests without an issued token). */
  readonly y: number;
  readonly shape: MarkShape;
  /** One line of text about the request (its tooltip). */
  readonly text: string;
}

export interface Band {
  readonly start: number;
  readonly end: number;
  /** The action type, written on the band when it is wide enough. */
  readonly label: string;
  /** The action and why it can keep a contact waiting. */
  readonly text: string;
}

export interface Picture {
  readonly contact: number;
  readonly tokenLine: readonly LinePoint[];
  readonly tokenLines: number;
  readonly marks: Readonly<Record<StatusClass, readonly Mark[]>>;
  readonly bands: readonly Band[];
  /** Token age at which a token expires (the horizontal line). */
  readonly expiry: number;
  readonly xMax: number;
  readonly xStep: number;
  readonly yMax: number;
  readonly yStep: number;
}

/** Tick steps in seconds: the first that gives at most MAX_TICKS ticks is used. */
const STEPS = [1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800];
const MAX_TICKS = 10;

export function tickStep(range: number): number {
  return STEPS.find((step) => range / step <= MAX_TICKS) ?? Math.ceil(range / MAX_TICKS / 86_400) * 86_400;
}

export function contactsOf(report: SimulationReport): number[] {
  return Array.from({ length: report.contacts }, (_, i) => i + 1);
}

export function pictureOf(report: SimulationReport, contact: number): Picture {
  const tokenLine: LinePoint[] = [];
  let tokenLines = 0;
  let highest = report.tokenLifetimeSeconds;
  for (const token of report.tokens) {
    if (token.contact !== contact) continue;
    const age = token.heldUntil - token.issuedAt;
    tokenLine.push({ x: token.issuedAt, y: 0 }, { x: token.heldUntil, y: age }, { x: token.heldUntil, y: null });
    tokenLines++;
    highest = Math.max(highest, age);
  }
  const marks: Record<StatusClass, Mark[]> = { ok: [], unauthorized: [], otherStatus: [], noAnswer: [] };
  let latest = report.durationSeconds;
  for (const request of report.requests) {
    if (request.contact !== contact) continue;
    const y = request.token?.ageSeconds ?? 0;
    const shape: MarkShape = request.kind === 'token' ? 'token' : request.token ? 'withToken' : 'withoutToken';
    marks[statusClassOf(request.status)].push({ x: request.time, y, shape, text: requestText(request) });
    highest = Math.max(highest, y);
    latest = Math.max(latest, request.time);
  }
  const bands: Band[] = [];
  for (const band of report.bands) {
    if (band.contact !== contact) continue;
    const end = band.time + band.durationSeconds;
    bands.push({
      start: band.time,
      end,
      label: band.type,
      text: `${band.action} ${clockText(band.time)}–${clockText(end)}: ${band.reason}`,
    });
  }
  const xStep = tickStep(latest);
  // Room above the highest line or mark, so the expiry line is never the chart's top edge.
  const yStep = tickStep(highest * 1.1);
  return {
    contact,
    tokenLine,
    tokenLines,
    marks,
    bands,
    expiry: report.tokenLifetimeSeconds,
    xMax: latest,
    xStep,
    yMax: Math.ceil((highest * 1.05) / yStep) * yStep,
    yStep,
  };
}

/**
 * `h:mm:ss`, with tenths when the time has them or when `tenths` asks for them always (the table's column, as the
 * CLI's timeline writes times).
 */
export function clockText(seconds: number, tenths = false): string {
  const all = Math.round(seconds * 10);
  const h = Math.floor(all / 36_000);
  const m = Math.floor((all % 36_000) / 600);
  const s = (all % 600) / 10;
  const sText = Number.isInteger(s) && !tenths ? String(s).padStart(2, '0') : s.toFixed(1).padStart(4, '0');
  return `${h}:${String(m).padStart(2, '0')}:${sText}`;
}

/** Axis labels: `h:mm`, or `h:mm:ss` when the step is under a minute. */
export function tickText(seconds: number, step: number): string {
  const text = clockText(Math.round(seconds));
  return step < 60 ? text : text.slice(0, -3);
}

export function statusText(request: SimulatedRequest): string {
  if (request.status === null) return `no answer (${request.failure ?? 'failed'})`;
  return String(request.status);
}

export function tokenAgeText(request: SimulatedRequest): string {
  if (request.kind === 'token') return 'token request';
  if (!request.token) return 'no issued token';
  return `${clockText(request.token.ageSeconds, true)}${request.token.expired ? ' expired' : ''}`;
}

function requestText(request: SimulatedRequest): string {
  return (
    `${clockText(request.time)} ${request.action}, line ${request.line}: ${request.method} ${request.url} → ` +
    `${statusText(request)}; token: ${tokenAgeText(request)}`
  );
}

export type RowTone = 'expired' | 'unauthorized' | 'failed' | 'error' | 'wait' | 'plain';

/** A row of the timeline table: the CLI's text timeline (time, action, line, request, status, token age). */
export interface TimelineRow {
  readonly time: string;
  readonly action: string;
  /** Where the request or error is in the document (1-based), when it has a place. */
  readonly place?: { readonly line: number; readonly column: number };
  readonly request: string;
  readonly status: string;
  readonly tokenAge: string;
  readonly tone: RowTone;
}

/** Requests, runtime errors and long-running actions of one contact, in time order. */
export function timelineOf(report: SimulationReport, contact: number): TimelineRow[] {
  const rows: { at: number; order: number; row: TimelineRow }[] = [];
  const add = (at: number, row: TimelineRow): void => {
    rows.push({ at, order: rows.length, row });
  };
  for (const band of report.bands) {
    if (band.contact !== contact) continue;
    add(band.time, {
      time: clockText(band.time, true),
      action: band.action,
      request: `(waits ${clockText(band.durationSeconds)})`,
      status: '',
      tokenAge: '',
      tone: 'wait',
    });
  }
  for (const request of report.requests) {
    if (request.contact !== contact) continue;
    const tone: RowTone = request.token?.expired
      ? 'expired'
      : request.status === 401 || request.status === 403
        ? 'unauthorized'
        : statusClassOf(request.status) === 'ok'
          ? 'plain'
          : 'failed';
    add(request.time, {
      time: clockText(request.time, true),
      action: request.action,
      place: { line: request.line, column: request.column },
      request: `${request.method} ${request.url}`,
      status: statusText(request),
      tokenAge: tokenAgeText(request),
      tone,
    });
  }
  for (const error of report.errors) {
    if (error.contact !== contact) continue;
    add(error.time, {
      time: clockText(error.time, true),
      action: error.action,
      place: { line: error.line, column: error.column },
      request: error.message,
      status: 'runtime error',
      tokenAge: '',
      tone: 'error',
    });
  }
  return rows.sort((a, b) => a.at - b.at || a.order - b.order).map((r) => r.row);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The heading line: what was simulated. */
export function settingsText(report: SimulationReport): string {
  const name = decodeURIComponent(report.file.split('/').pop() ?? report.file);
  const runs = report.runs === null ? '' : `, ${plural(report.runs, 'run')} of the SNIPPET`;
  return (
    `${name}: ${plural(report.contacts, 'contact')} of ${clockText(report.durationSeconds)}, tokens valid ` +
    `${clockText(report.tokenLifetimeSeconds)}${runs}`
  );
}

/** The summary line: the CLI's summary. */
export function summaryText(report: SimulationReport): string {
  const s = report.summary;
  return (
    `${plural(s.tokenRequests, 'token request')}, ${plural(s.apiRequests, 'API request')}; ` +
    `${s.expiredTokenRequests} sent an expired token; ${s.status401} answered 401; ` +
    `${plural(s.runtimeErrors, 'runtime error')}.`
  );
}
