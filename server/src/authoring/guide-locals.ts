import type { AnyNode } from 'acorn';
import type { ParsedDocument } from '../documents/parsed-document';
import type { SnippetBlock } from '../syntax/guide/ast';
import { walkWithAncestors } from '../syntax/guide/walk';

const LOCALS = new WeakMap<SnippetBlock, ReadonlySet<string>>();

/**
 * The names a SNIPPET body of the guide's notation declares itself: `var`/`let`/`const`, functions and their
 * parameters, `catch` parameters. JavaScript names are case-sensitive, so these are kept as written.
 */
export function localNamesOf(block: SnippetBlock): ReadonlySet<string> {
  let names = LOCALS.get(block);
  if (!names) {
    names = collectLocals(block);
    LOCALS.set(block, names);
  }
  return names;
}

/** The locals of the SNIPPET block holding `offset` in a `.studio` document (none elsewhere). */
export function localNamesAround(model: { readonly document: ParsedDocument }, offset: number): ReadonlySet<string> {
  const { document } = model;
  if (document.kind !== 'guide') return new Set();
  for (const item of document.guide.items) {
    if (item.kind === 'SnippetBlock' && item.bodyRange.start <= offset && offset <= item.bodyRange.end) {
      return localNamesOf(item);
    }
  }
  return new Set();
}

function collectLocals(block: SnippetBlock): Set<string> {
  const names = new Set<string>();
  const addPattern = (node: AnyNode | null | undefined): void => {
    if (!node) return;
    if (node.type === 'Identifier') names.add(node.name);
    else if (node.type === 'AssignmentPattern') addPattern(node.left);
    else if (node.type === 'RestElement') addPattern(node.argument);
    else if (node.type === 'ArrayPattern') for (const element of node.elements) addPattern(element);
    else if (node.type === 'ObjectPattern')
      for (const property of node.properties)
        addPattern(property.type === 'Property' ? property.value : property.argument);
  };
  walkWithAncestors(block.program, (node) => {
    switch (node.type) {
      case 'VariableDeclarator':
        addPattern(node.id);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.id) names.add(node.id.name);
        for (const p of node.params) addPattern(p);
        break;
      case 'CatchClause':
        addPattern(node.param);
        break;
      default:
        break;
    }
  });
  return names;
}
