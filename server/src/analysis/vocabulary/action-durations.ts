/**
 * How long a Desktop Studio action keeps a contact, by default: one answer for the simulator (runtime/export-walk.ts,
 * which a scenario can override) and for the worst-case token age (analysis/export/token-age.ts), so the two agree.
 * These are estimates, not Studio facts: the seconds of a WAIT are the only duration an export states for certain.
 *
 * What the export says is read where its meaning is known: a WAIT's seconds (its first parameter), and a prompt's
 * text-to-speech words (the first parameter of PLAY and MENU is the prompt sequence, `"%…"` marking text-to-speech:
 * language.md §4.1). The positions of a MENU's timeouts are not documented, so its input wait is the default.
 */

/** The simulator's marker for an agent leg: until one minute before the contact ends. */
export const REST_OF_CONTACT = -1;

/** Seconds left for the script after an agent leg that lasts the rest of the contact. */
export const SECONDS_AFTER_AGENT = 60;

/** Default seconds per action type (the simulator's; a scenario's `actionDurations` overrides them per type). */
export const DEFAULT_ACTION_SECONDS: ReadonlyMap<string, number> = new Map([
  ['MENU', 20],
  ['CAPTURE', 15],
  ['ASRMENU', 20],
  ['ASR', 20],
  ['ASRALPHANUM', 20],
  ['ASRCURRENCY', 20],
  ['ASRDATE', 20],
  ['ASRDIGITS', 20],
  ['ASRNUMBER', 20],
  ['ASRTIME', 20],
  ['ASRYESNO', 20],
  ['PLAY', 15],
  ['PLAYLOG', 15],
  ['MUSIC', 60],
  ['VOICEMAIL', 60],
  ['ONHOLD', 300],
  ['HOLD', 300],
  ['REQAGENT', REST_OF_CONTACT],
  ['TRANSFER', REST_OF_CONTACT],
]);

/**
 * Actions after which nothing bounds how much time has passed: queueing and talking to an agent, a hold, a
 * transfer, a digital contact's reply, an outbound call, a subscript. Each with what it waits for.
 */
const UNBOUNDED: ReadonlyMap<string, string> = new Map([
  ['REQAGENT', 'queue and agent time'],
  ['TRANSFER', 'the transferred leg'],
  ['ONHOLD', 'a hold'],
  ['HOLD', 'a hold'],
  ['ASKCALLER', "the contact's reply"],
  ['TEXTMENU', "the contact's reply"],
  ['PLACECALL', 'an outbound call'],
  ['RECORD', 'a recording'],
  ['RUNSUB', 'a subscript'],
  ['RUNSCRIPT', 'another script'],
]);

/** Words per second of text-to-speech (150 words a minute, a usual speaking rate). */
const SPOKEN_WORDS_PER_SECOND = 2.5;

/** Seconds a caller has to answer once a MENU's prompt has been spoken. */
const MENU_INPUT_SECONDS = 5;

export interface ActionDuration {
  /** Seconds the simulator spends by default; `REST_OF_CONTACT` for an agent leg. */
  readonly seconds: number;
  /** False when no upper bound can be given (queue, agent, hold, reply…, a WAIT of a variable). */
  readonly bounded: boolean;
  /** How the figure was arrived at, for messages: `WAIT 3600 s`, `PLAY ~18 s (prompt)`, `MENU ~20 s (default)`. */
  readonly basis: string;
}

/** A WAIT's seconds as its first parameter writes them, or undefined when it is no plain number. */
export function waitSeconds(parameter: string | undefined): number | undefined {
  const text = parameter?.trim() ?? '';
  return /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Seconds to speak the text-to-speech parts of a prompt sequence (`"%For billing press 1."`); undefined: none. */
export function spokenPromptSeconds(sequence: string | undefined): number | undefined {
  if (sequence === undefined) return undefined;
  let words = 0;
  for (const match of sequence.matchAll(/"%([^"]*)"/g)) words += match[1]!.split(/\s+/).filter(Boolean).length;
  return words === 0 ? undefined : Math.ceil(words / SPOKEN_WORDS_PER_SECOND);
}

function seconds(value: number): string {
  return `${Math.round(value * 10) / 10} s`;
}

/**
 * How long an action of `type` with these parameters takes by default; undefined for actions that take no time
 * worth counting (SNIPPET, ASSIGN, IF, CASE, BEGIN…).
 */
export function actionDurationOf(type: string, parameters: readonly string[]): ActionDuration | undefined {
  const name = type.trim().toUpperCase();
  if (name === 'WAIT') {
    const wait = waitSeconds(parameters[0]);
    return wait === undefined
      ? { seconds: 0, bounded: false, basis: `WAIT of "${(parameters[0] ?? '').trim().slice(0, 40)}"` }
      : { seconds: wait, bounded: true, basis: `WAIT ${seconds(wait)}` };
  }
  const unbounded = UNBOUNDED.get(name);
  const fallback = DEFAULT_ACTION_SECONDS.get(name);
  if (unbounded !== undefined) return { seconds: fallback ?? 0, bounded: false, basis: `${name} (${unbounded})` };
  if (name === 'PLAY' || name === 'MENU') {
    const spoken = spokenPromptSeconds(parameters[0]);
    const estimate = spoken === undefined ? undefined : spoken + (name === 'MENU' ? MENU_INPUT_SECONDS : 0);
    // A long prompt takes longer than the default; a short one is still given the default (repeats, pauses).
    if (estimate !== undefined && estimate > fallback!)
      return { seconds: estimate, bounded: true, basis: `${name} ~${seconds(estimate)} (prompt)` };
  }
  if (fallback === undefined) return undefined;
  return { seconds: fallback, bounded: true, basis: `${name} ~${seconds(fallback)} (default)` };
}
