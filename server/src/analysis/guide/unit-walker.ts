import type {
  AnyNode,
  AssignmentExpression,
  ConditionalExpression,
  IfStatement,
  Program,
  SwitchStatement,
} from 'acorn';
import type { Decision, ScriptAssign, SetStatement } from '../../syntax/guide/ast';
import { childrenOf, forEachNode } from '../../syntax/guide/walk';
import { rangesStartingIn } from '../../common/text-range';
import { isAuthorizationHeaderName } from '../vocabulary/http';
import { foldName, isErrorVariableName } from '../vocabulary/names';
import { Bindings } from './bindings';
import { bareTokenFinding } from './literals';
import { analyzeCondition, readsOf, statusLink, type ConditionFacts } from './conditions';
import type { DocumentState, UnitState } from './extract-state';
import { numericValue } from './expressions';
import { Requests } from './requests';
import type { UnitDraft } from './unit-draft';
import { guarded, keyName, nodeRange, TOP_LEVEL, uniqueFolded, UnitScope, type WalkContext } from './walk-context';

/**
 * Deeper nesting than this is not analysed (the parser reports absurd nesting). Below the parser's bound: at its limit
 * of 394 nested `if (a) if (b) …` the walk, not yet optimised by the JIT (about 1 KB of stack per level), overflowed
 * the 400 KB the deep-nesting test allows (40% of the default stack); 256 levels stay under it.
 */
const MAX_DEPTH = 256;

/**
 * Lowers one unit's code into events: a SNIPPET body's JavaScript-like program, or script-level ASSIGN/SET values and
 * DECISION conditions. Visits in source order; facts that arrive later (the `send()` a header belongs to, a request
 * turning out to be a token request) are patched into the still-mutable drafts. This file walks the tree and reads
 * conditions; bindings.ts reads stored values, requests.ts requests and headers, walk-context.ts holds what they share.
 */
export class UnitWalker {
  private depth = 0;
  private readonly setByStart = new Map<number, SetStatement>();
  private readonly scope: UnitScope;
  private readonly requests: Requests;
  private readonly bindings: Bindings;

  constructor(doc: DocumentState, unit: UnitState, draft: UnitDraft, sets: readonly SetStatement[] = []) {
    for (const set of sets) this.setByStart.set(set.nameRange.start, set);
    this.scope = new UnitScope(doc, unit, draft, (node, ctx) => this.visit(node, ctx));
    this.requests = new Requests(this.scope);
    this.bindings = new Bindings(this.scope, this.requests);
  }

  walkProgram(program: Program): void {
    forEachNode(program, (node) => {
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier')
        this.scope.unit.declared.add(foldName(node.id.name));
      if (
        node.type === 'FunctionDeclaration' ||
        node.type === 'FunctionExpression' ||
        node.type === 'ArrowFunctionExpression'
      ) {
        if (node.type === 'FunctionDeclaration' && node.id) this.scope.unit.declared.add(foldName(node.id.name));
        for (const param of node.params)
          if (param.type === 'Identifier') this.scope.unit.declared.add(foldName(param.name));
      }
    });
    this.visit(program, TOP_LEVEL);
  }

  /** `ASSIGN x = …;` / `SET x = …;` at script level: a script variable. */
  scriptAssign(item: ScriptAssign): void {
    this.scope.inStatement(item.range, () => {
      if (item.value) this.visit(item.value, TOP_LEVEL);
      this.bindings.bind(item.target, item.value, { range: item.range, persistent: true }, TOP_LEVEL);
    });
  }

  /** `DECISION "{strApiError}" = ""`: a condition; branching on an error variable is an error path. */
  decision(item: Decision): void {
    const facts: ConditionFacts = item.expression
      ? analyzeCondition(item.expression, this.scope.unit, this.scope.doc)
      : { reads: uniqueFolded(item.substitutions.map((s) => s.name)), presence: [] };
    const id = this.scope.doc.nextConditionId();
    this.scope.draft.addCondition({
      id,
      range: item.conditionRange,
      reads: facts.reads,
      ...(facts.expiryCheck ? { expiryCheck: facts.expiryCheck } : {}),
      ...(facts.statusCheck ? { statusCheck: facts.statusCheck } : {}),
    });
    for (const presence of facts.presence) {
      this.scope.draft.emit(
        { kind: 'token-presence-check', range: presence.range, variable: presence.variable },
        TOP_LEVEL,
      );
    }
    if (item.expression) this.visit(item.expression, TOP_LEVEL);
    if (facts.reads.some(isErrorVariableName))
      this.scope.draft.emit({ kind: 'error-path', range: item.range }, TOP_LEVEL);
  }

  private visit(node: AnyNode | null | undefined, ctx: WalkContext): void {
    if (!node || this.depth >= MAX_DEPTH) return;
    this.depth++;
    try {
      this.visitNode(node, ctx);
    } finally {
      this.depth--;
    }
  }

  private visitAll(nodes: readonly (AnyNode | null | undefined)[], ctx: WalkContext): void {
    for (const node of nodes) this.visit(node, ctx);
  }

  private visitChildren(node: AnyNode, ctx: WalkContext): void {
    this.visitAll(childrenOf(node), ctx);
  }

  private visitNode(node: AnyNode, ctx: WalkContext): void {
    switch (node.type) {
      case 'ExpressionStatement':
        this.bareToken(node, ctx);
        return this.scope.inStatement(this.setByStart.get(node.start)?.range ?? node, () => {
          const set = this.setByStart.get(node.start);
          if (node.expression.type === 'AssignmentExpression') {
            this.bindings.assignment(node.expression, ctx, set ? set.range : nodeRange(node), set ? true : undefined);
          } else {
            this.visit(node.expression, ctx);
          }
        });
      case 'LabeledStatement': {
        // `SET global:x = 1` reads as the label `global:` on `x = 1`.
        const body = node.body;
        if (
          node.label.name.toLowerCase() === 'global' &&
          body.type === 'ExpressionStatement' &&
          body.expression.type === 'AssignmentExpression'
        ) {
          const range = this.setByStart.get(node.start)?.range ?? nodeRange(node);
          return this.scope.inStatement(range, () =>
            this.bindings.assignment(body.expression as AssignmentExpression, ctx, range, true),
          );
        }
        return this.visit(body, ctx);
      }
      case 'VariableDeclaration':
        return this.scope.inStatement(node, () => {
          for (const declarator of node.declarations) {
            this.visit(declarator.init, ctx);
            if (declarator.id.type !== 'Identifier') {
              this.visit(declarator.id, ctx);
              continue;
            }
            if (!declarator.init) {
              this.scope.unit.forget(foldName(declarator.id.name));
              continue;
            }
            const range = node.declarations.length === 1 ? nodeRange(node) : nodeRange(declarator);
            this.bindings.bind(declarator.id.name, declarator.init, { range, persistent: false }, ctx);
          }
        });
      case 'IfStatement':
        return this.scope.inStatement(node, () => this.withCommentedStatus(node, () => this.ifStatement(node, ctx)));
      case 'ConditionalExpression':
        return this.conditional(node, ctx);
      case 'SwitchStatement':
        return this.scope.inStatement(node, () =>
          this.withCommentedStatus(node, () => this.switchStatement(node, ctx)),
        );
      case 'ForStatement':
        return this.scope.inStatement(node, () => {
          this.visit(node.init, ctx);
          const loop = { ...ctx, inLoop: true };
          this.visitAll([node.test, node.update, node.body], loop);
        });
      case 'WhileStatement':
      case 'DoWhileStatement':
        return this.scope.inStatement(node, () => this.visitAll([node.test, node.body], { ...ctx, inLoop: true }));
      case 'ForInStatement':
      case 'ForOfStatement':
        return this.scope.inStatement(node, () => {
          this.visit(node.right, ctx);
          this.visitAll([node.left, node.body], { ...ctx, inLoop: true });
        });
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.visit(node.body, { ...ctx, inFunction: true });
      case 'ReturnStatement':
        return this.scope.inStatement(node, () => {
          this.visit(node.argument, ctx);
          if (!ctx.inFunction) this.scope.draft.emit({ kind: 'error-path', range: nodeRange(node) }, ctx);
        });
      case 'ThrowStatement':
        return this.scope.inStatement(node, () => {
          this.visit(node.argument, ctx);
          this.scope.draft.emit({ kind: 'error-path', range: nodeRange(node) }, ctx);
        });
      case 'AssignmentExpression':
        return this.bindings.assignment(node, ctx, nodeRange(node), undefined);
      case 'CallExpression':
        return this.requests.call(node, ctx);
      case 'Literal':
        if (typeof node.value === 'string') {
          this.scope.literal(node, ctx);
          this.requests.bearerUses(node, ctx);
        }
        return;
      case 'TemplateLiteral':
        this.scope.literal(node, ctx);
        this.requests.bearerUses(node, ctx);
        return this.visitAll(node.expressions, ctx);
      case 'BinaryExpression':
        // Inner links of a `+` chain were read with the chain's top: reading each again would be quadratic.
        if (node.operator === '+' && !this.requests.concatenated.has(node)) this.requests.bearerUses(node, ctx);
        return this.visitChildren(node, ctx);
      case 'ObjectExpression':
        for (const property of node.properties) {
          if (property.type !== 'Property') {
            this.visit(property, ctx);
            continue;
          }
          if (property.computed) this.visit(property.key, ctx);
          this.visit(property.value, ctx);
          const key = keyName(property.key, property.computed);
          if (key === undefined) continue;
          if (isAuthorizationHeaderName(key)) this.requests.bearerUses(property.value, ctx);
          this.scope.namedLiteral(key, property.value, ctx);
        }
        return;
      default:
        if (/Statement$|Declaration$/.test(node.type) && node.type !== 'BlockStatement') {
          return this.scope.inStatement(node, () => this.visitChildren(node, ctx));
        }
        return this.visitChildren(node, ctx);
    }
  }

  /**
   * Reads a branching statement; the status checks it makes get the 401/403 its comments hold in commented-out code
   * (`// case 401:` next to a `default:`).
   */
  private withCommentedStatus(node: AnyNode, read: () => void): void {
    const first = this.scope.draft.conditionCount;
    read();
    if (this.scope.draft.conditionCount === first) return;
    const { comments, text } = this.scope.doc;
    const texts = rangesStartingIn(comments, node).map((comment) => text.slice(comment.start, comment.end));
    this.scope.draft.noteCommentedStatus(first, texts);
  }

  /** A token pasted on a line of its own reads as an expression statement: it is a literal token all the same. */
  private bareToken(node: AnyNode, ctx: WalkContext): void {
    if (node.end - node.start < 20) return;
    const token = bareTokenFinding(this.scope.doc.text, nodeRange(node));
    if (token) this.scope.draft.emitLiteral(token, nodeRange(node), ctx);
  }

  private condition(owner: AnyNode, test: AnyNode, ctx: WalkContext): number {
    const facts = analyzeCondition(test, this.scope.unit, this.scope.doc);
    const id = this.scope.doc.nextConditionId();
    this.scope.draft.addCondition({
      id,
      range: nodeRange(test),
      reads: facts.reads,
      ...(facts.expiryCheck ? { expiryCheck: facts.expiryCheck } : {}),
      ...(facts.statusCheck ? { statusCheck: facts.statusCheck } : {}),
    });
    for (const presence of facts.presence) {
      this.scope.draft.emit({ kind: 'token-presence-check', range: presence.range, variable: presence.variable }, ctx);
    }
    this.visit(test, ctx);
    this.scope.conditionByNode.set(owner, id);
    return id;
  }

  private ifStatement(node: IfStatement, ctx: WalkContext): void {
    const id = this.condition(node, node.test, ctx);
    this.visit(node.consequent, guarded(ctx, id, 'then'));
    this.visit(node.alternate, guarded(ctx, id, 'else'));
  }

  private conditional(node: ConditionalExpression, ctx: WalkContext): void {
    const id = this.condition(node, node.test, ctx);
    this.visit(node.consequent, guarded(ctx, id, 'then'));
    this.visit(node.alternate, guarded(ctx, id, 'else'));
  }

  /** Cases sharing one body form one condition; `default` runs in the else of every case before it. */
  private switchStatement(node: SwitchStatement, ctx: WalkContext): void {
    this.visit(node.discriminant, ctx);
    const status = statusLink(node.discriminant, this.scope.unit, this.scope.doc);
    const earlier: number[] = [];
    let tests: AnyNode[] = [];
    let groupStart: number | undefined;
    for (const switchCase of node.cases) {
      if (!switchCase.test) {
        const elseCtx = earlier.reduce<WalkContext>((acc, id) => guarded(acc, id, 'else'), ctx);
        this.visitAll(switchCase.consequent, elseCtx);
        continue;
      }
      tests.push(switchCase.test);
      groupStart ??= switchCase.start;
      if (switchCase.consequent.length === 0 && switchCase !== node.cases[node.cases.length - 1]) continue;
      const codes = tests.map((t) => numericValue(t)).filter((n): n is number => n !== undefined);
      const id = this.scope.doc.nextConditionId();
      const last = tests[tests.length - 1]!;
      const reads = uniqueFolded([...readsOf(node.discriminant), ...tests.flatMap((t) => readsOf(t))]);
      this.scope.draft.addCondition({
        id,
        range: { start: groupStart, end: last.end },
        reads,
        ...(status && codes.length > 0
          ? {
              statusCheck: {
                ...(status.callId === undefined ? {} : { callId: status.callId }),
                equals: codes,
                notEquals: [],
                rangeComparison: false,
              },
            }
          : {}),
      });
      this.visitAll(tests, ctx);
      this.visitAll(switchCase.consequent, guarded(ctx, id, 'then'));
      earlier.push(id);
      tests = [];
      groupStart = undefined;
    }
  }
}
