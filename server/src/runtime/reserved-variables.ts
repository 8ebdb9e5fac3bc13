import { oleFromUnixSeconds, timestampText } from './ole-date';
import type { SnippetHost } from './snippet-host';
import { DateValue, type Value } from './values';

/**
 * The read-only system variables the simulator computes from its clock (studio-semantics.ts, DATES and CONTACTID).
 * Keys are case-folded names. Other reserved names Studio lists (runscript, test, timeout, timezoneid…) are not
 * simulated: reading them gives an empty value like any unset name, assigning them is refused.
 */
const COMPUTED: ReadonlyMap<string, (host: SnippetHost) => Value> = new Map<string, (host: SnippetHost) => Value>([
  ['utc', (h) => new DateValue(oleFromUnixSeconds(h.now()), 'date-time')],
  ['gmt', (h) => new DateValue(oleFromUnixSeconds(h.now()), 'rfc1123')],
  ['now', (h) => new DateValue(oleFromUnixSeconds(businessUnitSeconds(h)), 'date-time')],
  ['date', (h) => new DateValue(Math.floor(oleFromUnixSeconds(businessUnitSeconds(h))), 'date')],
  [
    'time',
    (h) => {
      const ole = oleFromUnixSeconds(businessUnitSeconds(h));
      return new DateValue(ole - Math.floor(ole), 'time');
    },
  ],
  ['timestamp', (h) => timestampText(h.now())],
  ['dow', (h) => new Date(businessUnitSeconds(h) * 1000).getUTCDay()],
  ['contactid', (h) => h.contactId],
]);

/** Names a script may read but never assign: the Reserved Variables page calls them read-only. */
const READ_ONLY = new Set([
  ...[...COMPUTED.keys()].filter((name) => name !== 'contactid'),
  'runscript',
  'test',
  'timeout',
  'timezoneid',
  'timezoneoffset',
]);

/** Computed names whose assignment no page describes (ContactID is a predefined, not a reserved, variable). */
export function isUnsettledAssignment(folded: string): boolean {
  return folded === 'contactid';
}

function businessUnitSeconds(host: SnippetHost): number {
  return host.now() + host.businessUnitOffsetMinutes * 60;
}

/** The value of a computed reserved variable, or undefined when `folded` is not one. */
export function reservedValue(folded: string, host: SnippetHost): Value | undefined {
  const compute = COMPUTED.get(folded);
  return compute ? compute(host) : undefined;
}

export function isReadOnlyName(folded: string): boolean {
  return READ_ONLY.has(folded);
}

/** `now()`: the business unit's current time as a function (Built-In Functions). */
export function nowFunction(host: SnippetHost): Value {
  return COMPUTED.get('now')!(host);
}
