import type { AnyNode } from 'acorn';
import type { CodeUnit } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { ParsedDocument } from '../../documents/parsed-document';
import type { RuleFinding } from '../finding';
import type { AstNode } from '../../syntax/snippet/ast';
import type { Fix, FixContext } from '../fix';
import type { SnippetBlock } from '../../syntax/guide/ast';
import { bufferedExpiry } from '../../templates';
import { toCodeRange, type SnippetCode } from '../../editing/code-region';
import { allNodes, guideNamesIn, guideNodeAt, guideStatementAt } from '../../editing/guide-tree';
import { insertLinesBefore } from '../../editing/insertion';
import { chooseBuffer, jitterAnchor } from '../../editing/refresh-buffer';
import { nodeAt, nodesOfKind, statementAt } from '../../editing/snippet-tree';
import { indentUnitOf, lineEndingOf } from '../../editing/text-layout';

const TOKEN_EXPIRY_NO_BUFFER_CODE = 'token-expiry-no-buffer';
const ADD_BUFFER_TITLE = 'Add a safety buffer';

type NoBufferFinding = RuleFinding<'token-expiry-no-buffer'>;

const COMPARISONS = new Set(['<', '<=', '>', '>=']);

function fix(edits: TextEdit[]): Fix[] {
  return [{ title: ADD_BUFFER_TITLE, code: TOKEN_EXPIRY_NO_BUFFER_CODE, preferred: true, edits }];
}

function snippetFix(
  snippet: SnippetCode,
  finding: NoBufferFinding,
  settings: Settings,
  unit: CodeUnit,
  expiry: string,
): Fix[] {
  const { region, program } = snippet;
  const { code, eol } = region;
  const range = toCodeRange(region, finding.range);
  if (!range) return [];
  const comparison = nodeAt(program, range, (n) => n.kind === 'Binary' && COMPARISONS.has(n.operator));
  if (comparison?.kind !== 'Binary') return [];
  const holdsExpiry = (side: AstNode): boolean => nodesOfKind(side, 'Identifier').some((id) => id.folded === expiry);
  const side = holdsExpiry(comparison.right)
    ? comparison.right
    : holdsExpiry(comparison.left)
      ? comparison.left
      : undefined;
  if (!side) return [];
  const assigned = new Set(
    nodesOfKind(program, 'Assign').map((a) => code.slice(a.target.range.start, a.target.range.end).toLowerCase()),
  );
  const buffer = chooseBuffer('snippet', settings, code, assigned, { eol, indentUnit: indentUnitOf(code) });
  const edits: TextEdit[] = [
    {
      range: side.range,
      newText: bufferedExpiry('snippet', code.slice(side.range.start, side.range.end), buffer.value),
    },
  ];
  const statementStart = (r: TextRange): number | undefined => {
    const codeRange = toCodeRange(region, r);
    return codeRange ? statementAt(program, codeRange)?.statement.range.start : undefined;
  };
  const own = statementStart(finding.range);
  if (buffer.assignment && own !== undefined)
    edits.unshift(insertLinesBefore(code, jitterAnchor(unit, own, statementStart), eol, buffer.assignment));
  return fix(region.toDocumentEdits(edits));
}

function guideFix(
  document: ParsedDocument & { kind: 'guide' },
  block: SnippetBlock,
  finding: NoBufferFinding,
  settings: Settings,
  unit: CodeUnit,
  expiry: string,
): Fix[] {
  const { text } = document;
  const comparison = guideNodeAt(
    block.program,
    finding.range,
    (n) => n.type === 'BinaryExpression' && COMPARISONS.has(n.operator),
  );
  if (comparison?.type !== 'BinaryExpression') return [];
  const holdsExpiry = (side: AnyNode): boolean =>
    allNodes(side).some((n) => n.type === 'Identifier' && n.name.toLowerCase() === expiry);
  const side = holdsExpiry(comparison.right)
    ? comparison.right
    : holdsExpiry(comparison.left)
      ? comparison.left
      : undefined;
  if (!side) return [];
  const body = text.slice(block.bodyRange.start, block.bodyRange.end);
  const eol = lineEndingOf(text);
  const buffer = chooseBuffer('guide', settings, body, guideNamesIn(block), { eol, indentUnit: indentUnitOf(body) });
  const edits: TextEdit[] = [
    {
      range: { start: side.start, end: side.end },
      newText: bufferedExpiry('guide', text.slice(side.start, side.end), buffer.value),
    },
  ];
  const statementStart = (r: TextRange): number | undefined => guideStatementAt(block.program, r)?.statement.start;
  const own = statementStart(finding.range);
  if (buffer.assignment && own !== undefined)
    edits.unshift(insertLinesBefore(text, jitterAnchor(unit, own, statementStart), eol, buffer.assignment));
  return fix(edits);
}

/**
 * token-expiry-no-buffer: subtracts the buffer from the expiry side of the comparison, keeping its direction:
 * `utc >= tokenExpiry` → `utc >= tokenExpiry - (300 / 86400)`, `currentTime < tokenExpiry` → `currentTime <
 * (tokenExpiry - 300)`.
 * With jitter enabled, a per-contact buffer variable (assigned just before the check) instead of the constant.
 */
export function tokenExpiryNoBufferFixes(finding: NoBufferFinding, context: FixContext): Fix[] {
  const { document, settings } = context;
  const { unit, check } = finding.facts;
  if (document.kind === 'guide') {
    const block = context.guideBlockOf(unit);
    return block ? guideFix(document, block, finding, settings, unit, check.expiryVariable) : [];
  }
  const snippet = context.snippetCodeOf(unit);
  return snippet ? snippetFix(snippet, finding, settings, unit, check.expiryVariable) : [];
}
