import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { RuleFinding } from '../finding';
import type { Fix, FixContext } from '../fix';
import { SECONDS_PER_DAY } from '../../templates';
import { toCodeRange } from '../../editing/code-region';
import { allNodes, guideNamesIn, guideStatementAt } from '../../editing/guide-tree';
import { insertLinesBefore } from '../../editing/insertion';
import { chooseBuffer, jitterAnchor } from '../../editing/refresh-buffer';
import { nodesOfKind, statementAt } from '../../editing/snippet-tree';
import { indentUnitOf, lineEndingOf } from '../../editing/text-layout';

const REFRESH_WITHOUT_JITTER_CODE = 'refresh-without-jitter';
const JITTER_TITLE = 'Jitter the buffer';

function inside(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * refresh-without-jitter: a per-contact buffer between `jitter.minSeconds` and `jitter.maxSeconds`, assigned just
 * before the check (jitteredBufferAssignment), replaces the fixed buffer in the comparison (the constant, or the
 * variable holding it). Preferred only when `jitter.enabled` is on: with jitter off the user chose a fixed buffer,
 * so fix-all and `studio-lint --fix` leave it (the finding is a hint).
 */
export function refreshWithoutJitterFixes(finding: RuleFinding<'refresh-without-jitter'>, context: FixContext): Fix[] {
  const { document, settings } = context;
  const { unit, check } = finding.facts;
  const buffer = check.buffer;
  if (buffer.kind !== 'constant' && buffer.kind !== 'variable') return [];
  const make = (edits: TextEdit[]): Fix[] => [
    { title: JITTER_TITLE, code: REFRESH_WITHOUT_JITTER_CODE, preferred: settings.jitter.enabled, edits },
  ];
  const where = check.bufferRange ?? check.comparisonRange;

  if (document.kind === 'guide') {
    const { text } = document;
    const block = context.guideBlockOf(unit);
    if (!block) return [];
    const nodes = allNodes(block.program).filter((n) => inside(where, n));
    const found =
      buffer.kind === 'constant'
        ? nodes.find((n) => n.type === 'Literal' && n.value === buffer.seconds)
        : nodes.find((n) => n.type === 'Identifier' && n.name.toLowerCase() === buffer.variable);
    // The number of seconds (or the variable holding it) is replaced; a buffer written otherwise is replaced whole.
    const target = found ? { start: found.start, end: found.end } : check.bufferRange;
    if (!target) return [];
    const body = text.slice(block.bodyRange.start, block.bodyRange.end);
    const eol = lineEndingOf(text);
    const chosen = chooseBuffer(
      'guide',
      settings,
      body,
      guideNamesIn(block),
      { eol, indentUnit: indentUnitOf(body) },
      true,
    );
    const edits: TextEdit[] = [{ range: target, newText: String(chosen.value) }];
    const statementStart = (r: TextRange): number | undefined => guideStatementAt(block.program, r)?.statement.start;
    const own = statementStart(check.comparisonRange);
    if (chosen.assignment && own !== undefined) {
      edits.unshift(insertLinesBefore(text, jitterAnchor(unit, own, statementStart), eol, chosen.assignment));
    }
    return make(edits);
  }

  const snippet = context.snippetCodeOf(unit);
  if (!snippet) return [];
  const { region, program } = snippet;
  const { code, eol } = region;
  const range = toCodeRange(region, where);
  const comparison = toCodeRange(region, check.comparisonRange);
  if (!range || !comparison) return [];
  const found =
    buffer.kind === 'constant'
      ? nodesOfKind(program, 'NumberLiteral').find((n) => inside(range, n.range) && n.value === buffer.seconds)
      : nodesOfKind(program, 'Identifier').find((n) => inside(range, n.range) && n.folded === buffer.variable);
  const assigned = new Set(
    nodesOfKind(program, 'Assign').map((a) => code.slice(a.target.range.start, a.target.range.end).toLowerCase()),
  );
  const chosen = chooseBuffer('snippet', settings, code, assigned, { eol, indentUnit: indentUnitOf(code) }, true);
  // The number of seconds (or the variable holding it) is replaced; a buffer written in days (`0.00347`,
  // `(5 / 1440)`) is replaced whole by the variable converted to days.
  const edit: TextEdit | undefined = found
    ? { range: found.range, newText: String(chosen.value) }
    : check.bufferRange
      ? { range, newText: `(${chosen.value} / ${SECONDS_PER_DAY})` }
      : undefined;
  if (!edit) return [];
  const edits: TextEdit[] = [edit];
  const statementStart = (r: TextRange): number | undefined => {
    const codeRange = toCodeRange(region, r);
    return codeRange ? statementAt(program, codeRange)?.statement.range.start : undefined;
  };
  const own = statementStart(check.comparisonRange);
  if (chosen.assignment && own !== undefined) {
    edits.unshift(insertLinesBefore(code, jitterAnchor(unit, own, statementStart), eol, chosen.assignment));
  }
  return make(region.toDocumentEdits(edits));
}
