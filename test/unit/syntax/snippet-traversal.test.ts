import { strict as assert } from 'node:assert';
import {
  childrenOf,
  pushExpressionChildren,
  walk,
  type AstNode,
  type ExpressionNode,
} from '../../../server/src/syntax/snippet/ast';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';

/** Enter and leave calls (kind@start, with the parent's) of a plain explicit-stack pre-order walk over childrenOf. */
function referenceWalk(root: AstNode): string[] {
  const calls: string[] = [];
  const name = (n: AstNode | null): string => (n ? `${n.kind}@${n.start}` : 'null');
  const stack: { node: AstNode; parent: AstNode | null; leaving: boolean }[] = [
    { node: root, parent: null, leaving: false },
  ];
  while (stack.length > 0) {
    const { node, parent, leaving } = stack.pop()!;
    if (leaving) {
      calls.push(`leave ${name(node)} < ${name(parent)}`);
      continue;
    }
    calls.push(`enter ${name(node)} < ${name(parent)}`);
    stack.push({ node, parent, leaving: true });
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent: node, leaving: false });
  }
  return calls;
}

function walkCalls(root: AstNode): string[] {
  const calls: string[] = [];
  const name = (n: AstNode | null): string => (n ? `${n.kind}@${n.start}` : 'null');
  walk(
    root,
    (node, parent) => {
      calls.push(`enter ${name(node)} < ${name(parent)}`);
    },
    (node, parent) => {
      calls.push(`leave ${name(node)} < ${name(parent)}`);
    },
  );
  return calls;
}

const CUSTOMER_LOOKUP = [
  'ASSIGN proxy = GetRESTProxy()',
  'proxy.AddHeader("Authorization", "Bearer {global:cachedToken}")',
  'ASSIGN account = proxy.MakeRestRequest("{baseUrl}/accounts/{ANI}?expand=orders", "", 0, "GET")',
  'SELECT',
  '{',
  '  CASE proxy.StatusCode = 401 | proxy.StatusCode = 403 { ASSIGN cachedToken = "" }',
  '  DEFAULT { FOREACH order IN account.orders { IF order.total > (100 * -1.5) & order.tags[1] != "x" ' +
    '{ summary = "{summary}|{order.id.left(8)}" } } }',
  '}',
].join('\n');

describe('snippet tree traversals', () => {
  it('pushExpressionChildren pushes the forEachChild children, in reverse, for every expression-level node', () => {
    const { program } = parseSnippet(CUSTOMER_LOOKUP);
    let checked = 0;
    walk(program, (node) => {
      if (!isExpressionLevel(node)) return;
      const stack: ExpressionNode[] = [];
      pushExpressionChildren(node, stack);
      assert.deepEqual(stack.reverse(), childrenOf(node));
      checked++;
    });
    assert.ok(checked > 40);
  });

  it('walk makes the same enter and leave calls, with the same parents, as a plain explicit-stack walk', () => {
    const { program } = parseSnippet(CUSTOMER_LOOKUP);
    assert.deepEqual(walkCalls(program), referenceWalk(program));
  });

  it('walk stays the same past its recursion limit: long operator and member chains', () => {
    const terms = Array.from({ length: 600 }, (_, i) =>
      i % 3 === 0 ? `"{t${i}.u}"` : i % 3 === 1 ? `f(a${i})` : `(b${i})`,
    );
    const text = `x = ${terms.join(' + ')}\ny = q${'.m'.repeat(600)}`;
    const { program, errors } = parseSnippet(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(walkCalls(program), referenceWalk(program));
  });
});

function isExpressionLevel(node: AstNode): node is ExpressionNode {
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
    case 'StringText':
    case 'Interpolation':
      return true;
    default:
      return false;
  }
}
