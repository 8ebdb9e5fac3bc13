/**
 * OLE Automation dates: fractional days since midnight, 1899-12-30 (see studio-semantics.ts, DATES). Conversions
 * between simulated Unix seconds, OLE days and the text forms Studio documents.
 */

const SECONDS_PER_DAY = 86_400;
/** Days from 1899-12-30 to 1970-01-01. */
const UNIX_EPOCH_OLE = 25_569;
/** 100 ns ticks from 0001-01-01 to 1970-01-01 (.NET DateTime ticks of the Unix epoch). */
const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;

export function oleFromUnixSeconds(unixSeconds: number): number {
  return unixSeconds / SECONDS_PER_DAY + UNIX_EPOCH_OLE;
}

export function unixSecondsFromOle(ole: number): number {
  return (ole - UNIX_EPOCH_OLE) * SECONDS_PER_DAY;
}

/** `timestamp`: 100 ns intervals since 0001-01-01 UTC, as the text of an integer. */
export function timestampText(unixSeconds: number): string {
  const ticks = BigInt(Math.round(unixSeconds * 1_000)) * 10_000n;
  return (UNIX_EPOCH_TICKS + ticks).toString();
}

export type DateTextForm = 'date-time' | 'date' | 'time' | 'rfc1123';

const pad2 = (n: number): string => String(n).padStart(2, '0');
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The text form of a date (Reserved Variables): `MM/dd/yyyy hh:mm:ss tt` for a date and time, `MM/DD/YYYY` for a
 * day, `hh:mm:ss tt` for a time of day, RFC 1123 for `gmt`. The OLE value is read as wall-clock time in its own zone.
 */
export function formatOleDate(ole: number, form: DateTextForm): string {
  const ms = Math.round(unixSecondsFromOle(ole) * 1000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ole);
  const month = pad2(d.getUTCMonth() + 1);
  const day = pad2(d.getUTCDate());
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const hours24 = d.getUTCHours();
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  const clock = `${pad2(hours12)}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${hours24 < 12 ? 'AM' : 'PM'}`;
  switch (form) {
    case 'date':
      return `${month}/${day}/${year}`;
    case 'time':
      return clock;
    case 'date-time':
      return `${month}/${day}/${year} ${clock}`;
    case 'rfc1123':
      return (
        `${DAY_NAMES[d.getUTCDay()]}, ${day} ${MONTH_NAMES[d.getUTCMonth()]} ${year} ` +
        `${pad2(hours24)}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} GMT`
      );
  }
}

const DATE_TEXT = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?\s*$/;

/**
 * Reads the text of a `#"…"` date literal in the documented forms (`02/09/2023`, `02/09/2023 8:00 AM`,
 * `02/09/2023 16:30:05`) as an OLE date; undefined for any other text.
 */
export function parseDateText(text: string): number | undefined {
  const m = DATE_TEXT.exec(text);
  if (!m) return undefined;
  const [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let hours = m[4] === undefined ? 0 : Number(m[4]);
  const minutes = m[5] === undefined ? 0 : Number(m[5]);
  const seconds = m[6] === undefined ? 0 : Number(m[6]);
  const meridiem = m[7]?.toUpperCase();
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined; // 02/30 and the like
  return oleFromUnixSeconds(ms / 1000);
}
