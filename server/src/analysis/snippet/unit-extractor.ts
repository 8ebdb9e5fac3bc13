import type { CodeUnit } from '../model/flow-model';
import { runSteps, type Steps } from '../../common/steps';
import { snippetFactsOf } from './facts';
import { findingsInText } from './secrets';
import { readStatement } from './statements';
import { clamp, TOP, UnitBuild, type SnippetSource, type UnitHeader, type UnitOptions } from './unit-build';

export type { SnippetSource, UnitHeader, UnitOptions } from './unit-build';

/**
 * Lowers one piece of real Snippet code (a `.snippet` file or the code of one SNIPPET action) into a CodeUnit of
 * the token-flow model. The code is read once, statement by statement in source order, keeping what is known so
 * far (the latest call on each proxy, the latest string in a variable, status copies…) as if it ran straight
 * through: a fact learned inside a branch stays known after it. Such facts only name things (URLs, bodies, call
 * ids, copies); which branch an event sits in always comes from the tree, as its guards.
 *
 * Per event kind (ranges are document ranges, names folded, `global:` dropped):
 * - rest-call: every `<client>.MakeRestRequest(url, body, type, verb)`; range = the call, statementRange = its
 *   statement. url/body as written (`{var}` kept), or a variable argument's latest string.
 * - token-use: each variable interpolated into an Authorization header (`AddHeader`, or an `.Authorization` member);
 *   callId = the client's next call. A header variable that is itself a token copy is the use.
 * - token-acquire: `t = r.access_token`, `t = GetOAuthToken()`, `t = otherToken`, also inside `"{…}"` /
 *   `"Bearer {…}"`; range = the statement. `{r.access_token}` read in a header is acquired in place (persistent false).
 * - expiry-set, status-copy, error-path: the assignment statement (error-path also `.throw()`, RETURN outside a
 *   FUNCTION, BREAK in a loop that makes REST calls).
 * - token-presence-check: the leaf of the condition that tests the token.
 * - secret-literal / token-literal: the literal value only.
 *
 * Where things are: statements.ts reads statements and branches, assignments.ts what an assignment hands over,
 * calls.ts REST calls and headers, conditions.ts expiry, status and presence checks, sites.ts the nodes of an
 * expression (and its literal credentials); unit-build.ts holds the unit being built and flow-state.ts what is known.
 */
export function extractSnippetUnit(source: SnippetSource, header: UnitHeader, options: UnitOptions): CodeUnit {
  return runSteps(extractSnippetUnitSteps(source, header, options));
}

let lowered = 0;

/** How many units of Snippet code have been lowered in this process: tests check that an unchanged one is not. */
export function snippetUnitsLowered(): number {
  return lowered;
}

/** Top-level statements read between two pause points of `extractSnippetUnitSteps`. */
const STATEMENTS_PER_STEP = 64;

/** `extractSnippetUnit` in steps: a pause point after every few top-level statements. */
export function* extractSnippetUnitSteps(
  source: SnippetSource,
  header: UnitHeader,
  options: UnitOptions,
): Steps<CodeUnit> {
  const build = new UnitBuild(source, header, options, options.facts ?? snippetFactsOf(source.program, source.code));
  return yield* lowerSteps(build, 0);
}

/**
 * Reads the code's top-level statements from `from` on (those before it were read by `build` already), then the
 * comments, and finishes the unit. `beforeStatement` is called before each statement is read.
 */
export function* lowerSteps(
  build: UnitBuild,
  from: number,
  beforeStatement?: (index: number) => void,
): Steps<CodeUnit> {
  lowered++;
  const body = build.source.program.body;
  for (let i = from; i < body.length; i++) {
    beforeStatement?.(i);
    readStatement(build, body[i]!, TOP);
    if ((i - from) % STATEMENTS_PER_STEP === STATEMENTS_PER_STEP - 1 && i + 1 < body.length) yield;
  }
  beforeStatement?.(body.length);
  for (const comment of build.source.comments) {
    const start = clamp(comment.start, build.code.length);
    const end = clamp(comment.end, build.code.length);
    build.key = start;
    for (const finding of findingsInText(build.code.slice(start, end), start)) build.literal(finding, TOP);
  }
  return build.finish();
}
