/**
 * How long export actions take when the scenario does not say: the simulator's defaults, shared with the worst-case
 * token age so that the two agree (see analysis/vocabulary/action-durations.ts). A scenario file overrides them per
 * action type (`actionDurations`) or per action (`actions`). `REST_OF_CONTACT` means: until one minute before the
 * contact's end (the caller waits in queue and talks to an agent for most of the call; the script resumes for the
 * last steps, such as a CRM update).
 */
export {
  actionDurationOf,
  DEFAULT_ACTION_SECONDS,
  REST_OF_CONTACT,
  SECONDS_AFTER_AGENT,
} from '../analysis/vocabulary/action-durations';
