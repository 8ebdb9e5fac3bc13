import type { AnyNode, Expression } from 'acorn';
import { quoteSource } from '../../common/quote-source';
import type { ParseError, TextRange } from '../../common/text-range';
import type { SetStatement, SnippetBlock } from './ast';
import { scanSnippetBody, type SetKeyword } from './body-scanner';
import { parseProgramFragment } from './javascript-fragment';
import { substitutionsInStrings } from './substitutions';
import { describeSyntaxError } from './syntax-messages';

const SET_NAME = /^[\w$:.]+/;

export interface SnippetBounds {
  readonly keywordRange: TextRange;
  /** Document offset where the body stops: the start of the END SNIPPET line, or where an unclosed block stops. */
  readonly bodyEnd: number;
  /** Absent for an unclosed block. */
  readonly endKeywordRange?: TextRange;
}

/**
 * Parses one SNIPPET block. The body is masked (each Studio `SET` keyword becomes spaces, so offsets stay exact
 * and `SET x = 1;` reads as `x = 1;`) and handed to acorn, with acorn-loose as fallback. Syntax errors are reported
 * only for closed blocks: an unclosed block already has its own error, and its body then runs into script lines.
 */
export function parseSnippetBlock(
  text: string,
  bounds: SnippetBounds,
  errors: ParseError[],
  comments: TextRange[],
): SnippetBlock {
  const { keywordRange, bodyEnd, endKeywordRange } = bounds;
  const bodyStart = keywordRange.end;
  const scan = scanSnippetBody(text, bodyStart, bodyEnd);
  const parsed = parseProgramFragment(maskSetKeywords(text, bodyStart, bodyEnd, scan.setKeywords), bodyStart);
  comments.push(...parsed.comments);

  if (parsed.error && endKeywordRange) {
    const unclosed = scan.unclosedOpeners[scan.unclosedOpeners.length - 1];
    const atBodyEnd = text.slice(parsed.error.pos, bodyEnd).trim() === '';
    if (atBodyEnd && unclosed !== undefined) {
      errors.push({
        range: { start: unclosed, end: unclosed + 1 },
        message: `'${text[unclosed]}' is not closed before END SNIPPET`,
      });
    } else if (atBodyEnd) {
      const described = describeSyntaxError(text, parsed.error, 'SNIPPET body', bodyEnd);
      errors.push({ range: endKeywordRange, message: described.message });
    } else if (scan.incompleteSetNames.includes(parsed.error.pos)) {
      const name = SET_NAME.exec(text.slice(parsed.error.pos, parsed.error.pos + 200))?.[0] ?? '';
      const quoted = quoteSource(name);
      errors.push({
        range: { start: parsed.error.pos, end: parsed.error.pos + name.length },
        message: `SET ${quoted} needs a value: SET ${quoted === name ? name : 'name'} = value;`,
      });
    } else {
      errors.push(describeSyntaxError(text, parsed.error, 'SNIPPET body', bodyEnd));
    }
  }

  return {
    kind: 'SnippetBlock',
    range: { start: keywordRange.start, end: endKeywordRange ? endKeywordRange.end : bodyEnd },
    keywordRange,
    ...(endKeywordRange ? { endKeywordRange } : {}),
    bodyRange: { start: bodyStart, end: bodyEnd },
    program: parsed.program,
    exact: parsed.exact,
    sets: setStatements(text, scan.setKeywords, parsed.nodes),
    substitutions: substitutionsInStrings(
      text,
      parsed.nodes.filter((n) => n.type === 'Literal' || n.type === 'TemplateLiteral'),
    ),
  };
}

function maskSetKeywords(text: string, start: number, end: number, keywords: readonly SetKeyword[]): string {
  if (keywords.length === 0) return text.slice(start, end);
  const parts: string[] = [];
  let at = start;
  for (const keyword of keywords) {
    parts.push(text.slice(at, keyword.keywordStart), '   ');
    at = keyword.keywordStart + 3;
  }
  parts.push(text.slice(at, end));
  return parts.join('');
}

/** Pairs each SET keyword with the assignment statement acorn found at its name. */
function setStatements(text: string, keywords: readonly SetKeyword[], nodes: readonly AnyNode[]): SetStatement[] {
  if (keywords.length === 0) return [];
  const byNameStart = new Map<number, { value: Expression; end: number }>();
  for (const node of nodes) {
    let statement: AnyNode = node;
    // `SET global:x = 1` reads as the label `global:` on `x = 1`.
    if (statement.type === 'LabeledStatement' && statement.body.type === 'ExpressionStatement')
      statement = statement.body;
    if (statement.type !== 'ExpressionStatement') continue;
    const expression = statement.expression;
    if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') continue;
    byNameStart.set(node.start, { value: expression.right, end: node.end });
  }
  return keywords.map((keyword) => {
    const found = byNameStart.get(keyword.nameStart);
    const base = {
      name: text.slice(keyword.nameStart, keyword.nameEnd),
      nameRange: { start: keyword.nameStart, end: keyword.nameEnd },
      keywordRange: { start: keyword.keywordStart, end: keyword.keywordStart + 3 },
    };
    if (!found) return { ...base, range: { start: keyword.keywordStart, end: keyword.lineEnd } };
    return { ...base, range: { start: keyword.keywordStart, end: found.end }, value: found.value };
  });
}
