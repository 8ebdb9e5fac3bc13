import { walk } from '../syntax/snippet/ast';
import { TokenKind, Word, wordOf } from '../syntax/snippet/lexer';
import { type SnippetUnit, tokensOf } from './code-units';

const CACHE = new WeakMap<SnippetUnit, ReadonlySet<number>>();

/**
 * Code offsets of the words `IN` and `TO` where a statement uses them as syntax (`FOREACH x IN list`,
 * `FOR i = 1 TO 9`). They are not reserved, so the lexer gives them as names; the parser tells: a word it did not read
 * as a name is syntax.
 */
export function syntaxWordStarts(unit: SnippetUnit): ReadonlySet<number> {
  let found = CACHE.get(unit);
  if (found) return found;
  const names = new Set<number>();
  walk(unit.program, (node) => {
    if (node.kind === 'Identifier') names.add(node.range.start);
    else if (node.kind === 'Member') names.add(node.propertyRange.start);
  });
  const words = new Set<number>();
  const tokens = tokensOf(unit);
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kinds[i] !== TokenKind.Identifier) continue;
    const word = wordOf(tokens.flags[i]!);
    if ((word === Word.In || word === Word.To) && !names.has(tokens.starts[i]!)) words.add(tokens.starts[i]!);
  }
  found = words;
  CACHE.set(unit, found);
  return found;
}
