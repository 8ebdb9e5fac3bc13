import * as acorn from 'acorn';
import * as acornLoose from 'acorn-loose';

/**
 * acorn and acorn-loose with a bound on how deeply they recurse.
 *
 * Both parsers are recursive descent. On absurdly nested input acorn reaches the end of the stack inside its own
 * `catchStackOverflow` handler, which runs a regular expression there; when V8 has to compile that expression with
 * no stack left it aborts the whole process ("FATAL ERROR: RegExpCompiler Allocation failed"), which no JavaScript
 * handler can catch. The nesting pre-scan (nesting-scan.ts) keeps deep brackets and templates away from the parsers;
 * this guard covers every other way to make them recurse (operator chains, `if (a) if (b) …`, `a => b => …`, nested
 * groups in a regular expression literal). The methods below lie on every recursive cycle of their parser; each
 * call adds its weight to a running total, and past MAX_RECURSION_WEIGHT the parse stops with an ordinary
 * SyntaxError at the current token, long before the stack is at risk.
 */

/**
 * The weight a parse may have on the stack at once. Measured with every recursive shape (brackets, templates, calls,
 * patterns, statements, regular expression groups, operator chains): the densest shape overflows a fresh Node.js
 * stack (984 KB) at about 2,980 (a tagged template chain: 1,490 guarded calls of weight 2), a binary operator chain
 * at about 2,700 (weight 1 each). 800 keeps every parse under about 30% of the stack, which leaves room for the
 * language server's own frames below the parse, and still reads a concatenation of 800 strings.
 * test/protocol/deep-nesting.test.ts checks this on the built bundles with 40% of the default stack.
 */
export const MAX_RECURSION_WEIGHT = 800;

/** The message of the SyntaxError the guard throws (the pre-scan says the same, with its limit). */
export const NESTED_TOO_DEEPLY = 'Code is nested too deeply to analyse';

/**
 * acorn's recursive entry points and their weights. Every recursive cycle of the parser passes through at least one
 * of them, and the long cycles through several (functions, calls, patterns, `for`, regular expression groups), so a
 * unit of weight stands for a similar amount of stack whatever the shape of the input. A binary operator chain
 * (`a + b + …`, one nested `parseExprOp` per operator) costs about half as much stack per call as the others.
 */
const ACORN_METHODS: Readonly<Record<string, number>> = {
  parseStatement: 2,
  parseBlock: 2,
  parseForStatement: 2,
  parseFunctionBody: 2,
  parseExpression: 2,
  parseMaybeAssign: 2,
  parseMaybeUnary: 2,
  parseExprOp: 1,
  parseExprSubscripts: 2,
  parseExprAtom: 2,
  parseExprList: 2,
  parseObj: 2,
  parseBindingAtom: 2,
  parseBindingList: 2,
  regexp_disjunction: 2,
  regexp_alternative: 2,
  regexp_classContents: 2,
};

/** acorn-loose's own recursive entry points (its tokenizer is a guarded acorn parser, see below). */
const LOOSE_METHODS: Readonly<Record<string, number>> = {
  parseStatement: 2,
  parseBlock: 2,
  parseExpression: 2,
  parseMaybeAssign: 2,
  parseMaybeUnary: 2,
  parseExprOp: 1,
  parseExprSubscripts: 2,
  parseExprAtom: 2,
  parseExprList: 2,
  parseObj: 2,
};

/** The guarded methods take at most five arguments (`parseExprOp`); forwarding them by name avoids rest arrays. */
type ParserMethod = (this: unknown, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown) => unknown;

interface GuardedInstance {
  /** The weight of the guarded calls in progress; a field of each guarded parser from its construction. */
  recursionWeight: number;
}

/**
 * Wraps each named method of `prototype` (a subclass's own prototype, so the libraries stay untouched) with the
 * weight count. No try/finally: any exception ends the parse and the parser object is dropped. Returns the names
 * not found (a later acorn may rename a method; the test of this module fails then).
 */
function guardMethods(
  prototype: object,
  methods: Readonly<Record<string, number>>,
  offsetOf: (parser: unknown, firstArgument: unknown) => number,
): string[] {
  const table = prototype as Record<string, ParserMethod | undefined>;
  const missing: string[] = [];
  for (const [name, weight] of Object.entries(methods)) {
    const original = table[name];
    if (typeof original !== 'function') {
      missing.push(name);
      continue;
    }
    table[name] = function (this: unknown, a, b, c, d, e) {
      const parser = this as GuardedInstance;
      const total = parser.recursionWeight + weight;
      if (total > MAX_RECURSION_WEIGHT) throw nestedTooDeeply(offsetOf(this, a));
      parser.recursionWeight = total;
      const result = original.call(this, a, b, c, d, e);
      parser.recursionWeight = total - weight;
      return result;
    };
  }
  return missing;
}

/** A SyntaxError shaped like acorn's own (`pos`, `raisedAt`), so callers report it like any other syntax error. */
function nestedTooDeeply(offset: number): SyntaxError {
  return Object.assign(new SyntaxError(NESTED_TOO_DEEPLY), { pos: offset, raisedAt: offset });
}

// acorn's Parser declares only its public API; the internals used here are read through these views.
interface AcornInternals {
  /** Start of the current token. */
  start: number;
}
interface RegExpState {
  /** The pattern, its offset (after the opening `/`) and the position reached in it. */
  source: string;
  start: number;
  pos: number;
}
interface LooseInternals {
  tok: { start: number };
}

/** Where acorn is: inside a regular expression literal (the regexp_* methods get its state), the group reached. */
function acornOffset(parser: unknown, firstArgument: unknown): number {
  const state = firstArgument as Partial<RegExpState> | undefined;
  if (typeof state?.source === 'string' && typeof state.start === 'number' && typeof state.pos === 'number') {
    return state.start + state.pos;
  }
  return (parser as AcornInternals).start;
}

class GuardedAcorn extends acorn.Parser implements GuardedInstance {
  recursionWeight = 0;
}
const missingInAcorn = guardMethods(GuardedAcorn.prototype, ACORN_METHODS, acornOffset);
// acorn's overflow handler tests the error with a regular expression at the stack limit (the fatal case above);
// let a RangeError pass instead, to be caught by the caller with the stack unwound.
Object.assign(GuardedAcorn.prototype, { catchStackOverflow: (run: () => unknown) => run() });

/** acorn-loose types LooseParser as acorn's Parser, but its constructor takes (input, options). */
const LooseBase = acornLoose.LooseParser as unknown as new (input: string, options: acorn.Options) => object;

class GuardedLoose extends LooseBase implements GuardedInstance {
  recursionWeight = 0;
}
const missingInLoose = guardMethods(GuardedLoose.prototype, LOOSE_METHODS, (p) => (p as LooseInternals).tok.start);
// acorn-loose tokenizes with its `BaseParser`: the guarded acorn, so regular expression literals are bounded too.
Object.assign(GuardedLoose, { BaseParser: GuardedAcorn });

/** Guarded method names that this version of acorn or acorn-loose does not have (empty when all are guarded). */
export const UNGUARDED_METHODS: readonly string[] = [
  ...missingInAcorn.map((name) => `acorn ${name}`),
  ...missingInLoose.map((name) => `acorn-loose ${name}`),
];

/** `acorn.parse` with the recursion bound. */
export function parseGuarded(source: string, options: acorn.Options): acorn.Program {
  return GuardedAcorn.parse(source, options);
}

/** `acorn.parseExpressionAt` with the recursion bound. */
export function parseExpressionAtGuarded(source: string, at: number, options: acorn.Options): acorn.Expression {
  return GuardedAcorn.parseExpressionAt(source, at, options);
}

/** `acorn-loose`'s `parse` with the recursion bound. */
export function parseLooseGuarded(source: string, options: acorn.Options): acorn.Program {
  return (GuardedLoose as unknown as typeof acorn.Parser).parse(source, options);
}
