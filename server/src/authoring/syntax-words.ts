import type { TextRange } from '../common/text-range';
import { type AstNode, holdsStatements, walk } from '../syntax/snippet/ast';
import { TokenKind, Word, wordOf } from '../syntax/snippet/lexer';
import { type SnippetUnit, tokenBefore, tokensOf } from './code-units';
import { rangeOf } from '../syntax/snippet/ast';

/** By parse (code offsets: they hold for every later version in which an export action's code is unchanged). */
const CACHE = new WeakMap<SnippetUnit['program'], ReadonlySet<number>>();

/**
 * Code offsets of the words `IN` and `TO` where a statement uses them as syntax (`FOREACH x IN list`,
 * `FOR i = 1 TO 9`). They are not reserved, so the lexer gives them as names: the one between the loop's parts is
 * the statement's word.
 */
export function syntaxWordStarts(unit: SnippetUnit): ReadonlySet<number> {
  let found = CACHE.get(unit.program);
  if (found) return found;
  const words = new Set<number>();
  const tokens = tokensOf(unit);
  const wordBetween = (after: TextRange, before: TextRange, word: Word): void => {
    for (let i = tokenBefore(tokens, after.end) + 1; i < tokens.count && tokens.starts[i]! < before.start; i++) {
      if (tokens.kinds[i] === TokenKind.Identifier && wordOf(tokens.flags[i]!) === word) {
        words.add(tokens.starts[i]!);
        return;
      }
    }
  };
  walk(unit.program, (node: AstNode) => {
    if (node.kind === 'Foreach' && node.variable) wordBetween(rangeOf(node.variable), rangeOf(node.iterable), Word.In);
    else if (node.kind === 'For') wordBetween(rangeOf(node.from), rangeOf(node.to), Word.To);
    // Loops are statements: expressions hold none.
    return holdsStatements(node);
  });
  found = words;
  CACHE.set(unit.program, found);
  return found;
}
