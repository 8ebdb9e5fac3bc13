/**
 * Studio action types that can keep a contact waiting for minutes: when one lies on a path between the SNIPPET
 * action that fetched a token and the one that uses it, the token may have expired in between (the guide's
 * Pattern A). Matching is by the export's `<Action>` text, case-insensitive. This is the only list of them.
 *
 * Names are Desktop Studio action names as exports write them. Actions that finish in well under a second
 * (ASSIGN, IF, CASE, SNIPPET, SPAWN, HOURS, VOICEPARAMS settings …) are left out on purpose.
 */
const LONG_RUNNING_ACTIONS: ReadonlyMap<string, string> = new Map([
  // Caller input: the script waits for the caller to listen to the prompt and answer; MENU loops back on
  // timeouts and invalid digits, so a caller can stay in it for minutes.
  ['MENU', 'waits for a menu choice (often in a retry loop)'],
  ['CAPTURE', 'waits for the caller to key in digits'],
  ['ASRMENU', 'waits for a spoken menu choice'],
  ['ASR', 'waits for the caller to speak'],
  ['ASRALPHANUM', 'waits for a spoken alphanumeric value'],
  ['ASRCURRENCY', 'waits for a spoken amount'],
  ['ASRDATE', 'waits for a spoken date'],
  ['ASRDIGITS', 'waits for spoken digits'],
  ['ASRNUMBER', 'waits for a spoken number'],
  ['ASRTIME', 'waits for a spoken time'],
  ['ASRYESNO', 'waits for a spoken yes or no'],
  // Digital contacts: the script waits for the customer's reply, which can take hours.
  ['ASKCALLER', "waits for the contact's reply"],
  ['TEXTMENU', "waits for the contact's menu choice"],
  // Prompts and music: a PLAY of a long prompt, hold music, the PLAYLOG/MUSIC loops of a queue.
  ['PLAY', 'plays a prompt (seconds to minutes)'],
  ['PLAYLOG', 'plays a prompt'],
  ['MUSIC', 'plays music, usually in a queue loop'],
  // Explicit pauses.
  ['WAIT', 'pauses the script (often in a queue or polling loop)'],
  // Queueing and agents: the contact waits in queue and then talks to an agent; the script resumes afterwards.
  ['REQAGENT', 'queues the contact for an agent (queue time plus talk time)'],
  ['ONHOLD', 'runs while the contact is on hold'],
  ['HOLD', 'puts the contact on hold'],
  // Recording and outbound legs.
  ['VOICEMAIL', 'records a voicemail'],
  ['RECORD', 'records the caller'],
  ['TRANSFER', 'bridges the contact to another number until that leg ends'],
  ['PLACECALL', 'dials out and waits for an answer'],
  // Subscripts: unknown duration (they may contain any of the above).
  ['RUNSUB', 'runs a subscript of unknown duration'],
  ['RUNSCRIPT', 'runs another script of unknown duration'],
]);

/** True when an action of this type can take a long time (case-insensitive, surrounding spaces ignored). */
export function isLongRunningActionType(type: string): boolean {
  return LONG_RUNNING_ACTIONS.has(type.trim().toUpperCase());
}

/** Why an action type counts as long-running, for messages; undefined when it does not. */
export function longRunningReason(type: string): string | undefined {
  return LONG_RUNNING_ACTIONS.get(type.trim().toUpperCase());
}

/**
 * Words the guide's flow sketches use for long waits that are no Desktop Studio action type (so not in the list
 * above): `QUEUE "Billing"`, `GETDIGITS`.
 */
const SKETCH_WAITS: ReadonlySet<string> = new Set(['QUEUE', 'GETDIGITS']);

/** A flow line of the guide's notation that can keep a contact waiting: a long-running action or a sketch wait. */
export function isLongRunningLineName(name: string): boolean {
  return isLongRunningActionType(name) || SKETCH_WAITS.has(name.trim().toUpperCase());
}

/**
 * A comment that says time passes: "60+ minutes into a long IVR hold", "on hold for an hour", "later in the script".
 */
const TIME_PASSES = new RegExp(
  [
    String.raw`\b(\d+)\s*\+?\s*-?\s*(minutes?|mins?|hours?|hrs?)\b`,
    String.raw`\b(?:an?|one|two|three|several|many)\s+hours?\b`,
    String.raw`\bhours?\s+later\b`,
    String.raw`\bon\s+hold\b`,
    String.raw`\blong\s+(?:ivr|hold|wait|queue|menu)`,
    String.raw`\bextended\s+hold\b`,
    String.raw`\blater\s+in\s+the\s+(?:script|call|flow|ivr)\b`,
  ].join('|'),
  'gi',
);
const HOURS_UNIT = /^h/i;

/** True when a comment says that a long time passes (ten minutes or more, an hour, a hold, a long IVR). */
export function commentSaysTimePasses(comment: string): boolean {
  for (const match of comment.matchAll(TIME_PASSES)) {
    if (match[1] === undefined) return true;
    const amount = Number(match[1]);
    if (HOURS_UNIT.test(match[2]!) ? amount >= 1 : amount >= 10) return true;
  }
  return false;
}
