import { z } from 'zod';

/**
 * The scenario file (`--scenario FILE`): how the simulated world answers and how long things take. Everything is
 * optional; the built-in defaults are in `DEFAULT_*` below and in the README.
 */

const SECONDS = z
  .number()
  .finite()
  .min(0)
  .max(10 * 86_400);

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

const responseSchema = z
  .object({
    /** HTTP status (or -1, Studio's internal error code); absent: the built-in rule decides (token or 200/401). */
    status: z.number().int().min(-1).max(599).optional(),
    /** JSON body; absent: a token response, a small JSON body or an error body. */
    body: z.json().optional(),
    latencySeconds: SECONDS.optional(),
    /** The request never gets an answer: the proxy's timeout passes and the SNIPPET takes its Error branch. */
    failure: z.enum(['timeout', 'connection']).optional(),
  })
  .strict();

const endpointSchema = z
  .object({
    /** Regular expression (JavaScript syntax, case-insensitive) matched against the request URL. */
    match: z.string().min(1).refine(isRegExp, 'not a valid regular expression'),
    method: z.string().min(1).optional(),
    /** Whether the endpoint issues tokens; absent: the analysis' token-endpoint rule decides. */
    kind: z.enum(['token', 'api']).optional(),
    /** Answers in order, one per request of a contact; after the last, `afterLast` decides. */
    responses: z.array(responseSchema).min(1).optional(),
    /** Shorthand for responses that only set the status. */
    statuses: z.array(z.number().int().min(-1).max(599)).min(1).optional(),
    latencySeconds: SECONDS.optional(),
    afterLast: z.enum(['repeat-last', 'cycle']).optional(),
  })
  .strict()
  .refine((e) => !(e.responses && e.statuses), { message: 'give responses or statuses, not both' });

const actionSchema = z
  .object({
    durationSeconds: SECONDS.optional(),
    /** Branch label (`Default`, a menu digit, `True`, `OnTimeout`…) or one label per visit (the last repeats). */
    branch: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** With a list of branches: start the list again after its last label instead of repeating that label. */
    cycle: z.boolean().optional(),
  })
  .strict();

const contactsSchema = z
  .object({
    count: z.number().int().min(1).max(100_000).optional(),
    /** Start of each contact in seconds after `startTime`; contacts past the list start with the last one. */
    startSeconds: z.array(SECONDS).min(1).optional(),
    /** Spreads the starts evenly over this many seconds (ignored when startSeconds is given). */
    spreadSeconds: SECONDS.optional(),
    firstContactId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

const VARIABLE_NAME = /^(?:global:)?[A-Za-z_][\w$]*$/i;

export const scenarioSchema = z
  .object({
    /** When the first contact starts (ISO 8601, UTC). */
    startTime: z.iso.datetime({ offset: true }).optional(),
    durationSeconds: SECONDS.min(1).optional(),
    tokenLifetimeSeconds: SECONDS.min(1).optional(),
    /** Simulated time each request takes. */
    latencySeconds: SECONDS.optional(),
    /**
     * How far the clocks of the APIs that check tokens run ahead of the identity provider's and the script host's
     * (negative: behind): a token looks expired to them this many seconds early.
     */
    clockSkewSeconds: z.number().finite().min(-86_400).max(86_400).optional(),
    /** The business unit's time zone (`now`, `date`, `time`), minutes east of UTC. */
    businessUnitUtcOffsetMinutes: z
      .number()
      .int()
      .min(-14 * 60)
      .max(14 * 60)
      .optional(),
    endpoints: z.array(endpointSchema).optional(),
    /** Seconds per action type (MENU, PLAY, REQAGENT …); overrides the built-in durations. */
    actionDurations: z.record(z.string().min(1), SECONDS).optional(),
    /** Per action id: duration and branch choices. */
    actions: z.record(z.string().regex(/^\d+$/, 'an action id (digits)'), actionSchema).optional(),
    /** Variables every contact starts with (script inputs, ANI, secure values…). */
    variables: z
      .record(z.string().regex(VARIABLE_NAME, 'a variable name'), z.union([z.string(), z.number(), z.boolean()]))
      .optional(),
    contacts: contactsSchema.optional(),
  })
  .strict();

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
