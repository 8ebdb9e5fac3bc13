import { isKeyword, TokenKind } from '../syntax/snippet/lexer';
import type { AuthoringDocument } from './authoring-document';
import { tokensOf } from './code-units';

/** How a document writes its keywords: `ASSIGN` (NICE's own style), `assign` or `Assign`. */
export type KeywordCase = 'upper' | 'lower' | 'title';

const CACHE = new WeakMap<AuthoringDocument, KeywordCase>();

/** The case most of the document's keywords are written in; upper case when there are none or it is a tie. */
export function keywordCaseOf(model: AuthoringDocument): KeywordCase {
  const cached = CACHE.get(model);
  if (cached) return cached;
  const counts: Record<KeywordCase, number> = { upper: 0, lower: 0, title: 0 };
  for (const unit of model.units) {
    const tokens = tokensOf(unit);
    for (let i = 0; i < tokens.count; i++) {
      const kind = tokens.kinds[i] as TokenKind;
      if (!isKeyword(kind) && kind !== TokenKind.True && kind !== TokenKind.False) continue;
      const word = unit.code.slice(tokens.starts[i]!, tokens.ends[i]!);
      if (word === word.toUpperCase()) counts.upper++;
      else if (word === word.toLowerCase()) counts.lower++;
      else if (word === spellKeyword(word, 'title')) counts.title++;
    }
  }
  const style: KeywordCase =
    counts.lower > counts.upper && counts.lower >= counts.title
      ? 'lower'
      : counts.title > counts.upper && counts.title > counts.lower
        ? 'title'
        : 'upper';
  CACHE.set(model, style);
  return style;
}

export function spellKeyword(word: string, style: KeywordCase): string {
  if (style === 'upper') return word.toUpperCase();
  if (style === 'lower') return word.toLowerCase();
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}
