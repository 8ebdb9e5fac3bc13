import type { TextRange } from '../../common/text-range';

/**
 * The syntax tree of real Snippet code (the language NICE CXone Studio's SNIPPET action runs).
 * Every node has a `kind` discriminant and exact UTF-16 offsets into the parsed text, `start` and `end`.
 * Children always lie inside their parent's span, and siblings are in source order without overlap.
 * Nodes built during error recovery are still well-formed: a missing part is an empty `ErrorExpression`
 * or an empty `Block` with `missing: true`, placed where the part was expected.
 */

interface NodeBase {
  readonly start: number;
  readonly end: number;
}

/**
 * A node's range as a range object of its own. Nodes hold their offsets inline (a separate range object per node was
 * half the objects of a parse, and the garbage collector copies each); what keeps or hands out a range takes a copy,
 * so that no event, finding or fault holds on to a syntax node.
 */
export function rangeOf(node: TextRange): TextRange {
  return { start: node.start, end: node.end };
}

/** The range of a member's property name (`Access_Token` in `r.Access_Token`). */
export function propertyRangeOf(member: MemberExpression): TextRange {
  return { start: member.propertyStart, end: member.end };
}

// ---------------------------------------------------------------- program and blocks

export interface Program extends NodeBase {
  readonly kind: 'Program';
  readonly body: readonly Statement[];
}

/** `{ … }`. `closed` is false when the `}` is missing; `missing` is true when the whole block is missing. */
export interface Block extends NodeBase {
  readonly kind: 'Block';
  readonly body: readonly Statement[];
  readonly closed: boolean;
  readonly missing: boolean;
}

// ---------------------------------------------------------------- statements

export type Statement =
  | AssignStatement
  | DynamicStatement
  | FunctionDeclaration
  | ReturnStatement
  | IfStatement
  | SwitchStatement
  | SelectStatement
  | ForStatement
  | ForeachStatement
  | RepeatStatement
  | BreakStatement
  | TraceStatement
  | UsesStatement
  | ExpressionStatement
  | ErrorStatement;

/**
 * `[ASSIGN] target = value`. The target is normally an lvalue chain (Identifier, Member, Index rooted at a name);
 * anything else has been reported as an error. Use `assignmentRoot` to get the assigned variable.
 */
export interface AssignStatement extends NodeBase {
  readonly kind: 'Assign';
  readonly hasAssignKeyword: boolean;
  readonly target: Expression;
  readonly value: Expression;
}

/** `DYNAMIC name`. `name` is null when it is missing (reported). */
export interface DynamicStatement extends NodeBase {
  readonly kind: 'Dynamic';
  readonly name: Identifier | null;
}

/** `FUNCTION name(p1, p2) { … }`. */
export interface FunctionDeclaration extends NodeBase {
  readonly kind: 'Function';
  readonly name: Identifier | null;
  readonly params: readonly Identifier[];
  readonly body: Block;
}

/** `RETURN [value]`; the value must start on the same line as RETURN. */
export interface ReturnStatement extends NodeBase {
  readonly kind: 'Return';
  readonly value: Expression | null;
}

/**
 * `IF condition { … } [ELSE { … }]`. `else` is an IfStatement for `ELSE IF …` written without braces (seen in
 * generated code, not documented): then `elseIfWithoutBraces` is true. `elseKeywordRange` is the ELSE (or
 * erroneous ELSEIF) keyword.
 */
export interface IfStatement extends NodeBase {
  readonly kind: 'If';
  readonly condition: Expression;
  readonly then: Block;
  readonly else: Block | IfStatement | null;
  readonly elseKeywordRange: TextRange | null;
  readonly elseIfWithoutBraces: boolean;
}

export type SwitchClause = CaseGroup | DefaultClause;

/** `SWITCH value { CASE … { } DEFAULT { } }`. `closed` is false when the body's `}` (or `{`) is missing. */
export interface SwitchStatement extends NodeBase {
  readonly kind: 'Switch';
  readonly discriminant: Expression;
  readonly clauses: readonly SwitchClause[];
  readonly closed: boolean;
}

/** `SELECT { CASE condition { } DEFAULT { } }`: the first true CASE runs. */
export interface SelectStatement extends NodeBase {
  readonly kind: 'Select';
  readonly clauses: readonly SwitchClause[];
  readonly closed: boolean;
}

/** One or more stacked `CASE value` lines sharing one block ("any of these"). */
export interface CaseGroup extends NodeBase {
  readonly kind: 'CaseGroup';
  readonly labels: readonly CaseLabel[];
  readonly body: Block;
}

/** One `CASE value` line; the range covers the CASE keyword and the value. */
export interface CaseLabel extends NodeBase {
  readonly kind: 'CaseLabel';
  readonly value: Expression;
}

export interface DefaultClause extends NodeBase {
  readonly kind: 'DefaultClause';
  readonly body: Block;
}

/** `FOR variable = from TO to { … }`. */
export interface ForStatement extends NodeBase {
  readonly kind: 'For';
  readonly variable: Identifier | null;
  readonly from: Expression;
  readonly to: Expression;
  readonly body: Block;
}

/** `FOREACH variable IN iterable { … }`. */
export interface ForeachStatement extends NodeBase {
  readonly kind: 'Foreach';
  readonly variable: Identifier | null;
  readonly iterable: Expression;
  readonly body: Block;
}

/** `REPEAT count { … }`. */
export interface RepeatStatement extends NodeBase {
  readonly kind: 'Repeat';
  readonly count: Expression;
  readonly body: Block;
}

export interface BreakStatement extends NodeBase {
  readonly kind: 'Break';
}

/** `TRACE value`. */
export interface TraceStatement extends NodeBase {
  readonly kind: 'Trace';
  readonly value: Expression;
}

/** `USES "Proxy.dll"`. */
export interface UsesStatement extends NodeBase {
  readonly kind: 'Uses';
  readonly value: Expression;
}

/** A call used for its side effect, e.g. `proxy.AddHeader("k", "v")`. Non-call expressions here are reported. */
export interface ExpressionStatement extends NodeBase {
  readonly kind: 'ExpressionStatement';
  readonly expression: Expression;
}

/**
 * Code the parser could not read as a statement (already reported). `block` keeps the body of a stray
 * `{ … }`, CASE, DEFAULT, ELSE or WHILE so that analysis still sees the statements inside it.
 */
export interface ErrorStatement extends NodeBase {
  readonly kind: 'ErrorStatement';
  readonly block: Block | null;
}

// ---------------------------------------------------------------- expressions

export type Expression =
  | Identifier
  | NumberLiteral
  | BooleanLiteral
  | StringLiteral
  | MemberExpression
  | CallExpression
  | IndexExpression
  | BinaryExpression
  | UnaryExpression
  | ParenExpression
  | ErrorExpression;

/**
 * A name. `text` is the source text (with any `global:` prefix), `name` is the text without the prefix,
 * `folded` is `name` lower-cased (Snippet names are case-insensitive), `scope` is 'global' for `global:name`.
 */
export interface Identifier extends NodeBase {
  readonly kind: 'Identifier';
  readonly text: string;
  readonly name: string;
  readonly folded: string;
  readonly scope: 'global' | null;
}

/** `1`, `3.5`; a leading minus directly on a number is folded in (`-1` has value -1, raw "-1"). */
export interface NumberLiteral extends NodeBase {
  readonly kind: 'NumberLiteral';
  readonly raw: string;
  readonly value: number;
}

export interface BooleanLiteral extends NodeBase {
  readonly kind: 'BooleanLiteral';
  readonly value: boolean;
}

export type QuoteKind = '"' | "'" | '$"' | '#"';

export type StringPart = StringText | Interpolation;

/**
 * `"…"`, `'…'`, `$"…"` (backslash escapes) or `#"…"` (a date). `parts` alternate text chunks and `{expr}`
 * interpolations in source order (an empty string has no parts). `terminated` is false when the closing quote
 * is missing (reported).
 */
export interface StringLiteral extends NodeBase {
  readonly kind: 'StringLiteral';
  readonly quote: QuoteKind;
  readonly parts: readonly StringPart[];
  readonly terminated: boolean;
}

/** Literal text inside a string. `raw` is the source text; `value` has `$"…"` escapes decoded (else equals raw). */
export interface StringText extends NodeBase {
  readonly kind: 'StringText';
  readonly raw: string;
  readonly value: string;
}

/** `{expression}` inside a string; the range includes the braces. `closed` is false when the `}` is missing. */
export interface Interpolation extends NodeBase {
  readonly kind: 'Interpolation';
  readonly expression: Expression;
  readonly closed: boolean;
}

/**
 * `object.property`. `property` keeps its original case (members of dynamic objects are case-sensitive);
 * `propertyFolded` is lower-cased for builtins and methods, which are not. `property` is '' when missing.
 */
export interface MemberExpression extends NodeBase {
  readonly kind: 'Member';
  readonly object: Expression;
  readonly property: string;
  readonly propertyFolded: string;
  /** Where the property name starts; it ends where the member does (empty, at the end, when missing). */
  readonly propertyStart: number;
}

/** `callee(args)`; `closed` is false when the `)` is missing. */
export interface CallExpression extends NodeBase {
  readonly kind: 'Call';
  readonly callee: Expression;
  readonly args: readonly Expression[];
  readonly closed: boolean;
}

/** `object[index]` (1-based arrays). */
export interface IndexExpression extends NodeBase {
  readonly kind: 'Index';
  readonly object: Expression;
  readonly index: Expression;
  readonly closed: boolean;
}

/**
 * Operators in the documented spelling. `=>` is read as `>=`. Undocumented spellings are reported and then read
 * as their documented equivalent (`<>` as `!=`, `==` as `=`, `&&` as `&`, `||` as `|`); `operatorStart` and
 * `operatorEnd` show what was written.
 */
export type BinaryOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&'
  | '|'
  | '~'
  | '+'
  | '-'
  | '*'
  | '/'
  | '\\'
  | '%'
  | '^';

export interface BinaryExpression extends NodeBase {
  readonly kind: 'Binary';
  readonly operator: BinaryOperator;
  readonly operatorStart: number;
  readonly operatorEnd: number;
  readonly left: Expression;
  readonly right: Expression;
}

/** `-x`. `!` only appears after an error was reported for an undocumented `!` or `NOT`. */
export interface UnaryExpression extends NodeBase {
  readonly kind: 'Unary';
  readonly operator: '-' | '!';
  readonly operand: Expression;
}

export interface ParenExpression extends NodeBase {
  readonly kind: 'Paren';
  readonly expression: Expression;
  readonly closed: boolean;
}

/** A missing expression (empty range where it was expected) or skipped, unreadable code. Always reported. */
export interface ErrorExpression extends NodeBase {
  readonly kind: 'ErrorExpression';
}

// ---------------------------------------------------------------- all nodes

export type AstNode = Program | Block | Statement | CaseGroup | CaseLabel | DefaultClause | Expression | StringPart;

export type AstKind = AstNode['kind'];

/** Case-folds a Snippet name for comparison: keywords, variables, functions and methods are case-insensitive. */
export function foldName(name: string): string {
  return name.toLowerCase();
}

/**
 * Calls `fn` for each direct child of `node`, in source order. Interpolations are children of their string
 * literal, so their expressions are visited too.
 */
export function forEachChild(node: AstNode, fn: (child: AstNode) => void): void {
  visitChildren(node, callWithChild, fn, 0);
}

function callWithChild(child: AstNode, _parent: AstNode, fn: (child: AstNode) => void): void {
  fn(child);
}

/**
 * The one list of each node kind's children, in source order: calls `fn(child, node, context, depth)` for each.
 * `context` and `depth` are handed through so that walkers need no closure per node.
 */
function visitChildren<C>(
  node: AstNode,
  fn: (child: AstNode, parent: AstNode, context: C, depth: number) => void,
  context: C,
  depth: number,
): void {
  switch (node.kind) {
    case 'Program':
    case 'Block':
      for (const s of node.body) fn(s, node, context, depth);
      return;
    case 'Assign':
      fn(node.target, node, context, depth);
      fn(node.value, node, context, depth);
      return;
    case 'Dynamic':
      if (node.name) fn(node.name, node, context, depth);
      return;
    case 'Function':
      if (node.name) fn(node.name, node, context, depth);
      for (const p of node.params) fn(p, node, context, depth);
      fn(node.body, node, context, depth);
      return;
    case 'Return':
      if (node.value) fn(node.value, node, context, depth);
      return;
    case 'If':
      fn(node.condition, node, context, depth);
      fn(node.then, node, context, depth);
      if (node.else) fn(node.else, node, context, depth);
      return;
    case 'Switch':
      fn(node.discriminant, node, context, depth);
      for (const c of node.clauses) fn(c, node, context, depth);
      return;
    case 'Select':
      for (const c of node.clauses) fn(c, node, context, depth);
      return;
    case 'CaseGroup':
      for (const l of node.labels) fn(l, node, context, depth);
      fn(node.body, node, context, depth);
      return;
    case 'CaseLabel':
      fn(node.value, node, context, depth);
      return;
    case 'DefaultClause':
      fn(node.body, node, context, depth);
      return;
    case 'For':
      if (node.variable) fn(node.variable, node, context, depth);
      fn(node.from, node, context, depth);
      fn(node.to, node, context, depth);
      fn(node.body, node, context, depth);
      return;
    case 'Foreach':
      if (node.variable) fn(node.variable, node, context, depth);
      fn(node.iterable, node, context, depth);
      fn(node.body, node, context, depth);
      return;
    case 'Repeat':
      fn(node.count, node, context, depth);
      fn(node.body, node, context, depth);
      return;
    case 'Trace':
    case 'Uses':
      fn(node.value, node, context, depth);
      return;
    case 'ExpressionStatement':
      fn(node.expression, node, context, depth);
      return;
    case 'ErrorStatement':
      if (node.block) fn(node.block, node, context, depth);
      return;
    case 'StringLiteral':
      for (const p of node.parts) fn(p, node, context, depth);
      return;
    case 'Interpolation':
      fn(node.expression, node, context, depth);
      return;
    case 'Member':
      fn(node.object, node, context, depth);
      return;
    case 'Call':
      fn(node.callee, node, context, depth);
      for (const a of node.args) fn(a, node, context, depth);
      return;
    case 'Index':
      fn(node.object, node, context, depth);
      fn(node.index, node, context, depth);
      return;
    case 'Binary':
      fn(node.left, node, context, depth);
      fn(node.right, node, context, depth);
      return;
    case 'Unary':
      fn(node.operand, node, context, depth);
      return;
    case 'Paren':
      fn(node.expression, node, context, depth);
      return;
    case 'Break':
    case 'Identifier':
    case 'NumberLiteral':
    case 'BooleanLiteral':
    case 'StringText':
    case 'ErrorExpression':
      return;
  }
}

/** A node below a statement's expressions: an expression or a part of a string literal. */
export type ExpressionNode = Expression | StringPart;

/**
 * Pushes the children of an expression-level node onto `stack` in reverse source order, so that popping them visits
 * them in source order: the children `forEachChild` gives, for walks that run a loop of their own. This and `walk`
 * are the Snippet tree's walker: `walk` calls back for every node (statements, enter and leave); an analysis that
 * reads every expression of a document runs its own loop over its own stack instead, since a callback (or a walker
 * object's `next()`) per node costs more than the visit itself:
 *
 *     const stack: ExpressionNode[] = [e];
 *     for (let node = stack.pop(); node; node = stack.pop()) { …; pushExpressionChildren(node, stack); }
 *
 * With `calledNames` false the name of a called function (`f` in `f(x)`) is left out: it names no variable.
 */
export function pushExpressionChildren(node: ExpressionNode, stack: ExpressionNode[], calledNames = true): void {
  switch (node.kind) {
    case 'StringLiteral':
      for (let i = node.parts.length - 1; i >= 0; i--) stack.push(node.parts[i]!);
      return;
    case 'Interpolation':
      stack.push(node.expression);
      return;
    case 'Member':
      stack.push(node.object);
      return;
    case 'Call':
      for (let i = node.args.length - 1; i >= 0; i--) stack.push(node.args[i]!);
      if (calledNames || node.callee.kind !== 'Identifier') stack.push(node.callee);
      return;
    case 'Index':
      stack.push(node.index, node.object);
      return;
    case 'Binary':
      stack.push(node.right, node.left);
      return;
    case 'Unary':
      stack.push(node.operand);
      return;
    case 'Paren':
      stack.push(node.expression);
      return;
    case 'Identifier':
    case 'NumberLiteral':
    case 'BooleanLiteral':
    case 'StringText':
    case 'ErrorExpression':
      return;
    default: {
      const unknown: never = node;
      return unknown;
    }
  }
}

/** An Expression (not a statement, clause or string part). */
export function isExpressionNode(node: { kind: string }): node is Expression {
  switch (node.kind) {
    case 'Identifier':
    case 'NumberLiteral':
    case 'BooleanLiteral':
    case 'StringLiteral':
    case 'Member':
    case 'Call':
    case 'Index':
    case 'Binary':
    case 'Unary':
    case 'Paren':
    case 'ErrorExpression':
      return true;
    default:
      return false;
  }
}

/**
 * Whether statements can sit inside `node`: the program, blocks, FUNCTIONs, branches, loops and the statements a
 * parse error kept. A walk that looks for statements skips every other node (expressions hold none).
 */
export function holdsStatements(node: AstNode): boolean {
  switch (node.kind) {
    case 'Program':
    case 'Block':
    case 'Function':
    case 'If':
    case 'Switch':
    case 'Select':
    case 'CaseGroup':
    case 'DefaultClause':
    case 'For':
    case 'Foreach':
    case 'Repeat':
    case 'ErrorStatement':
      return true;
    default:
      return false;
  }
}

/** Returns the direct children of `node` in source order. */
export function childrenOf(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  forEachChild(node, (c) => out.push(c));
  return out;
}

/**
 * Depth-first walk in source order. `enter` may return false to skip a node's children; `leave` runs after them.
 * Long operator or member chains (deep trees) cannot overflow the call stack: below a fixed depth the walk goes
 * on with an explicit stack.
 */
export function walk(
  root: AstNode,
  enter: (node: AstNode, parent: AstNode | null) => unknown,
  leave?: (node: AstNode, parent: AstNode | null) => void,
): void {
  visitNode(root, null, { enter, leave }, 0);
}

interface WalkCallbacks {
  readonly enter: (node: AstNode, parent: AstNode | null) => unknown;
  readonly leave: ((node: AstNode, parent: AstNode | null) => void) | undefined;
}

/** Recursion depth after which `walk` switches to an explicit stack (operator chains can be 20,000 deep). */
const MAX_WALK_RECURSION = 200;

// Recursion, not a stack, for the common case: this runs for every small expression the analysis inspects,
// and a recursive visit allocates nothing at all.
function visitNode(node: AstNode, parent: AstNode | null, callbacks: WalkCallbacks, depth: number): void {
  if (depth >= MAX_WALK_RECURSION) {
    walkWithStack(node, parent, callbacks);
    return;
  }
  if (callbacks.enter(node, parent) === false) return;
  visitChildren(node, visitNode, callbacks, depth + 1);
  if (callbacks.leave) callbacks.leave(node, parent);
}

/** `walk` below `root` with an explicit stack; children are pushed in reverse so they pop in source order. */
function walkWithStack(root: AstNode, rootParent: AstNode | null, { enter, leave }: WalkCallbacks): void {
  const nodes: AstNode[] = [root];
  const parents: (AstNode | null)[] = [rootParent];
  const leaving: boolean[] = [false];
  const kids: AstNode[] = [];
  const collect = (child: AstNode): void => {
    kids.push(child);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop()!;
    if (leave && leaving.pop()) {
      leave(node, parent);
      continue;
    }
    if (enter(node, parent) === false) continue;
    if (leave) {
      nodes.push(node);
      parents.push(parent);
      leaving.push(true);
    }
    kids.length = 0;
    forEachChild(node, collect);
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]!);
      parents.push(node);
      if (leave) leaving.push(false);
    }
  }
}

/** The variable an assignment target writes to (`x`, `o` in `o.a[1].b`), or null for an invalid target. */
export function assignmentRoot(target: Expression): Identifier | null {
  let e: Expression = target;
  for (;;) {
    switch (e.kind) {
      case 'Identifier':
        return e;
      case 'Member':
        e = e.object;
        continue;
      case 'Index':
        e = e.object;
        continue;
      default:
        return null;
    }
  }
}

/** The text of a string literal without interpolations (escapes decoded), or null if it interpolates. */
export function staticStringValue(literal: StringLiteral): string | null {
  let out = '';
  for (const part of literal.parts) {
    if (part.kind === 'Interpolation') return null;
    out += part.value;
  }
  return out;
}
