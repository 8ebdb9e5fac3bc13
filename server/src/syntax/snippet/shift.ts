import type { TextRange } from '../../common/text-range';
import type * as A from './ast';

/**
 * A copy of a top-level statement moved by `delta` characters: what a fresh parse of the same code `delta` further on
 * gives (syntax/snippet/reuse.ts takes statements after an edit over this way). Each node is written as the parser
 * writes it, with its properties in the same order, so that the copies share the parser's hidden classes and the
 * code reading them stays monomorphic (test/unit/syntax/snippet-reuse.test.ts compares keys and values).
 */
export function shiftedStatement(s: A.Statement, delta: number): A.Statement | undefined {
  try {
    return new Shift(delta).statement(s);
  } catch (e) {
    if (e === TOO_DEEP) return undefined; // the caller parses it again (the parser's own walk is iterative)
    throw e;
  }
}

/**
 * How deep the copy recurses before it gives up: operator and member chains can be thousands of nodes deep, far
 * deeper than a statement worth copying (and than the stack allows).
 */
const MAX_DEPTH = 400;
const TOO_DEEP = new Error('too deep to copy');

class Shift {
  private depth = 0;

  constructor(private readonly d: number) {}

  statement(s: A.Statement): A.Statement {
    if (++this.depth > MAX_DEPTH) throw TOO_DEEP;
    const copy = this.statementAt(s);
    this.depth--;
    return copy;
  }

  private statementAt(s: A.Statement): A.Statement {
    const d = this.d;
    switch (s.kind) {
      case 'Assign':
        return {
          kind: 'Assign',
          start: s.start + d,
          end: s.end + d,
          hasAssignKeyword: s.hasAssignKeyword,
          target: this.expression(s.target),
          value: this.expression(s.value),
        };
      case 'Dynamic':
        return { kind: 'Dynamic', start: s.start + d, end: s.end + d, name: this.identifierOrNull(s.name) };
      case 'Function':
        return {
          kind: 'Function',
          start: s.start + d,
          end: s.end + d,
          name: this.identifierOrNull(s.name),
          params: s.params.map((p) => this.identifier(p)),
          body: this.block(s.body),
        };
      case 'Return':
        return { kind: 'Return', start: s.start + d, end: s.end + d, value: this.expressionOrNull(s.value) };
      case 'If':
        return this.ifStatement(s);
      case 'Switch':
        return {
          kind: 'Switch',
          start: s.start + d,
          end: s.end + d,
          discriminant: this.expression(s.discriminant),
          clauses: s.clauses.map((c) => this.clause(c)),
          closed: s.closed,
        };
      case 'Select':
        return {
          kind: 'Select',
          start: s.start + d,
          end: s.end + d,
          clauses: s.clauses.map((c) => this.clause(c)),
          closed: s.closed,
        };
      case 'For':
        return {
          kind: 'For',
          start: s.start + d,
          end: s.end + d,
          variable: this.identifierOrNull(s.variable),
          from: this.expression(s.from),
          to: this.expression(s.to),
          body: this.block(s.body),
        };
      case 'Foreach':
        return {
          kind: 'Foreach',
          start: s.start + d,
          end: s.end + d,
          variable: this.identifierOrNull(s.variable),
          iterable: this.expression(s.iterable),
          body: this.block(s.body),
        };
      case 'Repeat':
        return {
          kind: 'Repeat',
          start: s.start + d,
          end: s.end + d,
          count: this.expression(s.count),
          body: this.block(s.body),
        };
      case 'Break':
        return { kind: 'Break', start: s.start + d, end: s.end + d };
      case 'Trace':
        return { kind: 'Trace', start: s.start + d, end: s.end + d, value: this.expression(s.value) };
      case 'Uses':
        return { kind: 'Uses', start: s.start + d, end: s.end + d, value: this.expression(s.value) };
      case 'ExpressionStatement':
        return {
          kind: 'ExpressionStatement',
          start: s.start + d,
          end: s.end + d,
          expression: this.expression(s.expression),
        };
      case 'ErrorStatement':
        return {
          kind: 'ErrorStatement',
          start: s.start + d,
          end: s.end + d,
          block: s.block === null ? null : this.block(s.block),
        };
    }
  }

  private ifStatement(s: A.IfStatement): A.IfStatement {
    const d = this.d;
    let elseBranch: A.Block | A.IfStatement | null = null;
    if (s.else?.kind === 'If') {
      if (++this.depth > MAX_DEPTH) throw TOO_DEEP; // ELSE IF chains
      elseBranch = this.ifStatement(s.else);
      this.depth--;
    } else if (s.else) elseBranch = this.block(s.else);
    return {
      kind: 'If',
      start: s.start + d,
      end: s.end + d,
      condition: this.expression(s.condition),
      // biome-ignore lint/suspicious/noThenProperty: the IF branch is named after the keyword; never awaited
      then: this.block(s.then),
      else: elseBranch,
      elseKeywordRange: this.rangeOrNull(s.elseKeywordRange),
      elseIfWithoutBraces: s.elseIfWithoutBraces,
    };
  }

  private block(b: A.Block): A.Block {
    return {
      kind: 'Block',
      start: b.start + this.d,
      end: b.end + this.d,
      body: b.body.map((s) => this.statement(s)),
      closed: b.closed,
      missing: b.missing,
    };
  }

  private clause(c: A.SwitchClause): A.SwitchClause {
    const d = this.d;
    if (c.kind === 'DefaultClause')
      return { kind: 'DefaultClause', start: c.start + d, end: c.end + d, body: this.block(c.body) };
    return {
      kind: 'CaseGroup',
      start: c.start + d,
      end: c.end + d,
      labels: c.labels.map((l) => ({
        kind: 'CaseLabel' as const,
        start: l.start + d,
        end: l.end + d,
        value: this.expression(l.value),
      })),
      body: this.block(c.body),
    };
  }

  private identifier(x: A.Identifier): A.Identifier {
    const d = this.d;
    return {
      kind: 'Identifier',
      start: x.start + d,
      end: x.end + d,
      text: x.text,
      name: x.name,
      folded: x.folded,
      scope: x.scope,
    };
  }

  private identifierOrNull(x: A.Identifier | null): A.Identifier | null {
    return x === null ? null : this.identifier(x);
  }

  private expressionOrNull(e: A.Expression | null): A.Expression | null {
    return e === null ? null : this.expression(e);
  }

  private rangeOrNull(r: TextRange | null): TextRange | null {
    return r === null ? null : { start: r.start + this.d, end: r.end + this.d };
  }

  private expression(e: A.Expression): A.Expression {
    if (++this.depth > MAX_DEPTH) throw TOO_DEEP;
    const copy = this.expressionAt(e);
    this.depth--;
    return copy;
  }

  private expressionAt(e: A.Expression): A.Expression {
    const d = this.d;
    switch (e.kind) {
      case 'Identifier':
        return this.identifier(e);
      case 'NumberLiteral':
        return { kind: 'NumberLiteral', start: e.start + d, end: e.end + d, raw: e.raw, value: e.value };
      case 'BooleanLiteral':
        return { kind: 'BooleanLiteral', start: e.start + d, end: e.end + d, value: e.value };
      case 'StringLiteral':
        return {
          kind: 'StringLiteral',
          start: e.start + d,
          end: e.end + d,
          quote: e.quote,
          parts: e.parts.map((p) => this.stringPart(p)),
          terminated: e.terminated,
        };
      case 'Member':
        return {
          kind: 'Member',
          start: e.start + d,
          end: e.end + d,
          object: this.expression(e.object),
          property: e.property,
          propertyFolded: e.propertyFolded,
          propertyStart: e.propertyStart + d,
        };
      case 'Call':
        return {
          kind: 'Call',
          start: e.start + d,
          end: e.end + d,
          callee: this.expression(e.callee),
          args: e.args.map((a) => this.expression(a)),
          closed: e.closed,
        };
      case 'Index':
        return {
          kind: 'Index',
          start: e.start + d,
          end: e.end + d,
          object: this.expression(e.object),
          index: this.expression(e.index),
          closed: e.closed,
        };
      case 'Binary':
        return {
          kind: 'Binary',
          start: e.start + d,
          end: e.end + d,
          operator: e.operator,
          operatorStart: e.operatorStart + d,
          operatorEnd: e.operatorEnd + d,
          left: this.expression(e.left),
          right: this.expression(e.right),
        };
      case 'Unary':
        return {
          kind: 'Unary',
          start: e.start + d,
          end: e.end + d,
          operator: e.operator,
          operand: this.expression(e.operand),
        };
      case 'Paren':
        return {
          kind: 'Paren',
          start: e.start + d,
          end: e.end + d,
          expression: this.expression(e.expression),
          closed: e.closed,
        };
      case 'ErrorExpression':
        return { kind: 'ErrorExpression', start: e.start + d, end: e.end + d };
    }
  }

  private stringPart(p: A.StringPart): A.StringPart {
    const d = this.d;
    if (p.kind === 'StringText')
      return { kind: 'StringText', start: p.start + d, end: p.end + d, raw: p.raw, value: p.value };
    return {
      kind: 'Interpolation',
      start: p.start + d,
      end: p.end + d,
      expression: this.expression(p.expression),
      closed: p.closed,
    };
  }
}
