import { strict as assert } from 'node:assert';
import type { LineEnding } from '../../server/src/templates';
import { parseSnippet } from '../../server/src/syntax/snippet/parser';
import { TokenKind as T, tokenize, Word, wordOf } from '../../server/src/syntax/snippet/lexer';
import { parseGuide, type SnippetBlock } from '../../server/src/syntax/guide';

/**
 * Checks shared by the template and snippet tests; test/unit/fixes/templates-code-checks.test.ts makes sure the
 * checks themselves catch what they claim to.
 */

/** Functions and methods that Snippet code written by the product may call (all documented). */
const ALLOWED_FUNCTIONS = new Set(['getrestproxy']);
const ALLOWED_METHODS = new Set(['makerestrequest', 'addheader']);

const FORBIDDEN_TOKENS: Partial<Record<number, string>> = {
  [T.Semicolon]: ';',
  [T.LtGt]: '<>',
  [T.Bang]: '!',
  [T.EqEq]: '==',
  [T.AmpAmp]: '&&',
  [T.PipePipe]: '||',
  [T.Unknown]: 'an unknown character',
};
const STRING_TOKENS = new Set<number>([T.StringSimple, T.StringStart, T.StringEnd]);

/** Undocumented or invented forms in Snippet code, found on tokens (so strings and comments cannot trigger it). */
export function forbiddenSnippetForms(text: string): string[] {
  const s = tokenize(text);
  const found: string[] = [];
  const at = (i: number): string => `${text.slice(s.starts[i]!, s.ends[i]!)} at ${s.starts[i]}`;
  for (let i = 0; i < s.count - 1; i++) {
    const kind = s.kinds[i]!;
    const forbidden = FORBIDDEN_TOKENS[kind];
    if (forbidden) found.push(`${forbidden}: ${at(i)}`);
    if (kind === T.Identifier) {
      const word = wordOf(s.flags[i]!);
      if (
        word === Word.While ||
        word === Word.ElseIf ||
        word === Word.Then ||
        word === Word.Not ||
        word === Word.Step
      ) {
        found.push(`undocumented keyword: ${at(i)}`);
      }
      if (s.kinds[i + 1] === T.LParen) {
        const name = text.slice(s.starts[i]!, s.ends[i]!).toLowerCase();
        const isMethod = i > 0 && s.kinds[i - 1] === T.Dot;
        if (!(isMethod ? ALLOWED_METHODS : ALLOWED_FUNCTIONS).has(name)) found.push(`undocumented call: ${at(i)}`);
      }
    }
    if (kind === T.KwElse && s.kinds[i + 1] === T.KwIf) found.push(`ELSE IF: ${at(i)}`);
    if (kind === T.Plus && (STRING_TOKENS.has(s.kinds[i - 1]!) || STRING_TOKENS.has(s.kinds[i + 1]!))) {
      found.push(`string concatenation with +: ${at(i)}`);
    }
  }
  return found;
}

export function snippetErrors(text: string): string[] {
  return parseSnippet(text).errors.map(
    (e) => `${e.message} at ${e.range.start}: ${JSON.stringify(text.slice(e.range.start, e.range.start + 40))}`,
  );
}

/** Parse errors of guide-notation code; also reports SNIPPET bodies that only the loose parser could read. */
export function guideErrors(text: string): string[] {
  const result = parseGuide(text);
  const errors = result.errors.map(
    (e) => `${e.message} at ${e.range.start}: ${JSON.stringify(text.slice(e.range.start, e.range.start + 40))}`,
  );
  const blocks = result.items.filter((item): item is SnippetBlock => item.kind === 'SnippetBlock');
  for (const block of blocks)
    if (!block.exact) errors.push(`SNIPPET block at ${block.range.start} needed the loose parser`);
  return errors;
}

/** Every line ends with `eol`, and no other line break appears. */
export function assertLineEndings(text: string, eol: LineEnding, what: string): void {
  assert.ok(text.endsWith(eol), `${what}: does not end with ${JSON.stringify(eol)}`);
  const stripped = text.split(eol).join('');
  assert.ok(!/[\r\n]/.test(stripped), `${what}: has a line break other than ${JSON.stringify(eol)}`);
}

/** Every non-blank line starts with `indent`; blank lines are empty. */
export function assertIndented(text: string, eol: LineEnding, indent: string, what: string): void {
  const lines = text.split(eol).slice(0, -1);
  lines.forEach((line, i) => {
    if (line.trim() === '') assert.equal(line, '', `${what}: line ${i + 1} is blank but not empty`);
    else assert.ok(line.startsWith(indent), `${what}: line ${i + 1} lacks the indent: ${JSON.stringify(line)}`);
  });
}
