import type {
  CodeUnit,
  Condition,
  ExpiryCheck,
  ExpirySetEvent,
  LongRunningEvent,
  RestCallEvent,
  SecretLiteralEvent,
  TokenAcquireEvent,
  TokenLiteralEvent,
  TokenUseEvent,
} from '../analysis/model/flow-model';
import type { TokenAge } from '../analysis/model/token-age';
import type { TextRange } from '../common/text-range';
import type { DiagnosticCode, RuleCode } from './codes';
import type { Severity } from './severity';

export { SYNTAX_ERROR_CODE } from './codes';

/** A place a finding points at besides its range (the token's acquisition, the action in between). */
export interface RelatedPlace {
  readonly range: TextRange;
  readonly message: string;
}

/**
 * The model facts behind each code's findings: what the rule saw, so that a fix works from the same events and never
 * rebuilds the model or looks events up by range.
 */
export interface FindingFacts {
  readonly 'syntax-error': undefined;
  readonly 'document-too-large': { readonly sizeKB: number; readonly limitKB: number };
  readonly 'token-reuse-without-expiry': {
    readonly unit: CodeUnit;
    readonly use: TokenUseEvent;
    /** Where the token sent here was last acquired on the way, when the model shows it. */
    readonly acquisition?: { readonly unit: CodeUnit; readonly event: TokenAcquireEvent };
    /** The token request that acquisition stores (following copies back to it), when the model shows it. */
    readonly tokenRequest?: RestCallEvent;
    /** Long-running actions or statements between the acquisition and this use. */
    readonly longRunning: readonly LongRunningEvent[];
    /** The token's worst-case age here, when the flow knows durations (exports). */
    readonly age?: TokenAge;
  };
  readonly 'token-expires-in-ignored':
    | { readonly unit: CodeUnit; readonly problem: 'fixed-lifetime'; readonly expiry: ExpirySetEvent }
    | { readonly unit: CodeUnit; readonly problem: 'no-expiry'; readonly acquisition: TokenAcquireEvent };
  readonly 'token-expiry-no-buffer': {
    readonly unit: CodeUnit;
    readonly condition: Condition;
    readonly check: ExpiryCheck;
    /** Where the checked expiry is stored (any unit), so the fix can tell a buffer already subtracted there. */
    readonly stores: readonly { readonly unit: CodeUnit; readonly event: ExpirySetEvent }[];
  };
  readonly 'refresh-without-jitter': {
    readonly unit: CodeUnit;
    readonly condition: Condition;
    readonly check: ExpiryCheck;
  };
  readonly 'token-fetch-in-loop': {
    readonly unit: CodeUnit;
    readonly fetches: readonly (RestCallEvent | TokenAcquireEvent)[];
  };
  readonly 'unchecked-auth-status': {
    readonly unit: CodeUnit;
    readonly call: RestCallEvent;
    /** The conditions that examine the call's status without telling 401/403 apart. */
    readonly checks: readonly Condition[];
  };
  readonly 'hardcoded-secret': { readonly unit: CodeUnit; readonly literal: SecretLiteralEvent };
  readonly 'hardcoded-token': { readonly unit: CodeUnit; readonly literal: TokenLiteralEvent };
  readonly 'resource-token-expiry-untracked': {
    readonly unit: CodeUnit;
    readonly acquisition: TokenAcquireEvent;
    readonly exchange: RestCallEvent;
  };
  readonly 'token-fetch-unchecked': {
    readonly unit: CodeUnit;
    /** Where the token is read from the response; absent when this unit never reads it (an empty failure branch). */
    readonly acquisition?: TokenAcquireEvent;
    readonly call: RestCallEvent;
  };
  readonly 'unfilled-placeholder': { readonly unit: CodeUnit; readonly call: RestCallEvent };
}

/**
 * One problem in a document, in document offsets, with the model facts it reports. The LSP wiring and the CLI turn
 * findings into their own shapes; nothing in the core knows either.
 */
export interface FindingOf<C extends DiagnosticCode> {
  readonly code: C;
  readonly severity: Severity;
  readonly message: string;
  readonly range: TextRange;
  readonly related?: readonly RelatedPlace[];
  /** Marks code that is unreachable or a leftover; editors render it faded. */
  readonly unnecessary?: boolean;
  readonly facts: FindingFacts[C];
}

/** A finding of any code; `finding.code === '…'` narrows its facts. */
export type Finding = { [C in DiagnosticCode]: FindingOf<C> }[DiagnosticCode];

/**
 * A finding as a rule reports it: the Analysis gives it its severity: the code's default, or `severity` when the rule
 * judges this one finding differently (lower when it is less sure, such as a secret only its name points at; higher
 * when its facts show it is worse, such as a token that can outlive its lifetime). A level the user set wins over both.
 */
export type RuleFinding<C extends RuleCode = RuleCode> = Omit<FindingOf<C>, 'severity'> & {
  readonly severity?: Severity;
};
