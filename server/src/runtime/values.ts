import { type DateTextForm, formatOleDate } from './ole-date';

/**
 * The values a Snippet variable can hold in the simulator. Text is the common case (Studio variables are text that
 * converts to a number where a number is needed: see studio-semantics.ts, NUMERIC EXPRESSIONS); numbers come from
 * arithmetic and number literals, booleans from comparisons, dates from `#"…"` and the reserved date variables,
 * dynamic objects from DYNAMIC and REST responses, proxies from GetRESTProxy().
 */
export type Value = string | number | boolean | DateValue | DynamicObject | RestProxyHandle;

/** A date: an OLE Automation day count plus the text form it shows in a string. */
export class DateValue {
  constructor(
    readonly ole: number,
    readonly form: DateTextForm,
  ) {}

  text(): string {
    return formatOleDate(this.ole, this.form);
  }
}

/**
 * A dynamic data object: named members (case-sensitive names) and, when it is used as an array, 1-based items.
 * Objects built from a JSON array only have items.
 */
export class DynamicObject {
  readonly members = new Map<string, Value>();
  items: Value[] | null = null;
}

/** The script-visible side of a REST proxy; rest-proxy.ts gives it behaviour. */
export interface RestProxyHandle {
  readonly kind: 'rest-proxy';
  contentType: string;
  timeoutSeconds: number;
  statusCode: Value;
  statusDescription: string;
  readonly headers: [string, string][];
}

export function isRestProxy(v: Value): v is RestProxyHandle {
  return typeof v === 'object' && !(v instanceof DateValue) && !(v instanceof DynamicObject);
}

const NUMERIC_TEXT = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** The number a value stands for in a numeric expression, or undefined when it is not numeric (then ignored). */
export function numericValue(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return NUMERIC_TEXT.test(v) ? Number(v) : undefined;
  if (v instanceof DateValue) return v.ole;
  return undefined;
}

/** Numbers as text: integers without a fraction, others with the shortest text that reads back the same. */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  return String(n);
}

const MAX_QUOTED_TEXT = 24;

/** A short description of a value for messages; never the value itself when it could be a secret. */
export function describeValue(v: Value): string {
  if (typeof v === 'string') {
    if (v === '') return 'an empty value';
    // Longer texts may be tokens or secrets: messages give their length only.
    return v.length > MAX_QUOTED_TEXT ? `a text of ${v.length} characters` : `the text "${v}"`;
  }
  if (typeof v === 'number') return `the number ${formatNumber(v)}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof DateValue) return 'a date';
  if (v instanceof DynamicObject) return 'a dynamic object';
  return 'a REST proxy';
}

/** True/false of a condition, or undefined when the value is neither (see studio-semantics.ts, IF / ELSE). */
export function truthValue(v: Value): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return undefined;
}

/** Deep copy of a JSON value (from a scenario or a response body) into simulator values; null becomes empty. */
export function fromJson(json: unknown): Value {
  if (json === null || json === undefined) return '';
  if (typeof json === 'string' || typeof json === 'boolean') return json;
  if (typeof json === 'number') return Number.isFinite(json) ? json : '';
  const object = new DynamicObject();
  if (Array.isArray(json)) {
    object.items = json.map(fromJson);
    return object;
  }
  if (typeof json === 'object') {
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) object.members.set(k, fromJson(v));
  }
  return object;
}

/** A dynamic object as a JSON value (`asjson`); dates as their text, proxies as null. */
export function toJson(v: Value, depth = 0): unknown {
  if (depth > 64) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof DateValue) return v.text();
  if (v instanceof DynamicObject) {
    if (v.items !== null && v.members.size === 0) return v.items.map((item) => toJson(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, m] of v.members) out[k] = toJson(m, depth + 1);
    return out;
  }
  return null;
}
