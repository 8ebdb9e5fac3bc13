import en from 'zod/v4/locales/en.js';
import * as z from 'zod/mini';

// zod/mini (a twentieth of the classic API's bundle) loads no messages of its own; only the English ones (the
// whole `z.locales` would bring 50 languages into the bundle).
z.config(en());

/**
 * The scenario file (`--scenario FILE`): how the simulated world answers and how long things take. Everything is
 * optional; the built-in defaults are in `DEFAULT_*` below and in the README.
 */

const MAX_SECONDS = 10 * 86_400;

function seconds(min = 0) {
  return z.number().check(z.minimum(min), z.maximum(MAX_SECONDS));
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

const STATUS = z.int().check(z.minimum(-1), z.maximum(599));

const responseSchema = z.strictObject({
  /** HTTP status (or -1, Studio's internal error code); absent: the built-in rule decides (token or 200/401). */
  status: z.optional(STATUS),
  /** JSON body; absent: a token response, a small JSON body or an error body. */
  body: z.optional(z.json()),
  latencySeconds: z.optional(seconds()),
  /** The request never gets an answer: the proxy's timeout passes and the SNIPPET takes its Error branch. */
  failure: z.optional(z.enum(['timeout', 'connection'])),
});

const endpointSchema = z
  .strictObject({
    /** Regular expression (JavaScript syntax, case-insensitive) matched against the request URL. */
    match: z.string().check(z.minLength(1), z.refine(isRegExp, 'not a valid regular expression')),
    method: z.optional(z.string().check(z.minLength(1))),
    /** Whether the endpoint issues tokens; absent: the analysis' token-endpoint rule decides. */
    kind: z.optional(z.enum(['token', 'api'])),
    /** Answers in order, one per request of a contact; after the last, `afterLast` decides. */
    responses: z.optional(z.array(responseSchema).check(z.minLength(1))),
    /** Shorthand for responses that only set the status. */
    statuses: z.optional(z.array(STATUS).check(z.minLength(1))),
    latencySeconds: z.optional(seconds()),
    afterLast: z.optional(z.enum(['repeat-last', 'cycle'])),
  })
  .check(z.refine((e) => !(e.responses && e.statuses), 'give responses or statuses, not both'));

const LABEL = z.string().check(z.minLength(1));

const actionSchema = z.strictObject({
  durationSeconds: z.optional(seconds()),
  /** Branch label (`Default`, a menu digit, `True`, `OnTimeout`…) or one label per visit (the last repeats). */
  branch: z.optional(z.union([LABEL, z.array(LABEL).check(z.minLength(1))])),
  /** With a list of branches: start the list again after its last label instead of repeating that label. */
  cycle: z.optional(z.boolean()),
});

const contactsSchema = z.strictObject({
  count: z.optional(z.int().check(z.minimum(1), z.maximum(100_000))),
  /** Start of each contact in seconds after `startTime`; contacts past the list start with the last one. */
  startSeconds: z.optional(z.array(seconds()).check(z.minLength(1))),
  /** Spreads the starts evenly over this many seconds (ignored when startSeconds is given). */
  spreadSeconds: z.optional(seconds()),
  firstContactId: z.optional(z.int().check(z.minimum(1), z.maximum(Number.MAX_SAFE_INTEGER))),
});

const VARIABLE_NAME = /^(?:global:)?[A-Za-z_][\w$]*$/i;

export const scenarioSchema = z.strictObject({
  /** When the first contact starts (ISO 8601, UTC). */
  startTime: z.optional(z.iso.datetime({ offset: true })),
  durationSeconds: z.optional(seconds(1)),
  tokenLifetimeSeconds: z.optional(seconds(1)),
  /** Simulated time each request takes. */
  latencySeconds: z.optional(seconds()),
  /**
   * How far the clocks of the APIs that check tokens run ahead of the identity provider's and the script host's
   * (negative: behind): a token looks expired to them this many seconds early.
   */
  clockSkewSeconds: z.optional(z.number().check(z.minimum(-86_400), z.maximum(86_400))),
  /** The business unit's time zone (`now`, `date`, `time`), minutes east of UTC. */
  businessUnitUtcOffsetMinutes: z.optional(z.int().check(z.minimum(-14 * 60), z.maximum(14 * 60))),
  endpoints: z.optional(z.array(endpointSchema)),
  /** Seconds per action type (MENU, PLAY, REQAGENT …); overrides the built-in durations. */
  actionDurations: z.optional(z.record(LABEL, seconds())),
  /** Per action id: duration and branch choices. */
  actions: z.optional(z.record(z.string().check(z.regex(/^\d+$/, 'an action id (digits)')), actionSchema)),
  /** Variables every contact starts with (script inputs, ANI, secure values…). */
  variables: z.optional(
    z.record(
      z.string().check(z.regex(VARIABLE_NAME, 'a variable name')),
      z.union([z.string(), z.number(), z.boolean()]),
    ),
  ),
  contacts: z.optional(contactsSchema),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioEndpoint = z.infer<typeof endpointSchema>;
export type ScenarioResponse = z.infer<typeof responseSchema>;

export type ScenarioParse =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly error: string };

/** Reads and validates a scenario file's text; the error names the field (`endpoints[0].match: …`). */
export function parseScenario(text: string): ScenarioParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  return validateScenario(json);
}

/** Validates a scenario given as a JSON value (the `scenario` of an LSP request); the error names the field. */
export function validateScenario(json: unknown): ScenarioParse {
  const result = scenarioSchema.safeParse(json);
  if (result.success) return { ok: true, scenario: result.data };
  const issue = result.error.issues[0]!;
  const field = issue.path.length === 0 ? '(the file)' : formatPath(issue.path);
  const extra = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
  // A bad record key: zod's own message ("Invalid key in record") hides which rule the key breaks.
  const message =
    issue.code === 'invalid_key' && issue.issues[0] ? `the key must be ${issue.issues[0].message}` : issue.message;
  return { ok: false, error: `${field}: ${message}${extra}` };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Built-in defaults (README, "studio-sim"). */
export const DEFAULT_START_TIME = '2025-03-03T14:00:00Z';
export const DEFAULT_DURATION_SECONDS = 7200;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;
export const DEFAULT_LATENCY_SECONDS = 0.2;
export const DEFAULT_FIRST_CONTACT_ID = 581_400_000;
