/**
 * How long export actions take when the scenario does not say (seconds). These are the simulator's defaults, not
 * Studio facts: a scenario file overrides them per action type (`actionDurations`) or per action (`actions`).
 * `REST_OF_CONTACT` means: until one minute before the contact's end (the caller waits in queue and talks to an
 * agent for most of the call; the script resumes for the last steps, such as a CRM update).
 */
export const REST_OF_CONTACT = -1;

/** Seconds left for the script after an agent leg that lasts the rest of the contact. */
export const SECONDS_AFTER_AGENT = 60;

export const DEFAULT_ACTION_SECONDS: ReadonlyMap<string, number> = new Map([
  ['MENU', 20],
  ['CAPTURE', 15],
  ['ASRMENU', 20],
  ['PLAY', 15],
  ['PLAYLOG', 15],
  ['MUSIC', 60],
  ['VOICEMAIL', 60],
  ['ONHOLD', 300],
  ['HOLD', 300],
  ['REQAGENT', REST_OF_CONTACT],
  ['TRANSFER', REST_OF_CONTACT],
]);
