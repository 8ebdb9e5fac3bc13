import type { AnyNode } from 'acorn';
import type { GuideParseResult } from '../../syntax/guide/ast';
import { forEachNode } from '../../syntax/guide/walk';
import { numericValue } from './expressions';
import { foldName } from '../vocabulary/names';

/**
 * What the document says of its variables, in one pass over every script line and SNIPPET body:
 * - `constants`: variables that hold one numeric constant wherever the document assigns them (`var bufferSeconds =
 *   300;`), by folded name. A variable assigned anything else anywhere (another number, an expression, `++`) is left
 *   out: a buffer held in it is not known to be fixed.
 * - `assigned`: every variable something assigns (ASSIGN, SET, `=`, a declaration with a value, a parameter, a loop
 *   variable) or a flow line passes along (`RUNSUB "x" (refreshBuffer)`): one outside it holds nothing.
 */
export function documentVariables(parsed: GuideParseResult): {
  constants: Map<string, number>;
  assigned: Set<string>;
} {
  const seen = new Map<string, number | null>();
  const assigned = new Set<string>();
  const record = (name: string, value: AnyNode | null | undefined): void => {
    const folded = foldName(name);
    assigned.add(folded);
    const number = value ? numericValue(value) : undefined;
    const before = seen.get(folded);
    if (number === undefined || (before !== undefined && before !== number)) seen.set(folded, null);
    else seen.set(folded, number);
  };
  for (const item of parsed.items) {
    if (item.kind === 'ScriptAssign') {
      record(item.target, item.value);
    } else if (item.kind === 'Action') {
      for (const match of item.argsText.matchAll(NAME)) assigned.add(foldName(match[0]));
    } else if (item.kind === 'SnippetBlock') {
      for (const set of item.sets) assigned.add(foldName(set.name));
      forEachNode(item.program, (node) => {
        if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init)
          record(node.id.name, node.init);
        if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier')
          record(node.left.name, node.operator === '=' ? node.right : undefined);
        if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier')
          record(node.argument.name, undefined);
        if (
          node.type === 'FunctionDeclaration' ||
          node.type === 'FunctionExpression' ||
          node.type === 'ArrowFunctionExpression'
        )
          for (const param of node.params) if (param.type === 'Identifier') assigned.add(foldName(param.name));
        if ((node.type === 'ForInStatement' || node.type === 'ForOfStatement') && node.left.type === 'Identifier')
          assigned.add(foldName(node.left.name));
      });
    }
  }
  const constants = new Map<string, number>();
  for (const [name, value] of seen) if (value !== null) constants.set(name, value);
  return { constants, assigned };
}

const NAME = /[A-Za-z_][\w]*/g;
