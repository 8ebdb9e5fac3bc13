import type { TextRange } from '../common/text-range';
import type * as A from '../syntax/snippet/ast';
import { DEFAULT_LIMITS, type RuntimeLimits } from './limits';
import { parseDateText } from './ole-date';
import { callProxyMethod, newRestProxy, readProxyProperty, writeProxyProperty } from './rest-proxy';
import { isReadOnlyName, isUnsettledAssignment, nowFunction, reservedValue } from './reserved-variables';
import { RuntimeFault } from './runtime-fault';
import type { SnippetHost } from './snippet-host';
import { unsupported } from './studio-semantics';
import {
  DateValue,
  DynamicObject,
  describeValue,
  formatNumber,
  isRestProxy,
  numericValue,
  toJson,
  truthValue,
  type Value,
} from './values';
import { VariableStore } from './variable-store';
import { propertyRangeOf, rangeOf } from '../syntax/snippet/ast';

/** How a statement ended: normally, by BREAK, or by RETURN. */
enum Flow {
  Normal = 0,
  Break = 1,
  Return = 2,
}

export interface SnippetRunResult {
  /** Why the snippet stopped early; null when it ran to its end. */
  readonly fault: RuntimeFault | null;
  /** Statements, loop iterations and calls executed. */
  readonly steps: number;
}

/**
 * Runs one SNIPPET action's code against a contact's variables. Never throws: every problem, including a bug in the
 * interpreter or a JavaScript stack overflow on absurdly deep expressions, comes back as a fault at a position.
 * After a script error or a transport failure the message is in `_err` and `__err`, as Studio does.
 */
export function runSnippet(
  program: A.Program,
  store: VariableStore,
  host: SnippetHost,
  limits: RuntimeLimits = DEFAULT_LIMITS,
): SnippetRunResult {
  const interpreter = new Interpreter(program, store, host, limits);
  let fault: RuntimeFault | null = null;
  try {
    interpreter.runProgram(program);
  } catch (e) {
    fault = interpreter.asFault(e);
  }
  if (fault && (fault.kind === 'script-error' || fault.kind === 'transport')) {
    store.set('_err', fault.message);
    store.set('__err', fault.message);
  }
  return { fault, steps: interpreter.steps };
}

/** Function declarations of a program (at any depth: a FUNCTION may be called before the line that declares it). */
const FUNCTIONS = new WeakMap<A.Program, ReadonlyMap<string, A.FunctionDeclaration>>();

function functionsOf(program: A.Program): ReadonlyMap<string, A.FunctionDeclaration> {
  let found = FUNCTIONS.get(program);
  if (found) return found;
  const map = new Map<string, A.FunctionDeclaration>();
  const visit = (statements: readonly A.Statement[]): void => {
    for (const s of statements) {
      switch (s.kind) {
        case 'Function':
          if (s.name && !map.has(s.name.folded)) map.set(s.name.folded, s);
          visit(s.body.body);
          break;
        case 'If':
          visit(s.then.body);
          if (s.else) visit(s.else.kind === 'Block' ? s.else.body : [s.else]);
          break;
        case 'Switch':
        case 'Select':
          for (const c of s.clauses) visit(c.body.body);
          break;
        case 'For':
        case 'Foreach':
        case 'Repeat':
          visit(s.body.body);
          break;
        case 'ErrorStatement':
          if (s.block) visit(s.block.body);
          break;
        default:
          break;
      }
    }
  };
  visit(program.body);
  found = map;
  FUNCTIONS.set(program, found);
  return found;
}

function splitArray(text: string): string[] {
  return text === '' ? [] : text.split('|');
}

function isDollarName(e: A.Expression): boolean {
  return e.kind === 'Identifier' && e.name.endsWith('$');
}

class Interpreter {
  steps = 0;
  private callDepth = 0;
  private loopDepth = 0;
  private locals: Map<string, Value> | null = null;
  private returnValue: Value = '';
  /** The statement or call running: a syntax node (`rangeOf` copies its range for a fault). */
  private currentRange: TextRange;
  private readonly functions: ReadonlyMap<string, A.FunctionDeclaration>;
  private readonly text = (v: Value): string => this.toText(v, rangeOf(this.currentRange));

  constructor(
    program: A.Program,
    private readonly store: VariableStore,
    private readonly host: SnippetHost,
    private readonly limits: RuntimeLimits,
  ) {
    this.currentRange = { start: program.start, end: program.start };
    this.functions = functionsOf(program);
  }

  runProgram(program: A.Program): void {
    const flow = this.statements(program.body);
    if (flow === Flow.Break) throw this.scriptError('BREAK outside a loop', rangeOf(this.currentRange));
  }

  asFault(e: unknown): RuntimeFault {
    if (e instanceof RuntimeFault) return e;
    if (e instanceof RangeError)
      return new RuntimeFault(
        'limit',
        'the code nests too deeply for the simulator (an expression or calls thousands of levels deep)',
        rangeOf(this.currentRange),
      );
    const detail = e instanceof Error ? e.message : String(e);
    return new RuntimeFault('internal', `internal simulator error: ${detail}`, rangeOf(this.currentRange));
  }

  // ------------------------------------------------------------------ statements

  /** `node`: the statement or call about to run (kept as is: a fault takes a copy of its range). */
  private tick(node: TextRange): void {
    this.currentRange = node;
    if (++this.steps > this.limits.maxSteps)
      throw new RuntimeFault(
        'limit',
        `the step limit of ${this.limits.maxSteps.toLocaleString('en-US')} statements was reached in one SNIPPET ` +
          'execution (an endless loop?)',
        rangeOf(node),
      );
  }

  private statements(list: readonly A.Statement[]): Flow {
    for (const s of list) {
      const flow = this.statement(s);
      if (flow !== Flow.Normal) return flow;
    }
    return Flow.Normal;
  }

  private block(block: A.Block): Flow {
    if (block.missing) throw this.syntax(rangeOf(block));
    return this.statements(block.body);
  }

  private statement(s: A.Statement): Flow {
    this.tick(s);
    switch (s.kind) {
      case 'Assign':
        this.assign(s.target, this.evaluate(s.value));
        return Flow.Normal;
      case 'Dynamic':
        if (!s.name) throw this.syntax(rangeOf(s));
        this.assign(s.name, new DynamicObject());
        return Flow.Normal;
      case 'Function':
        return Flow.Normal; // declared before the run (functionsOf)
      case 'Return':
        if (this.callDepth === 0)
          throw new RuntimeFault('unsupported', unsupported('RETURN outside a FUNCTION'), rangeOf(s));
        this.returnValue = s.value ? this.evaluate(s.value) : '';
        return Flow.Return;
      case 'If':
        if (this.condition(s.condition)) return this.block(s.then);
        if (s.else === null) return Flow.Normal;
        return s.else.kind === 'Block' ? this.block(s.else) : this.statement(s.else);
      case 'Switch':
        return this.switchStatement(s);
      case 'Select':
        return this.selectStatement(s);
      case 'For':
        return this.forStatement(s);
      case 'Foreach':
        return this.foreachStatement(s);
      case 'Repeat':
        return this.repeatStatement(s);
      case 'Break':
        if (this.loopDepth === 0) throw this.scriptError('BREAK outside a loop', rangeOf(s));
        return Flow.Break;
      case 'Trace':
        this.host.trace(this.toText(this.evaluate(s.value), rangeOf(s.value)), rangeOf(s));
        return Flow.Normal;
      case 'Uses':
        throw new RuntimeFault('unsupported', unsupported('USES (SOAP proxies)'), rangeOf(s));
      case 'ExpressionStatement':
        return this.expressionStatement(s);
      case 'ErrorStatement':
        throw this.syntax(rangeOf(s));
    }
  }

  private expressionStatement(s: A.ExpressionStatement): Flow {
    const e = s.expression;
    if (e.kind === 'Call') {
      this.evaluate(e);
      return Flow.Normal;
    }
    if (e.kind === 'Identifier' && e.folded === 'continue')
      throw new RuntimeFault('unsupported', unsupported('CONTINUE', 'not a Studio keyword'), rangeOf(s));
    throw this.syntax(rangeOf(s));
  }

  private switchStatement(s: A.SwitchStatement): Flow {
    const value = this.evaluate(s.discriminant);
    let fallback: A.DefaultClause | null = null;
    for (const clause of s.clauses) {
      if (clause.kind === 'DefaultClause') {
        fallback ??= clause;
        continue;
      }
      for (const label of clause.labels) {
        if (this.equals(value, this.evaluate(label.value), s.discriminant, label.value, rangeOf(label)))
          return this.block(clause.body);
      }
    }
    return fallback ? this.block(fallback.body) : Flow.Normal;
  }

  private selectStatement(s: A.SelectStatement): Flow {
    let fallback: A.DefaultClause | null = null;
    for (const clause of s.clauses) {
      if (clause.kind === 'DefaultClause') {
        fallback ??= clause;
        continue;
      }
      for (const label of clause.labels) {
        if (this.condition(label.value)) return this.block(clause.body);
      }
    }
    return fallback ? this.block(fallback.body) : Flow.Normal;
  }

  private loopBody(body: A.Block): Flow {
    this.loopDepth++;
    try {
      return this.block(body);
    } finally {
      this.loopDepth--;
    }
  }

  private wholeNumber(e: A.Expression, what: string): number {
    const value = this.evaluate(e);
    const n = numericValue(value);
    if (n === undefined) throw this.scriptError(`${what} must be a number, not ${describeValue(value)}`, rangeOf(e));
    if (!Number.isInteger(n))
      throw new RuntimeFault(
        'unsupported',
        unsupported(`${what} ${formatNumber(n)}`, 'not a whole number'),
        rangeOf(e),
      );
    return n;
  }

  private forStatement(s: A.ForStatement): Flow {
    if (!s.variable) throw this.syntax(rangeOf(s));
    const from = this.wholeNumber(s.from, 'FOR start');
    const to = this.wholeNumber(s.to, 'FOR end');
    const step = to >= from ? 1 : -1;
    for (let i = from; ; i += step) {
      this.tick(s);
      this.assign(s.variable, i);
      const flow = this.loopBody(s.body);
      if (flow === Flow.Break) break;
      if (flow === Flow.Return) return flow;
      if (i === to) break;
    }
    return Flow.Normal;
  }

  private foreachStatement(s: A.ForeachStatement): Flow {
    if (!s.variable) throw this.syntax(rangeOf(s));
    const source = this.evaluate(s.iterable);
    let items: Value[];
    let textArray = false;
    if (typeof source === 'string' || typeof source === 'number') {
      items = splitArray(typeof source === 'number' ? formatNumber(source) : source);
      textArray = true;
    } else if (source instanceof DynamicObject && source.items !== null) {
      items = source.items;
    } else {
      throw new RuntimeFault('unsupported', unsupported(`FOREACH over ${describeValue(source)}`), rangeOf(s.iterable));
    }
    let changed = false;
    const count = items.length;
    for (let i = 0; i < count; i++) {
      this.tick(s);
      const item = items[i] ?? '';
      this.assign(s.variable, item);
      const flow = this.loopBody(s.body);
      // Changing the loop variable writes the element back (studio-semantics.ts, FOREACH).
      if (textArray) {
        const after = this.evaluate(s.variable);
        if (after !== item) {
          items[i] = this.toText(after, rangeOf(s.variable));
          changed = true;
        }
      }
      if (flow === Flow.Break) break;
      if (flow === Flow.Return) return flow;
    }
    if (changed && (s.iterable.kind === 'Identifier' || s.iterable.kind === 'Member'))
      this.assign(s.iterable, (items as string[]).join('|'));
    return Flow.Normal;
  }

  private repeatStatement(s: A.RepeatStatement): Flow {
    const count = this.wholeNumber(s.count, 'REPEAT count');
    for (let i = 0; i < count; i++) {
      this.tick(s);
      const flow = this.loopBody(s.body);
      if (flow === Flow.Break) break;
      if (flow === Flow.Return) return flow;
    }
    return Flow.Normal;
  }

  // ------------------------------------------------------------------ assignment

  private assign(target: A.Expression, value: Value): void {
    this.checkSize(value, rangeOf(target));
    switch (target.kind) {
      case 'Identifier': {
        if (target.scope === null && this.locals?.has(target.folded)) {
          this.locals.set(target.folded, value);
          return;
        }
        if (target.scope === null && isReadOnlyName(target.folded))
          throw this.scriptError(`${target.name} is a reserved variable and cannot be assigned`, rangeOf(target));
        if (target.scope === null && isUnsettledAssignment(target.folded))
          throw new RuntimeFault('unsupported', unsupported(`assigning ${target.name}`), rangeOf(target));
        this.store.set(VariableStore.key(target.folded, target.scope === 'global'), value);
        return;
      }
      case 'Member': {
        const owner = this.evaluate(target.object);
        if (isRestProxy(owner)) {
          writeProxyProperty(owner, target.propertyFolded, target.property, value, this.text, rangeOf(target));
          return;
        }
        if (target.property === '') throw this.syntax(rangeOf(target));
        if (target.property === '__type')
          throw this.scriptError('__type is reserved and cannot be a member name', propertyRangeOf(target));
        this.objectForWrite(target.object).members.set(target.property, value);
        return;
      }
      case 'Index': {
        const index = this.arrayIndex(target.index);
        const owner = this.evaluate(target.object);
        if (owner instanceof DynamicObject) {
          this.setItem(owner, index, value, rangeOf(target));
          return;
        }
        if (typeof owner === 'string' || typeof owner === 'number') {
          const items = splitArray(typeof owner === 'number' ? formatNumber(owner) : owner);
          while (items.length < index) items.push('');
          items[index - 1] = this.toText(value, rangeOf(target));
          this.assign(target.object, items.join('|'));
          return;
        }
        throw new RuntimeFault('unsupported', unsupported(`an index on ${describeValue(owner)}`), rangeOf(target));
      }
      default:
        throw this.syntax(rangeOf(target));
    }
  }

  /** The dynamic object `e` names, creating nested members and items as Studio does when they are assigned. */
  private objectForWrite(e: A.Expression): DynamicObject {
    switch (e.kind) {
      case 'Member': {
        const parent = this.objectForWrite(e.object);
        const child = parent.members.get(e.property);
        if (child instanceof DynamicObject) return child;
        if (child !== undefined && child !== '') break;
        const created = new DynamicObject();
        parent.members.set(e.property, created);
        return created;
      }
      case 'Index': {
        const parent = this.objectForWrite(e.object);
        const index = this.arrayIndex(e.index);
        const child = parent.items?.[index - 1];
        if (child instanceof DynamicObject) return child;
        if (child !== undefined && child !== '') break;
        const created = new DynamicObject();
        this.setItem(parent, index, created, rangeOf(e));
        return created;
      }
      default: {
        const value = this.evaluate(e);
        if (value instanceof DynamicObject) return value;
        throw new RuntimeFault(
          'unsupported',
          unsupported(`a member of ${describeValue(value)}`, 'declare the variable with DYNAMIC first'),
          rangeOf(e),
        );
      }
    }
    throw new RuntimeFault('unsupported', unsupported('a member of a value that is not a dynamic object'), rangeOf(e));
  }

  private setItem(object: DynamicObject, index: number, value: Value, range: TextRange): void {
    object.items ??= [];
    const items = object.items;
    if (index > this.limits.maxArrayIndex)
      throw new RuntimeFault(
        'limit',
        `array index ${index} is above the simulator's ${this.limits.maxArrayIndex}`,
        range,
      );
    while (items.length < index - 1) items.push('');
    items[index - 1] = value;
  }

  private arrayIndex(e: A.Expression): number {
    const value = this.evaluate(e);
    const n = numericValue(value);
    if (n === undefined || !Number.isInteger(n) || n < 1)
      throw this.scriptError(`an array index must be a whole number from 1, not ${describeValue(value)}`, rangeOf(e));
    if (n > this.limits.maxArrayIndex)
      throw new RuntimeFault(
        'limit',
        `array index ${n} is above the simulator's ${this.limits.maxArrayIndex}`,
        rangeOf(e),
      );
    return n;
  }

  private checkSize(value: Value, range: TextRange): void {
    if (typeof value !== 'string') return;
    if (this.limits.maxStringSize !== undefined && value.length > this.limits.maxStringSize)
      throw new RuntimeFault(
        'unsupported',
        unsupported(
          `a value of ${value.length} characters, over the action's MaxStringSize of ${this.limits.maxStringSize}`,
          'NICE does not document whether it is cut or fails',
        ),
        range,
      );
    if (value.length > this.limits.maxTextLength)
      throw new RuntimeFault('limit', `a text of ${value.length} characters is over the simulator's limit`, range);
  }

  // ------------------------------------------------------------------ expressions

  evaluate(e: A.Expression): Value {
    switch (e.kind) {
      case 'Identifier':
        return this.read(e);
      case 'NumberLiteral':
        return e.value;
      case 'BooleanLiteral':
        return e.value;
      case 'StringLiteral':
        return this.stringLiteral(e);
      case 'Member':
        return this.member(e);
      case 'Call':
        return this.call(e);
      case 'Index':
        return this.index(e);
      case 'Binary':
        return this.binary(e);
      case 'Unary': {
        if (e.operator === '!') throw this.syntax(rangeOf(e));
        const value = this.evaluate(e.operand);
        const n = numericValue(value);
        if (n === undefined)
          throw new RuntimeFault('unsupported', unsupported(`minus before ${describeValue(value)}`), rangeOf(e));
        return -n;
      }
      case 'Paren':
        return this.evaluate(e.expression);
      case 'ErrorExpression':
        throw this.syntax(rangeOf(e));
    }
  }

  private read(id: A.Identifier): Value {
    if (id.scope === 'global') return this.store.get(VariableStore.key(id.folded, true)) ?? '';
    const local = this.locals?.get(id.folded);
    if (local !== undefined) return local;
    const reserved = reservedValue(id.folded, this.host);
    if (reserved !== undefined) return reserved;
    return this.store.get(id.folded) ?? '';
  }

  private stringLiteral(s: A.StringLiteral): Value {
    let out = '';
    for (const part of s.parts) {
      out += part.kind === 'StringText' ? part.value : this.toText(this.evaluate(part.expression), rangeOf(part));
    }
    if (s.quote !== '#"') return out;
    const ole = parseDateText(out);
    if (ole === undefined)
      throw new RuntimeFault(
        'unsupported',
        unsupported(`the date text "${out}"`, 'the simulator reads MM/dd/yyyy with an optional h:mm[:ss] [AM|PM]'),
        rangeOf(s),
      );
    return new DateValue(ole, 'date-time');
  }

  /** A value inside a string (interpolation, TRACE, headers and URLs). */
  toText(v: Value, range: TextRange): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return formatNumber(v);
    if (v instanceof DateValue) return v.text();
    if (typeof v === 'boolean')
      throw new RuntimeFault('unsupported', unsupported('a true/false value inside a string'), range);
    if (v instanceof DynamicObject)
      throw new RuntimeFault(
        'unsupported',
        unsupported('a dynamic object inside a string', 'use .asjson() for its JSON text'),
        range,
      );
    throw new RuntimeFault('unsupported', unsupported('a REST proxy inside a string'), range);
  }

  private member(e: A.MemberExpression): Value {
    const owner = this.evaluate(e.object);
    if (e.property === '') throw this.syntax(rangeOf(e));
    if (isRestProxy(owner)) return readProxyProperty(owner, e.propertyFolded, e.property, propertyRangeOf(e));
    if (owner instanceof DynamicObject) {
      const member = owner.members.get(e.property);
      if (member !== undefined) return member;
      if (e.propertyFolded === 'size' && owner.items !== null) return owner.items.length;
      return '';
    }
    if ((typeof owner === 'string' || typeof owner === 'number') && e.propertyFolded === 'size')
      return splitArray(typeof owner === 'number' ? formatNumber(owner) : owner).length;
    throw new RuntimeFault('unsupported', unsupported(`.${e.property} on ${describeValue(owner)}`), propertyRangeOf(e));
  }

  private index(e: A.IndexExpression): Value {
    const owner = this.evaluate(e.object);
    const index = this.arrayIndex(e.index);
    if (owner instanceof DynamicObject) return owner.items?.[index - 1] ?? '';
    if (typeof owner === 'string' || typeof owner === 'number')
      return splitArray(typeof owner === 'number' ? formatNumber(owner) : owner)[index - 1] ?? '';
    throw new RuntimeFault('unsupported', unsupported(`an index on ${describeValue(owner)}`), rangeOf(e));
  }

  private call(e: A.CallExpression): Value {
    const callee = e.callee;
    if (callee.kind === 'Identifier' && callee.scope === null) {
      const fn = this.functions.get(callee.folded);
      if (fn) return this.callFunction(fn, e);
      const args = e.args.map((a) => this.evaluate(a));
      switch (callee.folded) {
        case 'getrestproxy':
          return newRestProxy();
        case 'now':
          if (args.length === 0) return nowFunction(this.host);
          break;
        default:
          break;
      }
      throw new RuntimeFault(
        'unsupported',
        unsupported(
          `the function ${callee.name}()`,
          'not a FUNCTION of this snippet nor a built-in the simulator knows',
        ),
        rangeOf(callee),
      );
    }
    if (callee.kind === 'Member') {
      const owner = this.evaluate(callee.object);
      const args = e.args.map((a) => this.evaluate(a));
      this.currentRange = e;
      if (isRestProxy(owner))
        return callProxyMethod(owner, callee.propertyFolded, callee.property, args, this.text, this.host, rangeOf(e));
      if (owner instanceof DynamicObject && callee.propertyFolded === 'asjson' && args.length === 0) {
        const json = JSON.stringify(toJson(owner));
        this.checkSize(json, rangeOf(e));
        return json;
      }
      throw new RuntimeFault(
        'unsupported',
        unsupported(`.${callee.property}() on ${describeValue(owner)}`, 'not a function the simulator can confirm'),
        propertyRangeOf(callee),
      );
    }
    throw this.syntax(rangeOf(e));
  }

  private callFunction(fn: A.FunctionDeclaration, e: A.CallExpression): Value {
    const name = fn.name?.name ?? '';
    if (e.args.length !== fn.params.length)
      throw this.scriptError(
        `${name} takes ${fn.params.length} argument${fn.params.length === 1 ? '' : 's'}, not ${e.args.length}`,
        rangeOf(e),
      );
    if (this.callDepth >= this.limits.maxCallDepth)
      throw new RuntimeFault('limit', `function calls nest deeper than ${this.limits.maxCallDepth} levels`, rangeOf(e));
    const frame = new Map<string, Value>();
    for (let i = 0; i < fn.params.length; i++) frame.set(fn.params[i]!.folded, this.evaluate(e.args[i]!));
    this.tick(e);
    const savedLocals = this.locals;
    const savedLoops = this.loopDepth;
    this.locals = frame;
    this.loopDepth = 0;
    this.callDepth++;
    try {
      const flow = this.block(fn.body);
      if (flow === Flow.Break) throw this.scriptError('BREAK outside a loop', rangeOf(this.currentRange));
      const result = flow === Flow.Return ? this.returnValue : '';
      this.returnValue = '';
      return result;
    } finally {
      this.callDepth--;
      this.locals = savedLocals;
      this.loopDepth = savedLoops;
    }
  }

  private condition(e: A.Expression): boolean {
    const value = this.evaluate(e);
    const truth = truthValue(value);
    if (truth === undefined)
      throw new RuntimeFault(
        'unsupported',
        unsupported(`a condition that is ${describeValue(value)}`, 'a condition must be true or false'),
        rangeOf(e),
      );
    return truth;
  }

  private binary(e: A.BinaryExpression): Value {
    const left = this.evaluate(e.left);
    const right = this.evaluate(e.right);
    switch (e.operator) {
      case '&':
      case '|':
      case '~': {
        const l = this.truth(left, e.left);
        const r = this.truth(right, e.right);
        return e.operator === '&' ? l && r : e.operator === '|' ? l || r : l !== r;
      }
      case '=':
        return this.equals(left, right, e.left, e.right, rangeOf(e));
      case '!=':
        return !this.equals(left, right, e.left, e.right, rangeOf(e));
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.order(e, left, right);
      default:
        return this.arithmetic(e, left, right);
    }
  }

  private truth(value: Value, e: A.Expression): boolean {
    const t = truthValue(value);
    if (t === undefined)
      throw new RuntimeFault('unsupported', unsupported(`& | or ~ on ${describeValue(value)}`), rangeOf(e));
    return t;
  }

  /** Numbers (numeric text included) if both sides are numeric, else undefined; refuses the ambiguous cases. */
  private numericPair(
    left: Value,
    right: Value,
    l: A.Expression,
    r: A.Expression,
    range: TextRange,
  ): [number, number] | undefined {
    if (typeof left === 'object' && !(left instanceof DateValue))
      throw new RuntimeFault('unsupported', unsupported(`comparing ${describeValue(left)}`), range);
    if (typeof right === 'object' && !(right instanceof DateValue))
      throw new RuntimeFault('unsupported', unsupported(`comparing ${describeValue(right)}`), range);
    if (isDollarName(l) || isDollarName(r)) return undefined; // a `$` name compares as text
    const ln = numericValue(left);
    const rn = numericValue(right);
    if (ln === undefined || rn === undefined) return undefined;
    if (left instanceof DateValue !== right instanceof DateValue)
      throw new RuntimeFault(
        'unsupported',
        unsupported(
          'comparing a date variable directly with a number',
          'NICE documents its numeric form only inside arithmetic: write (expiry - utc) * 86400 <= buffer',
        ),
        range,
      );
    return [ln, rn];
  }

  private equals(left: Value, right: Value, l: A.Expression, r: A.Expression, range: TextRange): boolean {
    if (typeof left === 'boolean' || typeof right === 'boolean') {
      const a = truthValue(left);
      const b = truthValue(right);
      if (a === undefined || b === undefined)
        throw new RuntimeFault(
          'unsupported',
          unsupported(`comparing ${describeValue(left)} with ${describeValue(right)}`),
          range,
        );
      return a === b;
    }
    const numbers = this.numericPair(left, right, l, r, range);
    if (numbers) return numbers[0] === numbers[1];
    const a = this.toText(left, range);
    const b = this.toText(right, range);
    if (a === b) return true;
    if (a.length === b.length && a.toLowerCase() === b.toLowerCase())
      throw new RuntimeFault(
        'unsupported',
        unsupported('comparing texts that differ only in letter case', 'NICE does not document whether = ignores case'),
        range,
      );
    return false;
  }

  private order(e: A.BinaryExpression, left: Value, right: Value): boolean {
    const numbers = this.numericPair(left, right, e.left, e.right, rangeOf(e));
    if (!numbers)
      throw new RuntimeFault(
        'unsupported',
        unsupported(
          `${e.operator} between ${describeValue(left)} and ${describeValue(right)}`,
          'ordering of text is not documented',
        ),
        rangeOf(e),
      );
    const [a, b] = numbers;
    switch (e.operator) {
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      default:
        return a >= b;
    }
  }

  private arithmetic(e: A.BinaryExpression, left: Value, right: Value): Value {
    let a = numericValue(left);
    let b = numericValue(right);
    const sum = e.operator === '+' || e.operator === '-';
    if (a === undefined && b === undefined && (left !== '' || right !== ''))
      throw new RuntimeFault(
        'unsupported',
        unsupported(
          `${e.operator} between ${describeValue(left)} and ${describeValue(right)}`,
          'Studio does not join text with +: write "{a}{b}" (String Handling)',
        ),
        rangeOf(e),
      );
    if (a === undefined || b === undefined) {
      if (!sum)
        throw new RuntimeFault(
          'unsupported',
          unsupported(
            `${e.operator} with ${describeValue(a === undefined ? left : right)}`,
            'NICE documents ignoring a non-numeric value only in sums',
          ),
          a === undefined ? rangeOf(e.left) : rangeOf(e.right),
        );
      a ??= 0; // a non-numeric variable is ignored (studio-semantics.ts, NUMERIC EXPRESSIONS)
      b ??= 0;
    }
    let result: number;
    switch (e.operator) {
      case '+':
        result = a + b;
        break;
      case '-':
        result = a - b;
        break;
      case '*':
        result = a * b;
        break;
      case '/':
      case '\\':
      case '%':
        if (b === 0) throw this.scriptError('division by zero', rangeOf(e));
        result = e.operator === '/' ? a / b : e.operator === '%' ? a % b : Math.trunc(a / b);
        break;
      case '^':
        result = a ** b;
        break;
      default:
        throw this.syntax(rangeOf(e));
    }
    if (!Number.isFinite(result)) throw this.scriptError('the result is not a finite number', rangeOf(e));
    return result;
  }

  // ------------------------------------------------------------------ faults

  private scriptError(message: string, range: TextRange): RuntimeFault {
    return new RuntimeFault('script-error', message, range);
  }

  private syntax(range: TextRange): RuntimeFault {
    return new RuntimeFault('syntax', "this code has a syntax error (Studio's Check Syntax rejects it)", range);
  }
}
