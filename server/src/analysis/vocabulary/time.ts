/**
 * What "now" is and how times are counted, in both notations. The extractors read their own syntax trees and ask
 * these questions about the names they find; the forms that exist in one notation only are marked so.
 *
 * Real Snippet: dates are OLE Automation day counts (`utc`, `now`, `now()`, `getdate()`), so seconds are divided by
 * 86400, and `dateadd("s", 3600, now)` adds a lifetime. The guide's notation: JavaScript times in milliseconds
 * (`Date.now()`, `new Date().getTime()`), usually turned into seconds (`Math.floor(Date.now() / 1000)`).
 */

/**
 * Names that say "the current time": `now`, `utc`, `utcNow`, `nowUtc`, `currentTime`, `nowSeconds`, `timeNow`,
 * `unixTime`, `epochNow`, `currentTimestamp` (folded).
 */
const NOW_NAME = new RegExp(
  `^(?:${[
    'now',
    'now_?(?:s|sec|secs|seconds|ms|ts|time|unix|epoch|utc)',
    'current_?(?:time|timestamp|ts|epoch|unix)(?:_?(?:s|sec|secs|seconds|ms))?',
    'time_?now',
    'unix_?(?:now|time)',
    'epoch_?now',
    'utc',
    'utc_?now',
    // Snippet's reserved `timestamp`: 100 ns ticks since 0001-01-01 UTC.
    'timestamp',
  ].join('|')})$`,
);

/** First letters of every now name: most names start otherwise and need no pattern (this runs for every name). */
const NOW_NAME_INITIALS = new Set(['n', 'c', 't', 'u', 'e']);

export function isNowName(folded: string): boolean {
  return NOW_NAME_INITIALS.has(folded.charAt(0)) && NOW_NAME.test(folded);
}

/** How a value of "now" counts time. */
export type TimeUnit = 'days' | 'seconds' | 'milliseconds' | 'ticks';

/** Seconds in one unit of each way of counting time (`timestamp` counts 100 ns ticks). */
export const SECONDS_PER_UNIT: Readonly<Record<TimeUnit, number>> = {
  days: 86400,
  seconds: 1,
  milliseconds: 0.001,
  ticks: 1e-7,
};

const SECONDS_NAME =
  /(?:^|_|now|time|current|unix|epoch)(?:s|ts|sec|secs|seconds|unix|epoch)$|^unix_?(?:now|time)$|^epoch_?now$/;
const MILLISECONDS_NAME = /ms$|millis/;

/**
 * The unit a now name says it counts in: Snippet's `timestamp` counts ticks, `nowSeconds`/`unixTime` seconds,
 * `nowMs` milliseconds. Undefined when the name does not say (`utc`, `now`, `currentTime`): then the notation decides
 * (real Snippet: day counts; the guide's notation: seconds).
 */
export function nowNameUnit(folded: string): TimeUnit | undefined {
  if (folded === 'timestamp') return 'ticks';
  if (MILLISECONDS_NAME.test(folded)) return 'milliseconds';
  if (SECONDS_NAME.test(folded)) return 'seconds';
  return undefined;
}

/** Functions that return the current time: `now()`, `utcnow()`, `getdate()`, `getutcdate()`, `currentdatetime()`. */
const NOW_FUNCTIONS: ReadonlySet<string> = new Set([
  'now',
  'utc',
  'utcnow',
  'nowutc',
  'getdate',
  'getutcdate',
  'currentdatetime',
]);

export function isNowFunctionName(folded: string): boolean {
  return NOW_FUNCTIONS.has(folded);
}

/**
 * Methods that turn a time into the same instant in another form: Snippet's `asutc()`, `asgmt()`, `aslocal()`,
 * `asdatetime()`, `asnumber()`; JavaScript's `getTime()`, `valueOf()`. (Not `datepart()`, `asdate()` or
 * `getHours()`: a part of a time is no longer "now".)
 */
const SAME_INSTANT_METHODS: ReadonlySet<string> = new Set([
  'asutc',
  'asgmt',
  'aslocal',
  'asdatetime',
  'asnumber',
  'gettime',
  'valueof',
]);

export function isSameInstantMethod(folded: string): boolean {
  return SAME_INSTANT_METHODS.has(folded);
}

/** The guide's notation only: `Date.now()` is a method `now` called on the class `Date`. */
export function isNowMethodCall(objectFolded: string, methodFolded: string): boolean {
  return objectFolded === 'date' && methodFolded === 'now';
}

/** The guide's notation only: `new Date()` (no arguments) is the current time. */
export function isNowConstruction(classFolded: string, argumentCount: number): boolean {
  return classFolded === 'date' && argumentCount === 0;
}

/**
 * The guide's notation only: functions that round or parse a number and keep its meaning
 * (`Math.floor(Date.now() / 1000)` is still now, in seconds).
 */
const NUMBER_CONVERSIONS: ReadonlySet<string> = new Set(['floor', 'round', 'ceil', 'trunc', 'parseint', 'number']);

export function isNumberConversionName(folded: string): boolean {
  return NUMBER_CONVERSIONS.has(folded);
}

/** Snippet dates are day counts: `3600 / 86400` is an hour. */
export const SECONDS_PER_DAY = 86400;

/** JavaScript times are milliseconds: `3600 * 1000` is an hour. */
export const MILLISECONDS_PER_SECOND = 1000;

/**
 * A number of days as seconds. Authors write rounded day fractions (`0.0416` for an hour, `0.00347` for five
 * minutes), so a result within 1% of a whole minute is snapped to it; otherwise it is rounded to the second.
 */
export function daysToSeconds(days: number): number {
  const seconds = days * SECONDS_PER_DAY;
  const minutes = Math.round(seconds / 60);
  if (minutes !== 0 && Math.abs(seconds - minutes * 60) <= Math.abs(minutes * 60) * 0.01) return minutes * 60;
  return Math.round(seconds);
}

/** Snippet's `dateadd(unit, amount, date)`: seconds per unit, for the units a lifetime is written in. */
const DATEADD_UNIT_SECONDS: ReadonlyMap<string, number> = new Map([
  ['s', 1],
  ['ss', 1],
  ['second', 1],
  ['seconds', 1],
  ['n', 60],
  ['mi', 60],
  ['minute', 60],
  ['minutes', 60],
  ['h', 3600],
  ['hh', 3600],
  ['hour', 3600],
  ['hours', 3600],
  ['d', 86400],
  ['dd', 86400],
  ['day', 86400],
  ['days', 86400],
]);

/** Seconds in one `dateadd` unit (`"s"`, `"minutes"`, `"hh"`, trimmed and folded), or undefined for other units. */
export function dateAddUnitSeconds(unit: string): number | undefined {
  return DATEADD_UNIT_SECONDS.get(unit);
}

export function isDateAddFunction(folded: string): boolean {
  return folded === 'dateadd';
}

/** Snippet's `datediff(unit, from, to)`: how many units `to` is after `from`. */
export function isDateDiffFunction(folded: string): boolean {
  return folded === 'datediff';
}
