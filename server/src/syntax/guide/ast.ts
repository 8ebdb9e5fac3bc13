import type { Expression, Literal, Program, TemplateLiteral } from 'acorn';
import type { ParseError, TextRange } from '../../common/text-range';

/**
 * Syntax tree of "the guide's notation": script-level Studio lines plus `SNIPPET … END SNIPPET` blocks whose
 * bodies are JavaScript-like. Every offset anywhere in this tree (items, acorn nodes, substitutions, comments)
 * is a UTF-16 offset into the whole document, never into a block or a line.
 */
export interface GuideParseResult {
  /** Script-level items and SNIPPET blocks in document order. */
  readonly items: GuideItem[];
  /** Sorted by start offset. */
  readonly errors: ParseError[];
  /** Every `//` and `/* *\/` comment, at script level and inside bodies, sorted by start offset. */
  readonly comments: TextRange[];
}

export type GuideItem = ScriptAssign | Decision | Branch | Wait | Elision | Action | SnippetBlock;

/** A `{name}` substitution (Studio replaces it with the variable's value at run time). */
export interface Substitution {
  /** As written, without braces; keeps a `global:` prefix. Studio names are case-insensitive: compare lower-cased. */
  readonly name: string;
  /** The whole `{name}`, braces included. */
  readonly range: TextRange;
  /** Just `name` (with its `global:` prefix, if any). */
  readonly nameRange: TextRange;
  /** The string or template literal the substitution sits in; absent when found in plain text (e.g. action args). */
  readonly stringNode?: Literal | TemplateLiteral;
}

/** `ASSIGN name = expr;` or `SET name = expr;` at script level. */
export interface ScriptAssign {
  readonly kind: 'ScriptAssign';
  readonly keyword: 'ASSIGN' | 'SET';
  readonly keywordRange: TextRange;
  /** As written: may be dotted (`obj.field`) or carry `global:`. */
  readonly target: string;
  readonly targetRange: TextRange;
  /** The right-hand side; absent only when nothing follows `=`. From acorn-loose when the exact parse failed. */
  readonly value?: Expression;
  /** The right-hand side's text range (without `;` and trailing comment); empty at the `=` when there is none. */
  readonly valueRange: TextRange;
  /** Keyword to end of the value, including a `;`, excluding a trailing comment. */
  readonly range: TextRange;
  readonly substitutions: Substitution[];
}

/** `DECISION <condition>`; the condition uses Studio's `=` for equality. */
export interface Decision {
  readonly kind: 'Decision';
  readonly keywordRange: TextRange;
  readonly conditionText: string;
  readonly conditionRange: TextRange;
  /**
   * The condition as an expression, when it parses. Studio's single `=` comparison appears as a
   * BinaryExpression with operator `==`. Absent for free-text conditions (these are not errors).
   */
  readonly expression?: Expression;
  readonly range: TextRange;
  readonly substitutions: Substitution[];
}

/** A flow branch: `YES --> [Continue with customer data]`, or a bare `--> …` link (label ''). */
export interface Branch {
  readonly kind: 'Branch';
  /** Upper-cased: 'YES', 'NO', 'DEFAULT', a menu digit '1', …; '' for a bare arrow. */
  readonly label: string;
  readonly labelRange: TextRange;
  /** Text inside `[ ]` when bracketed, otherwise the text after the arrow. */
  readonly targetText: string;
  readonly targetRange: TextRange;
  readonly range: TextRange;
}

/** `WAIT` or `WAIT 300`. */
export interface Wait {
  readonly kind: 'Wait';
  readonly keywordRange: TextRange;
  /** Present when the argument is a plain number of seconds. */
  readonly seconds?: number;
  readonly argsText: string;
  readonly argsRange: TextRange;
  readonly range: TextRange;
}

/** A line `...` (or `…`): "more script here". Analyses should assume anything can happen in between. */
export interface Elision {
  readonly kind: 'Elision';
  readonly range: TextRange;
}

/** Any other Studio action pasted as a flow sketch: `PLAY "…"`, `MENU`, `REQAGENT`, `HOLD`, `ONANSWER`, `END`, … */
export interface Action {
  readonly kind: 'Action';
  /** As written (not upper-cased). */
  readonly name: string;
  readonly nameRange: TextRange;
  readonly argsText: string;
  readonly argsRange: TextRange;
  readonly range: TextRange;
  /** `{name}` substitutions anywhere in the arguments. */
  readonly substitutions: Substitution[];
}

/** `SET name = expr;` inside a SNIPPET body (Studio's script-scope assignment). */
export interface SetStatement {
  /** As written, may carry `global:` or be dotted. */
  readonly name: string;
  readonly nameRange: TextRange;
  readonly keywordRange: TextRange;
  /** From `SET` to the end of the statement (its `;` included). */
  readonly range: TextRange;
  /** Right-hand side; absent when the body's tree does not contain the assignment (broken body). */
  readonly value?: Expression;
}

/** `SNIPPET … END SNIPPET`. */
export interface SnippetBlock {
  readonly kind: 'SnippetBlock';
  /** From `SNIPPET` to the end of `END SNIPPET`; for an unterminated block, to the end of its body. */
  readonly range: TextRange;
  readonly keywordRange: TextRange;
  /** The `END SNIPPET` words; absent when the block is not closed. */
  readonly endKeywordRange?: TextRange;
  /**
   * Everything between the `SNIPPET` keyword and the line holding `END SNIPPET`: it starts right after the
   * keyword (so it begins with the rest of that line and its line break) and ends at the start of the END line.
   */
  readonly bodyRange: TextRange;
  /** The body as ESTree with document offsets; from acorn-loose when `exact` is false. */
  readonly program: Program;
  /** True when acorn parsed the body without a syntax error. */
  readonly exact: boolean;
  readonly sets: SetStatement[];
  /** Substitutions in the body's string and template literals, in document order. */
  readonly substitutions: Substitution[];
}
