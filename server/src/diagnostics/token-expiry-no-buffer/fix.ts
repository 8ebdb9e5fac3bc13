import type { AnyNode } from 'acorn';
import type { CodeUnit } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { ParsedDocument } from '../../documents/parsed-document';
import type { RuleFinding } from '../finding';
import type { AstNode } from '../../syntax/snippet/ast';
import { claimsOf, type Fix, type FixContext } from '../fix';
import type { SnippetBlock } from '../../syntax/guide/ast';
import {
  bufferedExpiry,
  bufferedExpiryCondition,
  bufferPlan,
  bufferSetting,
  type ComparisonOperator,
} from '../../templates';
import { toCodeRange, type SnippetCode } from '../../editing/code-region';
import { allNodes, guideNamesIn, guideNodeAt, guideStatementAt, treeRange } from '../../editing/guide-tree';
import { insertLinesBefore } from '../../editing/insertion';
import { chooseBuffer, jitterAnchor, snippetBufferSetting } from '../../editing/refresh-buffer';
import { assignedName, nodeAt, nodesOfKind, statementAt } from '../../editing/snippet-tree';
import { indentUnitOf, lineEndingOf } from '../../editing/text-layout';
import { rangeOf } from '../../syntax/snippet/ast';

const TOKEN_EXPIRY_NO_BUFFER_CODE = 'token-expiry-no-buffer';
const ADD_BUFFER_TITLE = 'Add a safety buffer';

type NoBufferFinding = RuleFinding<'token-expiry-no-buffer'>;

const COMPARISONS = new Set(['<', '<=', '>', '>=']);

function fix(edits: TextEdit[], unit: CodeUnit): Fix[] {
  return [
    {
      title: ADD_BUFFER_TITLE,
      code: TOKEN_EXPIRY_NO_BUFFER_CODE,
      preferred: true,
      edits,
      claims: [claimsOf.tokens(unit)],
    },
  ];
}

/** The operator seen from the other side: `a < b` is `b > a`. */
const FLIPPED: Readonly<Record<string, ComparisonOperator>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Operand text that stays one operand inside `expiry - now`. */
function operand(code: string, node: AstNode): string {
  const text = code.slice(node.start, node.end);
  return node.kind === 'Binary' || node.kind === 'Unary' ? `(${text})` : text;
}

/**
 * Snippet: the whole comparison becomes the time left against the buffer setting, keeping its direction and `now`
 * inside arithmetic: `utc >= tokenExpiry` → `tokenExpiry - utc <= refreshBufferSeconds / 86400`, `tokenExpiry > utc`
 * → `tokenExpiry - utc > refreshBufferSeconds / 86400`. The setting's default is inserted before the unit's first
 * expiry check unless the code assigns it.
 */
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
  const expiryOnRight = holdsExpiry(comparison.right);
  if (!expiryOnRight && !holdsExpiry(comparison.left)) return [];
  const [nowSide, expirySide] = expiryOnRight
    ? [comparison.left, comparison.right]
    : [comparison.right, comparison.left];
  // Read as "now OP expiry".
  const operator = expiryOnRight ? (comparison.operator as ComparisonOperator) : FLIPPED[comparison.operator]!;
  const assigned = new Set(nodesOfKind(program, 'Assign').map((a) => assignedName(a) ?? ''));
  const buffer = snippetBufferSetting(settings, assigned, { eol, indentUnit: indentUnitOf(code) });
  const edits: TextEdit[] = [
    {
      range: rangeOf(comparison),
      newText: bufferedExpiryCondition('snippet', {
        expiry: operand(code, expirySide),
        now: operand(code, nowSide),
        buffer: buffer.value,
        operator,
      }),
    },
  ];
  const statementStart = (r: TextRange): number | undefined => {
    const codeRange = toCodeRange(region, r);
    return codeRange ? statementAt(program, codeRange)?.statement.start : undefined;
  };
  const own = statementStart(finding.range);
  if (buffer.assignment && own !== undefined)
    edits.unshift(insertLinesBefore(code, jitterAnchor(unit, own, statementStart), eol, buffer.assignment));
  return fix(region.toDocumentEdits(edits), unit);
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
  return fix(edits, unit);
}

/**
 * Snippet: `IF refreshBuffer = "" { ASSIGN refreshBuffer = 300 }` (the settings' buffer, jittered when jitter is on)
 * before the unit's first expiry check, named as the check writes it. Only for a variable the check reads as seconds
 * (`refreshBuffer / 86400`, `(e - utc) * 86400 <= refreshBuffer`): a day count would need its value converted.
 */
function assignBufferFixes(
  snippet: SnippetCode,
  finding: NoBufferFinding,
  settings: Settings,
  unit: CodeUnit,
  buffer: { readonly variable: string; readonly secondsPerUnit?: number },
): Fix[] {
  if (buffer.secondsPerUnit !== 1) return [];
  const { region, program } = snippet;
  const { code, eol } = region;
  const where = toCodeRange(region, finding.facts.check.bufferRange ?? finding.range);
  if (!where) return [];
  const written = nodesOfKind(program, 'Identifier').find(
    (id) => id.folded === buffer.variable && where.start <= id.start && id.end <= where.end,
  );
  if (!written) return [];
  const statementStart = (r: TextRange): number | undefined => {
    const codeRange = toCodeRange(region, r);
    return codeRange ? statementAt(program, codeRange)?.statement.start : undefined;
  };
  const own = statementStart(finding.range);
  if (own === undefined) return [];
  const layout = { eol, indentUnit: indentUnitOf(code) };
  const assignment = (indent: string): string =>
    bufferSetting({ plan: bufferPlan(settings), variable: written.text, ...layout, indent });
  return fix(
    region.toDocumentEdits([insertLinesBefore(code, jitterAnchor(unit, own, statementStart), eol, assignment)]),
    unit,
  );
}

/** A subtraction whose left side reads the lifetime (`expires_in - 300`, `(utc + lifetime) - 0.0035`). */
function subtractsFromLifetime(node: AstNode): boolean {
  return nodesOfKind(node, 'Binary').some(
    (b) =>
      b.operator === '-' &&
      nodesOfKind(b.left, 'Member').some((m) => m.propertyFolded === 'expires_in' || m.propertyFolded === 'expiresin'),
  );
}

function guideSubtractsFromLifetime(node: AnyNode): boolean {
  return allNodes(node).some(
    (n) =>
      n.type === 'BinaryExpression' &&
      n.operator === '-' &&
      allNodes(n.left).some(
        (m) =>
          m.type === 'MemberExpression' && m.property.type === 'Identifier' && /^expires_?in$/i.test(m.property.name),
      ),
  );
}

/**
 * The stored expiry already has a buffer taken off (`tokenExpiry = utc + ((r.expires_in - 300) / 86400)`): a second
 * one would refresh twice as early, so the fix offers nothing (the analysis does not see that buffer yet).
 */
function bufferedWhenStored(context: FixContext, stores: NoBufferFinding['facts']['stores']): boolean {
  return stores.some(({ unit, event }) => {
    if (context.document.kind === 'guide') {
      const block = context.guideBlockOf(unit);
      const statement = block && guideStatementAt(block.program, treeRange(context.document.text, event.range));
      return statement !== undefined && guideSubtractsFromLifetime(statement.statement);
    }
    const snippet = context.snippetCodeOf(unit);
    const range = snippet && toCodeRange(snippet.region, event.range);
    const statement = range && statementAt(snippet.program, range)?.statement;
    return statement?.kind === 'Assign' && subtractsFromLifetime(statement.value);
  });
}

/**
 * token-expiry-no-buffer: Snippet rewrites the comparison as the time left against the buffer setting (`utc >=
 * tokenExpiry` → `tokenExpiry - utc <= refreshBufferSeconds / 86400`); the guide subtracts the buffer from the expiry
 * side (`currentTime < tokenExpiry` → `currentTime < (tokenExpiry - 300)`). With jitter enabled, a per-contact
 * buffer.
 * No fix when the stored expiry already subtracts a buffer.
 */
export function tokenExpiryNoBufferFixes(finding: NoBufferFinding, context: FixContext): Fix[] {
  const { document, settings } = context;
  const { unit, check, stores } = finding.facts;
  if (check.buffer.kind === 'variable') {
    // A buffer variable nothing assigns: it gets the buffer setting's value, once, before the first expiry check.
    const snippet = document.kind === 'guide' ? undefined : context.snippetCodeOf(unit);
    return snippet ? assignBufferFixes(snippet, finding, settings, unit, check.buffer) : [];
  }
  if (bufferedWhenStored(context, stores)) return [];
  if (document.kind === 'guide') {
    const block = context.guideBlockOf(unit);
    return block ? guideFix(document, block, finding, settings, unit, check.expiryVariable) : [];
  }
  const snippet = context.snippetCodeOf(unit);
  return snippet ? snippetFix(snippet, finding, settings, unit, check.expiryVariable) : [];
}
