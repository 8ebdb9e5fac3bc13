import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { RuleFinding } from '../finding';
import { claimsOf, type Fix, type FixContext } from '../fix';
import { bufferPlan, REFRESH_BUFFER_SETTING, SECONDS_PER_DAY, SNIPPET_JITTER_SOURCE } from '../../templates';
import type { AssignStatement } from '../../syntax/snippet/ast';
import { toCodeRange } from '../../editing/code-region';
import { allNodes, guideNamesIn, guideStatementAt } from '../../editing/guide-tree';
import { insertLinesBefore } from '../../editing/insertion';
import { chooseBuffer, jitterAnchor, snippetBufferSetting } from '../../editing/refresh-buffer';
import { nodesOfKind, statementAt } from '../../editing/snippet-tree';
import { indentUnitOf, lineEndingOf } from '../../editing/text-layout';
import { rangeOf } from '../../syntax/snippet/ast';

const REFRESH_WITHOUT_JITTER_CODE = 'refresh-without-jitter';
const JITTER_TITLE = 'Jitter the buffer';

/** The per-contact buffer in seconds: `120 + (ContactID % 361)`. */
function jitteredBufferValue(settings: Settings): string {
  const plan = bufferPlan({ ...settings, jitter: { ...settings.jitter, enabled: true } });
  const [min, max] = plan.kind === 'jittered' ? [plan.minSeconds, plan.maxSeconds] : [plan.seconds, plan.seconds];
  return `${min} + (${SNIPPET_JITTER_SOURCE} % ${max - min + 1})`;
}

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
    {
      title: JITTER_TITLE,
      code: REFRESH_WITHOUT_JITTER_CODE,
      preferred: settings.jitter.enabled,
      edits,
      claims: [claimsOf.tokens(unit)],
    },
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
  const jittered = jitteredBufferValue(settings);
  const assignments = (variable: string): AssignStatement[] =>
    nodesOfKind(program, 'Assign').filter((a) => a.target.kind === 'Identifier' && a.target.folded === variable);
  // A buffer held in a variable this code sets to a constant (the buffer setting, or the author's own): the
  // setting itself becomes per contact, so every check that reads it is jittered at once.
  const own = buffer.kind === 'variable' ? assignments(buffer.variable) : [];
  if (own.length > 0)
    return make(region.toDocumentEdits(own.map((a) => ({ range: rangeOf(a.value), newText: jittered }))));

  const found =
    buffer.kind === 'constant'
      ? nodesOfKind(program, 'NumberLiteral').find((n) => inside(range, rangeOf(n)) && n.value === buffer.seconds)
      : nodesOfKind(program, 'Identifier').find((n) => inside(range, rangeOf(n)) && n.folded === buffer.variable);
  const setting = REFRESH_BUFFER_SETTING;
  // The number of seconds (or the variable holding it) becomes the setting; a buffer written in days (`0.00347`,
  // `(5 / 1440)`) is replaced whole by the setting converted to days.
  const edit: TextEdit | undefined = found
    ? { range: rangeOf(found), newText: setting }
    : check.bufferRange
      ? { range, newText: `(${setting} / ${SECONDS_PER_DAY})` }
      : undefined;
  if (!edit) return [];
  const edits: TextEdit[] = [edit];
  const settingAssignments = assignments(setting.toLowerCase());
  if (settingAssignments.length > 0) {
    // The code already sets the buffer setting (to a fixed value): that value becomes per contact.
    for (const a of settingAssignments) edits.push({ range: rangeOf(a.value), newText: jittered });
    return make(region.toDocumentEdits(edits));
  }
  const chosen = snippetBufferSetting(settings, new Set(), { eol, indentUnit: indentUnitOf(code) }, true);
  const statementStart = (r: TextRange): number | undefined => {
    const codeRange = toCodeRange(region, r);
    return codeRange ? statementAt(program, codeRange)?.statement.start : undefined;
  };
  const at = statementStart(check.comparisonRange);
  if (chosen.assignment && at !== undefined) {
    edits.unshift(insertLinesBefore(code, jitterAnchor(unit, at, statementStart), eol, chosen.assignment));
  }
  return make(region.toDocumentEdits(edits));
}
