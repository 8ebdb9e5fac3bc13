import { type ActionRecord, OutputMasker, type RequestRecord, type SimulationResult } from '../../service';

/** Contacts whose whole timeline the text output shows; JSON lists every request of every contact. */
const TIMELINE_CONTACTS = 3;
/** Actions shorter than this are not timeline lines of their own. */
const SHOWN_ACTION_SECONDS = 1;

/** `hh:mm:ss.s` of simulated seconds. */
export function clockText(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const h = Math.floor(tenths / 36_000);
  const m = Math.floor((tenths % 36_000) / 600);
  const s = (tenths % 600) / 10;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${s.toFixed(1).padStart(4, '0')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface Line {
  readonly time: number;
  readonly order: number;
  readonly cells: readonly string[];
}

function requestLine(r: RequestRecord, masker: OutputMasker, order: number): Line {
  const status = r.status === null ? `failed (${r.failure ?? 'no answer'})` : String(r.status);
  let token = '';
  if (r.kind === 'token') token = 'token request';
  else if (r.token) token = `${clockText(r.token.ageSeconds)}${r.token.expired ? '  EXPIRED' : ''}`;
  else token = 'no issued token';
  return {
    time: r.time,
    order,
    cells: [
      clockText(r.time),
      masker.mask(r.action),
      String(r.line),
      `${r.method} ${masker.mask(r.url)}`,
      status,
      token,
    ],
  };
}

function actionLine(a: ActionRecord, masker: OutputMasker, order: number): Line {
  return {
    time: a.time,
    order,
    cells: [clockText(a.time), masker.mask(a.action), '', `(takes ${clockText(a.durationSeconds)})`, '', ''],
  };
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The readable report: per contact a timeline (time, action, line, request, status, token age), then a summary. */
export function formatSimulationText(file: string, result: SimulationResult): string {
  const masker = new OutputMasker(result.secrets);
  const out: string[] = [];
  const runs = result.runs === null ? '' : `, ${plural(result.runs, 'run')} per contact`;
  out.push(
    `${file}: ${plural(result.contacts, 'contact')} of ${clockText(result.durationSeconds)}, ` +
      `tokens valid ${result.tokenLifetimeSeconds} s${runs}`,
  );
  const shown = Math.min(result.contacts, TIMELINE_CONTACTS);
  for (let contact = 1; contact <= shown; contact++) {
    const lines: Line[] = [];
    let order = 0;
    for (const a of result.actions) {
      if (a.contact === contact && a.type !== 'SNIPPET' && a.durationSeconds >= SHOWN_ACTION_SECONDS)
        lines.push(actionLine(a, masker, order++));
    }
    for (const r of result.requests) if (r.contact === contact) lines.push(requestLine(r, masker, order++));
    lines.sort((a, b) => a.time - b.time || a.order - b.order);
    out.push('', `Contact ${contact}`);
    if (lines.length === 0) {
      out.push('  (no requests)');
      continue;
    }
    const header = ['time', 'action', 'line', 'request', 'status', 'token age'];
    for (const row of table([header, ...lines.map((l) => l.cells)])) out.push(`  ${row}`);
  }
  if (result.contacts > shown)
    out.push('', `… and ${plural(result.contacts - shown, 'more contact')} (--format json lists every request)`);
  if (result.errors.length > 0) {
    out.push('', 'Errors');
    for (const e of result.errors.slice(0, 50))
      out.push(
        `  ${file}:${e.line}:${e.column}  contact ${e.contact} at ${clockText(e.time)}, ` +
          `${masker.mask(e.action)}: ${masker.mask(e.message)}`,
      );
    if (result.errors.length > 50) out.push(`  … and ${result.errors.length - 50} more`);
  }
  const s = result.summary;
  out.push(
    '',
    `Summary: ${plural(s.tokenRequests, 'token request')}, ${plural(s.apiRequests, 'API request')}; ` +
      `${s.expiredTokenRequests} sent an expired token; ${s.status401} answered 401; ` +
      `${plural(s.runtimeErrors, 'runtime error')}.`,
  );
  return `${out.join('\n')}\n`;
}
