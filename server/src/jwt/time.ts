/**
 * Pure time formatting for the JWT hover. Inputs are seconds (JWT NumericDates are unix seconds); amounts are
 * truncated to whole units, so "expires in 4 min" never promises more time than is left.
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;
/** The largest magnitude a JavaScript Date can hold, in milliseconds. */
const MAX_DATE_MS = 8.64e15;

/**
 * ISO 8601 in UTC, without milliseconds when there are none: "2024-01-01T00:00:00Z". Undefined when no Date can hold
 * it.
 */
export function formatUtc(unixSeconds: number): string | undefined {
  if (!Number.isFinite(unixSeconds)) return undefined;
  const ms = unixSeconds * 1000;
  if (Math.abs(ms) > MAX_DATE_MS) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * A magnitude in the largest fitting unit, truncated: "45 seconds", "14 min", "1 hour", "3 days", "2 months", "2
 * years".
 */
export function formatAmount(seconds: number): string {
  const s = Math.floor(Math.abs(seconds));
  if (s < MINUTE) return plural(s, 'second');
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min`;
  if (s < DAY) return plural(Math.floor(s / HOUR), 'hour');
  if (s < MONTH) return plural(Math.floor(s / DAY), 'day');
  if (s < YEAR) return plural(Math.floor(s / MONTH), 'month');
  return plural(Math.floor(s / YEAR), 'year');
}

/**
 * A signed offset from now (`target - now`, positive = future) as "in 14 min", "2 years ago" or, under a second,
 * "just now".
 */
export function formatRelative(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'at an unknown time';
  if (Math.abs(seconds) < 1) return 'just now';
  return seconds > 0 ? `in ${formatAmount(seconds)}` : `${formatAmount(seconds)} ago`;
}

/** A compact duration with at most two units, truncated: "45 s", "1 min 30 s", "1 h", "1 h 30 min", "2 d 3 h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const sign = seconds < 0 ? '-' : '';
  const s = Math.floor(Math.abs(seconds));
  const units: ReadonlyArray<readonly [number, string]> = [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'min'],
    [1, 's'],
  ];
  let index = units.findIndex(([size]) => s >= size);
  if (index < 0) index = units.length - 1;
  const [size, name] = units[index]!;
  const major = `${sign}${Math.floor(s / size)} ${name}`;
  const next = units[index + 1];
  if (!next) return major;
  const minor = Math.floor((s % size) / next[0]);
  return minor > 0 ? `${major} ${minor} ${next[1]}` : major;
}

/** Seconds and, from a minute up, the human form: "3600 s (1 h)", "45 s". */
export function formatLifetime(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  return Math.abs(seconds) < MINUTE ? `${seconds} s` : `${seconds} s (${formatDuration(seconds)})`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
