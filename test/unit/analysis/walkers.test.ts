import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyNode } from 'acorn';
import * as acornWalk from 'acorn-walk';
import { parseGuide } from '../../../server/src/syntax/guide';
import { childrenOf, forEachNode, walkNodes, walkWithAncestors } from '../../../server/src/syntax/guide/walk';
import {
  pushExpressionChildren,
  walk,
  type AstNode,
  type Expression,
  type ExpressionNode,
} from '../../../server/src/syntax/snippet/ast';
import { parseSnippet } from '../../../server/src/syntax/snippet/parser';

const ROOT = join(__dirname, '../../..');

function filesEndingWith(extension: string, ...folders: string[]): string[] {
  const found: string[] = [];
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    else if (path.endsWith(extension)) found.push(path);
  };
  for (const folder of folders) visit(join(ROOT, folder));
  return found;
}

/** Every acorn tree of a `.studio` file: SNIPPET bodies, script-level values and decisions. */
function acornTrees(text: string): AnyNode[] {
  const trees: AnyNode[] = [];
  for (const item of parseGuide(text).items) {
    if (item.kind === 'SnippetBlock') trees.push(item.program);
    else if (item.kind === 'ScriptAssign' && item.value) trees.push(item.value);
    else if (item.kind === 'Decision' && item.expression) trees.push(item.expression);
  }
  return trees;
}

describe('one walker per syntax tree', () => {
  const guideFiles = filesEndingWith('.studio', 'examples', 'test/fixtures');

  it('the acorn walker visits the nodes acorn-walk does, in the same order, on every .studio fixture', () => {
    assert.ok(guideFiles.length >= 20, `only ${guideFiles.length} files`);
    for (const file of guideFiles) {
      for (const tree of acornTrees(readFileSync(file, 'utf8'))) {
        const ours: AnyNode[] = [];
        walkNodes(tree, (node) => ours.push(node));
        const theirs: AnyNode[] = [];
        acornWalk.full(tree, (node) => theirs.push(node));
        assert.deepEqual(
          ours.map((n) => `${n.type}@${n.start}`),
          theirs.map((n) => `${n.type}@${n.start}`),
          file,
        );
        const ourAncestors: string[] = [];
        walkWithAncestors(tree, (_node, ancestors) => ourAncestors.push(ancestors.map((a) => a.type).join('>')));
        const theirAncestors: string[] = [];
        acornWalk.fullAncestor(tree, (_node, _state, ancestors) =>
          theirAncestors.push(ancestors.map((a) => a.type).join('>')),
        );
        assert.deepEqual(ourAncestors, theirAncestors, file);
      }
    }
  });

  it('pre-order forEachNode meets the same nodes, a parent before its children, and can skip a subtree', () => {
    const [program] = acornTrees(
      'SNIPPET\nvar req = new CXone.HttpRequest();\nreq.headers["Authorization"] = "Bearer " + tok;\nEND SNIPPET\n',
    );
    const types: string[] = [];
    forEachNode(program!, (node) => {
      types.push(node.type);
      return node.type !== 'NewExpression';
    });
    assert.deepEqual(types.slice(0, 5), [
      'Program',
      'VariableDeclaration',
      'VariableDeclarator',
      'Identifier',
      'NewExpression',
    ]);
    assert.ok(!types.includes('MemberExpression') || types.indexOf('MemberExpression') > 5);
    assert.equal(types.filter((t) => t === 'Identifier').length, 3, 'req, req and tok: no property names');
  });

  // The guide parser's recursion guard refuses chains beyond about 790 operators ("nested too deeply").
  it('walks the longest concatenation the guide parser accepts (700 terms) without recursion', () => {
    const body = `var s = ${Array.from({ length: 700 }, (_, i) => `"p${i}"`).join(' + ')};`;
    const [program] = acornTrees(`SNIPPET\n${body}\nEND SNIPPET\n`);
    let literals = 0;
    walkNodes(program!, (node) => {
      if (node.type === 'Literal') literals++;
    });
    assert.equal(literals, 700);
    assert.equal(childrenOf(program!).length, 1);
  });

  it('a loop over pushExpressionChildren meets the nodes walk meets, in order, and can leave out called names', () => {
    const loopOrder = (root: Expression, calledNames: boolean): string[] => {
      const seen: string[] = [];
      const stack: ExpressionNode[] = [root];
      for (let n = stack.pop(); n; n = stack.pop()) {
        seen.push(`${n.kind}@${n.start}`);
        pushExpressionChildren(n, stack, calledNames);
      }
      return seen;
    };
    for (const file of filesEndingWith('.snippet', 'examples', 'test/fixtures/rules')) {
      const { program } = parseSnippet(readFileSync(file, 'utf8'));
      walk(program, (node: AstNode) => {
        if (node.kind !== 'Assign' && node.kind !== 'ExpressionStatement') return undefined;
        const root: Expression = node.kind === 'Assign' ? node.value : node.expression;
        const viaWalk: string[] = [];
        walk(root, (n) => {
          viaWalk.push(`${n.kind}@${n.start}`);
        });
        assert.deepEqual(loopOrder(root, true), viaWalk, file);
        return false;
      });
    }
    const { program } = parseSnippet('ASSIGN x = GetOAuthToken(tokenUrl) + proxy.MakeRestRequest(url, "", 0, "GET")');
    const assign = program.body[0]!;
    assert.ok(assign.kind === 'Assign');
    const text = 'ASSIGN x = GetOAuthToken(tokenUrl) + proxy.MakeRestRequest(url, "", 0, "GET")';
    const identifiers = loopOrder(assign.value, false)
      .filter((n) => n.startsWith('Identifier@'))
      .map((n) => /^\w+/.exec(text.slice(Number(n.split('@')[1])))![0]);
    assert.deepEqual(identifiers, ['tokenUrl', 'proxy', 'url']);
  });
});
