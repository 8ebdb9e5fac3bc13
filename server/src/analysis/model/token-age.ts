/**
 * The worst-case age of a token at a use: the longest simulated time between the end of the action that acquired it
 * and the start of the action that sends it, over every path of the flow (analysis/export/token-age.ts computes it
 * for exports). What rules, hovers and the flow diagram say about it is worded here, once.
 */

/** An action on the way that takes time. */
export interface AgeStep {
  readonly actionId: number;
  readonly type: string;
  readonly caption: string;
  readonly seconds: number;
  /** How the seconds were arrived at: `WAIT 3600 s`, `MENU ~20 s (default)`. */
  readonly basis: string;
}

export type TokenAge =
  | {
      readonly kind: 'bounded';
      /** The longest time, in seconds, over every path. */
      readonly seconds: number;
      /** The action ids of one path that takes that long, from the acquiring action to the using one. */
      readonly path: readonly number[];
      /** The actions on that path that take time, in path order. */
      readonly steps: readonly AgeStep[];
    }
  | {
      readonly kind: 'unbounded';
      /** `loop`: the flow can go round a loop between the two; `action`: an action with no upper bound lies between. */
      readonly because: 'loop' | 'action';
      /** The action that makes it unbounded (on the loop, or the unbounded one). */
      readonly action: { readonly id: number; readonly type: string; readonly caption: string };
      /** For an unbounded action: what it waits for (`REQAGENT (queue and agent time)`). */
      readonly basis?: string;
      /** The action ids of one path through that action, from the acquiring action to the using one. */
      readonly path: readonly number[];
    };

/** `42 s`, `61 min`, `2 h 5 min`: rounded up, so "up to" never understates. */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.ceil(seconds)} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** At most this many steps are named in a message: the longest ones, in path order. */
const NAMED_STEPS = 3;

function stepText(step: AgeStep): string {
  return `${step.basis} in action ${step.actionId}`;
}

/** Why the age is what it is: `WAIT 3600 s in action 7`, `the flow can loop through MENU in action 5`. */
export function ageReason(age: TokenAge): string {
  if (age.kind === 'unbounded') {
    const { action } = age;
    return age.because === 'loop'
      ? `the flow can loop through ${action.type} in action ${action.id} on the way`
      : `${age.basis ?? action.type} in action ${action.id} lies on the way`;
  }
  if (age.steps.length === 0) return 'nothing on the way takes time';
  const longest = [...age.steps].sort((a, b) => b.seconds - a.seconds).slice(0, NAMED_STEPS);
  const named = age.steps.filter((step) => longest.includes(step)).map(stepText);
  const more = age.steps.length - named.length;
  return `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** `≤ 61 min` or `unbounded`: a label for the diagram. */
export function ageLabel(age: TokenAge): string {
  return age.kind === 'bounded' ? `≤ ${formatAge(age.seconds)}` : 'unbounded';
}

/** `up to 61 min old here: WAIT 3600 s in action 7`, or `of unbounded age here: …`. */
export function describeTokenAge(age: TokenAge): string {
  return age.kind === 'bounded'
    ? `up to ${formatAge(age.seconds)} old here: ${ageReason(age)}`
    : `of unbounded age here: ${ageReason(age)}`;
}

/** True when the token may be older than its lifetime at the use (an unbounded age always may be). */
export function ageExceedsLifetime(age: TokenAge, lifetimeSeconds: number): boolean {
  return age.kind === 'unbounded' || age.seconds > lifetimeSeconds;
}

/** The age's seconds, or undefined when it has no upper bound. */
export function ageSeconds(age: TokenAge): number | undefined {
  return age.kind === 'bounded' ? age.seconds : undefined;
}

/**
 * The sentence a finding adds about the age: `It is up to 61 min old here: WAIT 3600 s in action 7, longer than the
 * token lifetime (60 min).` or `Its age here has no upper bound: …`.
 */
export function tokenAgeSentence(age: TokenAge, lifetimeSeconds: number): string {
  const lifetime = formatAge(lifetimeSeconds);
  if (age.kind === 'unbounded')
    return `Its age here has no upper bound (${ageReason(age)}), so it can outlive the token lifetime (${lifetime}).`;
  const beyond = ageExceedsLifetime(age, lifetimeSeconds) ? `, longer than the token lifetime (${lifetime})` : '';
  return `It is ${describeTokenAge(age)}${beyond}.`;
}
