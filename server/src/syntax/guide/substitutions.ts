import type { AnyNode, Literal, TemplateLiteral } from 'acorn';
import type { Substitution } from './ast';

const SUBSTITUTION = /\{((?:global:)?[A-Za-z_][A-Za-z0-9_]*)\}/gi;

/**
 * Finds `{name}` / `{global:name}` substitutions in `text`, whose first character sits at `baseOffset` in the document.
 */
export function substitutionsIn(text: string, baseOffset: number): Substitution[] {
  return scan(text, baseOffset, undefined);
}

/** Substitutions inside the given string/template literal nodes (document offsets), in document order. */
export function substitutionsInStrings(text: string, nodes: readonly AnyNode[]): Substitution[] {
  const found: Substitution[] = [];
  for (const node of nodes) {
    if (node.type === 'Literal') {
      if (typeof node.value !== 'string') continue;
      found.push(...scan(text.slice(node.start, node.end), node.start, node));
    } else if (node.type === 'TemplateLiteral') {
      for (const quasi of node.quasis) {
        found.push(...scan(text.slice(quasi.start, quasi.end), quasi.start, node));
      }
    }
  }
  found.sort((a, b) => a.range.start - b.range.start);
  return found;
}

function scan(text: string, baseOffset: number, stringNode: Literal | TemplateLiteral | undefined): Substitution[] {
  const found: Substitution[] = [];
  for (const match of text.matchAll(SUBSTITUTION)) {
    const start = baseOffset + match.index;
    const name = match[1]!;
    const range = { start, end: start + match[0].length };
    const nameRange = { start: start + 1, end: start + 1 + name.length };
    found.push(stringNode ? { name, range, nameRange, stringNode } : { name, range, nameRange });
  }
  return found;
}
