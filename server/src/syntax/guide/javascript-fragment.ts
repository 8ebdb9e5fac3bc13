import type { AnyNode, Expression, Options, Program } from 'acorn';
import { shiftedRange, type TextRange } from '../../common/text-range';
import { findExcessiveNesting, MAX_BRACKET_NESTING } from './nesting-scan';
import { NESTED_TOO_DEEPLY, parseExpressionAtGuarded, parseGuarded, parseLooseGuarded } from './recursion-guard';

/** A syntax error from acorn, moved to document offsets, its "(line:col)" suffix removed. */
export interface FragmentSyntaxError {
  readonly pos: number;
  readonly raisedAt: number;
  readonly message: string;
}

export interface ProgramFragment {
  readonly program: Program;
  /** True when acorn parsed it; false when the tree comes from acorn-loose (or is empty). */
  readonly exact: boolean;
  readonly error?: FragmentSyntaxError;
  readonly comments: TextRange[];
  /** Every node of `program`, each once (document offsets). */
  readonly nodes: AnyNode[];
}

export interface ExpressionFragment {
  /** Absent only when not even acorn-loose found an expression. */
  readonly expression?: Expression;
  readonly exact: boolean;
  readonly error?: FragmentSyntaxError;
  readonly nodes: AnyNode[];
}

/** Where the shared options' onComment writes; set around each parse (parsing is synchronous). */
let commentSink: TextRange[] | undefined;

/** One options object for every parse: acorn re-reads options per parse, so building fewer objects saves garbage. */
const OPTIONS: Options = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowHashBang: false,
  onComment: (_block, _text, start, end) => commentSink?.push({ start, end }),
};

function withComments<T>(sink: TextRange[] | undefined, parse: () => T): T {
  commentSink = sink;
  try {
    return parse();
  } finally {
    commentSink = undefined;
  }
}

/**
 * The error for a fragment nested deeper than the parsers may go (nesting-scan.ts), or undefined. Such a fragment
 * is given to neither acorn nor acorn-loose.
 */
function nestingError(source: string, base: number): FragmentSyntaxError | undefined {
  const deep = findExcessiveNesting(source);
  if (!deep) return undefined;
  return {
    pos: base + deep.start,
    raisedAt: base + deep.end,
    message: `${NESTED_TOO_DEEPLY}: more than ${MAX_BRACKET_NESTING} levels of brackets, braces and \${…}`,
  };
}

/**
 * Parses `source` (a slice of the document, already masked so that it is plain JavaScript, same length) as a script.
 * `base` is the document offset of `source[0]`; every node, comment and error comes back in document offsets.
 * Falls back to acorn-loose, then to an empty program; never throws. Too deep a fragment is not parsed at all.
 */
export function parseProgramFragment(source: string, base: number): ProgramFragment {
  const tooDeep = nestingError(source, base);
  if (tooDeep) {
    const program = emptyProgram(base, base + source.length);
    return { program, exact: false, error: tooDeep, comments: [], nodes: [program] };
  }
  const exactComments: TextRange[] = [];
  let error: FragmentSyntaxError;
  try {
    const program = withComments(exactComments, () => parseGuarded(source, OPTIONS));
    const nodes = shiftNodes(program, base, source.length);
    return { program, exact: true, comments: shiftRanges(exactComments, base), nodes };
  } catch (thrown) {
    error = toFragmentError(thrown, base, source.length);
  }
  const looseComments: TextRange[] = [];
  try {
    const program = withComments(looseComments, () => parseLooseGuarded(source, OPTIONS));
    const nodes = shiftNodes(program, base, source.length);
    return { program, exact: false, error, comments: shiftRanges(looseComments, base), nodes };
  } catch {
    const program = emptyProgram(base, base + source.length);
    return { program, exact: false, error, comments: [], nodes: [program] };
  }
}

/**
 * Parses `source` as one expression starting at its first character (acorn's parseExpressionAt); text after the
 * expression is left for the caller to judge (its end is `expression.end`). Offsets as in parseProgramFragment.
 */
export function parseExpressionFragment(source: string, base: number): ExpressionFragment {
  const tooDeep = nestingError(source, base);
  if (tooDeep) return { exact: false, error: tooDeep, nodes: [] };
  let error: FragmentSyntaxError;
  try {
    const expression = withComments(undefined, () => parseExpressionAtGuarded(source, 0, OPTIONS));
    return { expression, exact: true, nodes: shiftNodes(expression, base, source.length) };
  } catch (thrown) {
    error = toFragmentError(thrown, base, source.length);
  }
  try {
    const program = withComments(undefined, () => parseLooseGuarded(source, OPTIONS));
    const first = program.body[0];
    if (first && first.type === 'ExpressionStatement') {
      const expression = first.expression;
      return { expression, exact: false, error, nodes: shiftNodes(expression, base, source.length) };
    }
  } catch {
    // acorn-loose gave up too (e.g. nesting deeper than the stack): report the exact error only.
  }
  return { exact: false, error, nodes: [] };
}

function toFragmentError(thrown: unknown, base: number, length: number): FragmentSyntaxError {
  if (thrown instanceof SyntaxError) {
    const located = thrown as SyntaxError & { pos?: unknown; raisedAt?: unknown };
    const pos = typeof located.pos === 'number' ? clamp(located.pos, 0, length) : 0;
    const raisedAt = typeof located.raisedAt === 'number' ? clamp(located.raisedAt, pos, length) : pos;
    const message = thrown.message.replace(/\s*\(\d+:\d+\)$/, '');
    return { pos: base + pos, raisedAt: base + raisedAt, message };
  }
  // A RangeError from a stack overflow is the only other thing acorn throws (the guards should prevent it).
  return { pos: base, raisedAt: base, message: NESTED_TOO_DEEPLY };
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, value));
}

function shiftRanges(ranges: TextRange[], base: number): TextRange[] {
  return ranges.map((r) => shiftedRange(r, base));
}

function emptyProgram(start: number, end: number): Program {
  return { type: 'Program', start, end, body: [], sourceType: 'script' };
}

/**
 * Adds `base` to start/end of every node under `root` (iteratively, so deep trees cannot overflow the stack) and
 * returns the nodes. acorn-loose shares one node between a shorthand property's key and value, so each node is
 * shifted once.
 *
 * acorn-loose's recovery can produce offsets outside the source: an unterminated regex, string or template at the
 * very end (e.g. a lone `/`) becomes a token ending one past the input, and a node finished before any token was
 * consumed (e.g. the TemplateElement after a `${` that is never closed) ends before it starts. Each node is
 * clamped to `[0, length]` with `end >= start` before shifting, so the tree's offsets always lie in the fragment.
 */
function shiftNodes(root: AnyNode, base: number, length: number): AnyNode[] {
  const seen = new Set<object>();
  const nodes: AnyNode[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const element of value) stack.push(element);
      continue;
    }
    if (!isNode(value)) continue;
    const start = clamp(value.start, 0, length);
    value.start = base + start;
    value.end = base + clamp(value.end, start, length);
    nodes.push(value as AnyNode);
    // Non-node objects (loc, regex, TemplateElement.value, a RegExp Literal.value) are skipped by isNode above.
    for (const key of Object.keys(value)) {
      const child: unknown = (value as unknown as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return nodes;
}

interface MutableNode {
  type: string;
  start: number;
  end: number;
}

function isNode(value: object): value is MutableNode {
  const candidate = value as Partial<MutableNode>;
  return typeof candidate.type === 'string' && typeof candidate.start === 'number' && typeof candidate.end === 'number';
}
