import type { AnyNode } from 'acorn';
import type { GuideParseResult } from '../../syntax/guide/ast';
import { forEachNode } from '../../syntax/guide/walk';
import { numericValue } from './expressions';
import { foldName } from '../vocabulary/names';

/**
 * Variables that hold one numeric constant wherever the document assigns them (`var bufferSeconds = 300;`), by
 * folded name. A variable assigned anything else anywhere (another number, an expression, `++`) is left out: a
 * buffer held in it is not known to be fixed.
 */
export function constantVariables(parsed: GuideParseResult): Map<string, number> {
  const seen = new Map<string, number | null>();
  const record = (name: string, value: AnyNode | null | undefined): void => {
    const folded = foldName(name);
    const number = value ? numericValue(value) : undefined;
    const before = seen.get(folded);
    if (number === undefined || (before !== undefined && before !== number)) seen.set(folded, null);
    else seen.set(folded, number);
  };
  for (const item of parsed.items) {
    if (item.kind === 'ScriptAssign') {
      record(item.target, item.value);
    } else if (item.kind === 'SnippetBlock') {
      forEachNode(item.program, (node) => {
        if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init)
          record(node.id.name, node.init);
        if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier')
          record(node.left.name, node.operator === '=' ? node.right : undefined);
        if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier')
          record(node.argument.name, undefined);
      });
    }
  }
  const constants = new Map<string, number>();
  for (const [name, value] of seen) if (value !== null) constants.set(name, value);
  return constants;
}
