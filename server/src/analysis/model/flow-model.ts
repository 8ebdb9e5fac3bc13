import type { TextRange } from '../../common/text-range';
import type { SecretConfidence, SecretEvidence } from '../vocabulary/secret-values';
import type { TokenAge } from './token-age';

/**
 * The token-flow model: what the rules see of a document, whatever its notation.
 *
 * Each notation has an extractor that lowers its syntax tree into this model:
 * - real Snippet code (`.snippet` files and every SNIPPET action of an XML export): analysis/snippet/extract.ts
 * - the guide's notation (`.studio`: script-level lines plus JavaScript-like SNIPPET blocks): analysis/guide/extract.ts
 * Rules (server/src/rules/*.ts) read only this model, never a syntax tree, so every rule works the same in
 * both notations and across the actions of an export.
 *
 * All ranges are DOCUMENT offsets (extractors map embedded code back to the file).
 * All variable names are folded to lower case (the Snippet language is case-insensitive; the guide's
 * notation is treated the same so `strToken` and `{strtoken}` are one variable), without a `global:` prefix.
 */

/**
 * A piece of code that runs start to end in one go: a .snippet file, one SNIPPET block or action, or the script-level
 * lines.
 */
export interface CodeUnit {
  readonly id: number;
  /** For messages: `SNIPPET action 12 "Lookup customer"`, `SNIPPET block at line 14`, `script`. */
  readonly label: string;
  readonly range: TextRange;
  /** Events in source order. */
  readonly events: readonly FlowEvent[];
  /** Conditions (IF/SELECT CASE/ternary/JS if) that enclose events, by id. */
  readonly conditions: readonly Condition[];
}

/** A branch condition. Events inside it list it in `guards`. */
export interface Condition {
  readonly id: number;
  readonly range: TextRange;
  /** The condition compares the current time with an expiry variable (an expiry check). */
  readonly expiryCheck?: ExpiryCheck;
  /** The condition examines the status of a call. */
  readonly statusCheck?: StatusCheck;
  /** Variables the condition reads. */
  readonly reads: readonly string[];
}

/** How much earlier than an expiry a token is refreshed. */
export type RefreshBuffer =
  | { readonly kind: 'none' }
  | { readonly kind: 'constant'; readonly seconds: number }
  | {
      readonly kind: 'variable';
      readonly variable: string;
      /** Seconds, when every assignment of the variable in the document is this constant (a fixed buffer). */
      readonly constantSeconds?: number;
      /**
       * No statement of the document assigns the variable (no SNIPPET code, no script-level line, no other action of
       * an export): Studio ignores an empty variable in arithmetic, so the buffer is 0 unless something this document
       * cannot show sets it.
       */
      readonly neverAssigned?: boolean;
      /**
       * Seconds in one unit of the variable as the check uses it: 1 when it counts seconds (`refreshBuffer / 86400`
       * subtracted from a day count, `(expiry - utc) * 86400 <= refreshBuffer`), 86400 when it counts days.
       */
      readonly secondsPerUnit?: number;
    }
  | { readonly kind: 'jittered' };

export interface ExpiryCheck {
  readonly expiryVariable: string;
  /** How much earlier than the expiry the check fires. */
  readonly buffer: RefreshBuffer;
  /** Which branch means "refresh needed": the branch where `now >= expiry - buffer` holds. */
  readonly refreshBranch: 'then' | 'else';
  /** The comparison itself (for diagnostics and fixes). */
  readonly comparisonRange: TextRange;
  /**
   * The buffer expression subtracted from the expiry (`(300 / 86400)`), when there is one (what a jitter fix replaces).
   */
  readonly bufferRange?: TextRange;
}

export interface StatusCheck {
  /** The REST call whose status is examined (id of a rest-call event), when known. */
  readonly callId?: number;
  /** Status codes compared for equality with this condition (e.g. [401, 403] or [200]). */
  readonly equals: readonly number[];
  /** Status codes compared for inequality (`!= 200`), or range comparisons like `>= 400` as 'range'. */
  readonly notEquals: readonly number[];
  readonly rangeComparison: boolean;
  /**
   * 401/403 written in commented-out code inside the statement that holds this check (`//CASE httpStatus = 401`,
   * `// case 403:`): the author meant to handle them and did not.
   */
  readonly commentedOutCodes?: readonly number[];
}

/** Where an event sits: the conditions and branches enclosing it, innermost last. */
export interface Guard {
  readonly conditionId: number;
  readonly branch: 'then' | 'else';
}

interface EventBase {
  readonly unit: number;
  /** Position in the unit's event list; later events have larger numbers. */
  readonly order: number;
  readonly range: TextRange;
  readonly guards: readonly Guard[];
  /** Enclosed by FOR/FOREACH/REPEAT (or a JS loop). */
  readonly inLoop: boolean;
}

/** A REST call: MakeRestRequest on a proxy, or `send()` on a CXone.HttpRequest. */
export interface RestCallEvent extends EventBase {
  readonly kind: 'rest-call';
  readonly id: number;
  /** Variable holding the proxy / request object. */
  readonly client: string;
  /** Static text of the URL with `{var}` substitutions kept, when it can be worked out. */
  readonly url?: string;
  readonly method?: string;
  /** Static text of the body, when known. */
  readonly body?: string;
  /** Variable the response is assigned to. */
  readonly resultVariable?: string;
  /** This call requests a token (endpoint URL, grant_type body, ...). */
  readonly isTokenRequest: boolean;
  /** Token variables sent in this call's Authorization header. */
  readonly authorizationVariables: readonly string[];
  /** Variables substituted or concatenated into the body (`subject_token={clientToken}`), when known. */
  readonly bodyVariables?: readonly string[];
  /** Range where a status check would be inserted after (end of the call's statement). */
  readonly statementRange: TextRange;
}

/** A variable receives a token: `t = GetOAuthToken()`, `t = result.access_token`, `t = otherTokenVar`. */
export interface TokenAcquireEvent extends EventBase {
  readonly kind: 'token-acquire';
  readonly variable: string;
  readonly source: 'function' | 'response' | 'alias' | 'cache-read';
  /** For 'response': the token request's rest-call id. For 'alias'/'cache-read': the variable copied. */
  readonly fromCall?: number;
  readonly fromVariable?: string;
  /** The variable is written for later actions/blocks (SET, global:, or assignment in real Snippet). */
  readonly persistent: boolean;
}

/** A token variable is sent as a credential (Authorization header, Bearer interpolation or concatenation). */
export interface TokenUseEvent extends EventBase {
  readonly kind: 'token-use';
  readonly variable: string;
  /** The rest-call this header belongs to, when known. */
  readonly callId?: number;
}

/** An expiry time is stored. */
export interface ExpirySetEvent extends EventBase {
  readonly kind: 'expiry-set';
  readonly variable: string;
  /** Computed from the token response's expires_in. */
  readonly fromExpiresIn: boolean;
  /** A literal lifetime in seconds (e.g. 3600) used instead. */
  readonly constantSeconds?: number;
  /** Range of that constant, for the fix. */
  readonly constantRange?: TextRange;
  /** The token request whose response it belongs to, when known. */
  readonly fromCall?: number;
  /** Clears the expiry (`= ""`, `= "0"`, `= 0`), as a 401 handler does. */
  readonly clears: boolean;
  /**
   * A buffer already taken off when the expiry is stored (`utc + ((r.expires_in - 300) / 86400)`,
   * `now + r.expires_in - bufferSeconds`): a check against this expiry needs none of its own.
   */
  readonly storedBuffer?: Exclude<RefreshBuffer, { readonly kind: 'none' }>;
}

/** A token variable is emptied (`cachedToken = ""`, `SET strCachedToken = "";`), as a 401 handler does. */
export interface TokenClearEvent extends EventBase {
  readonly kind: 'token-clear';
  readonly variable: string;
  /** The variable is written for later actions/blocks (not a JavaScript local being initialised). */
  readonly persistent: boolean;
}

/** The status of a call is read into another variable (`code = "{proxy.StatusCode}"`), so checks of `code` count. */
export interface StatusCopyEvent extends EventBase {
  readonly kind: 'status-copy';
  readonly variable: string;
  readonly callId?: number;
  readonly client: string;
}

/** An error path: an error variable is set, `.throw()`, RETURN, or the flow branches on an error. */
export interface ErrorPathEvent extends EventBase {
  readonly kind: 'error-path';
}

/** A token variable is checked for emptiness (`IF token = ""`, `tokenValue.length > 0`). */
export interface TokenPresenceCheckEvent extends EventBase {
  readonly kind: 'token-presence-check';
  readonly variable: string;
}

/** Something that takes a long time between two units: WAIT, MENU, hold, queue, agent... */
export interface LongRunningEvent extends EventBase {
  readonly kind: 'long-running';
  /** The action or statement as the author wrote it (`WAIT 300`, `MENU "Main menu"`). */
  readonly label: string;
}

/** A literal credential in script text. */
export interface SecretLiteralEvent extends EventBase {
  readonly kind: 'secret-literal';
  readonly what: 'client-secret' | 'password' | 'api-key' | 'basic-credentials' | 'secret';
  /** Range of the literal value only (what the fix replaces). */
  readonly valueRange: TextRange;
  /**
   * 'high': the place only holds credentials, the value has a vendor's key prefix, or a secret name and a generated
   * value agree; 'low': only the name says secret (see analysis/vocabulary/secret-values.ts).
   */
  readonly confidence: SecretConfidence;
  /** Why it is taken for a secret (never the value itself). */
  readonly evidence: SecretEvidence;
}

/** A literal bearer token or JWT in script text. */
export interface TokenLiteralEvent extends EventBase {
  readonly kind: 'token-literal';
  readonly valueRange: TextRange;
  readonly jwt: boolean;
}

export type FlowEvent =
  | RestCallEvent
  | TokenAcquireEvent
  | TokenUseEvent
  | ExpirySetEvent
  | TokenClearEvent
  | StatusCopyEvent
  | ErrorPathEvent
  | TokenPresenceCheckEvent
  | LongRunningEvent
  | SecretLiteralEvent
  | TokenLiteralEvent;

/**
 * The whole document. `order` lists units in the order they run when that is a straight line
 * (.snippet: one unit; .studio: script order); `flow` answers "can B run after A, and what runs between"
 * (script order for .studio; the action graph for exports).
 */
export interface FlowModel {
  readonly units: readonly CodeUnit[];
  readonly flow: UnitFlow;
}

export interface UnitFlow {
  /** Units that can run before `unit` (transitively), excluding itself unless it is in a loop. */
  predecessors(unit: number): readonly number[];
  /**
   * Whether `candidate` is one of `predecessors(unit)`, for flows that can tell without listing them (a rule asks this
   * for every token use, and a list is as long as the document).
   */
  precedes?(candidate: number, unit: number): boolean;
  /** Long-running events or actions that can lie between the end of `from` and the start of `to`. */
  longRunningBetween(from: number, to: number): readonly LongRunningEvent[];
  /**
   * The worst-case age of a token acquired in `from` when `to` runs: the longest simulated time between them over
   * every path (model/token-age.ts). Flows without durations (a .snippet file, the guide's notation) leave it out;
   * undefined when `to` cannot follow `from`.
   */
  worstCaseAge?(from: number, to: number): TokenAge | undefined;
}
