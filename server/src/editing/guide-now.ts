import type { SnippetBlock } from '../syntax/guide/ast';
import { GUIDE_NOW_EXPRESSION } from '../templates';
import { allNodes } from './guide-tree';

/**
 * A local holding "now" in unix seconds (`var currentTime = Math.floor(Date.now() / 1000);`) and where it is declared.
 */
export function nowDeclaration(text: string, block: SnippetBlock): { name: string; start: number } | undefined {
  for (const node of allNodes(block.program)) {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier' || !node.init) continue;
    if (/Date\.now\(\)\s*\/\s*1000/.test(text.slice(node.init.start, node.init.end)))
      return { name: node.id.name, start: node.start };
  }
  return undefined;
}

/** "Now" in unix seconds for code inserted at `offset`: a local declared before it, else the guide's expression. */
export function guideNowAt(text: string, block: SnippetBlock, offset: number): string {
  const local = nowDeclaration(text, block);
  return local && local.start < offset ? local.name : GUIDE_NOW_EXPRESSION;
}
