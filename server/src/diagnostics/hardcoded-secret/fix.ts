import type { CodeUnit } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { SnippetBlock } from '../../syntax/guide/ast';
import type { RuleFinding } from '../finding';
import type { Fix, FixContext } from '../fix';
import { secureNameFor } from './secure-name';
import {
  INTEGRATION_HUB_NOTE,
  movedSecretComment,
  movedSecretCommentText,
  secretSubstitution,
  type MovedSecret,
} from '../../templates';
import { toCodeRange, wholeDocumentRegion, type CodeRegion } from '../../editing/code-region';
import { guideStatementAt, treeRange } from '../../editing/guide-tree';
import { insertLinesBefore } from '../../editing/insertion';
import { statementAt } from '../../editing/snippet-tree';
import { indentUnitOf, lineEndingOf, lineStartAt } from '../../editing/text-layout';

const MOVE_SECRET_TITLE = 'Move the secret out of the script';

/** A literal credential: the value's range, the variable it moves to, and what that variable must hold. */
interface Literal {
  readonly valueRange: TextRange;
  readonly name: string;
  readonly what?: string;
  /** Fix-all moves it (every token, and secrets of high confidence). */
  readonly movedByFixAll: boolean;
}

/** What an encoded Basic credential's variable holds: the header needs base64, not a password. */

/** The unit's literal credentials (only literals of the same unit can share a statement). */
function literalsOf(unit: CodeUnit, settings: Settings, text: string): Literal[] {
  const found: Literal[] = [];
  const before = (range: TextRange): string => text.slice(Math.max(0, range.start - 16), range.start);
  for (const event of unit.events) {
    if (event.kind === 'secret-literal')
      found.push({
        valueRange: event.valueRange,
        ...secureNameFor(event.what, settings, before(event.valueRange)),
        movedByFixAll: event.confidence === 'high',
      });
    else if (event.kind === 'token-literal')
      found.push({ valueRange: event.valueRange, ...secureNameFor('token', settings, ''), movedByFixAll: true });
  }
  return found.sort((a, b) => a.valueRange.start - b.valueRange.start);
}

function sameRange(a: TextRange, b: TextRange): boolean {
  return a.start === b.start && a.end === b.end;
}

/** The `//` comment lines right above a line (what the fix may already have written there). */
function commentsAbove(code: string, lineStart: number): string[] {
  const lines: string[] = [];
  let end = lineStart;
  while (end > 0) {
    const start = lineStartAt(code, end - 1 - (code[end - 2] === '\r' && code[end - 1] === '\n' ? 1 : 0));
    const line = code.slice(start, end).trim();
    if (!line.startsWith('//')) break;
    lines.push(line);
    end = start;
  }
  return lines;
}

/**
 * Where a literal's statement starts in the code, in code offsets (the literal's own line when it is in no statement).
 */
function statementStart(
  region: CodeRegion,
  program: Parameters<typeof statementAt>[0] | undefined,
  block: SnippetBlock | undefined,
  range: TextRange,
): number {
  const ownLine = lineStartAt(region.code, range.start);
  if (program) return statementAt(program, range)?.statement.start ?? ownLine;
  const slot = block ? guideStatementAt(block.program, treeRange(region.code, range)) : undefined;
  return slot ? lineStartAt(region.code, slot.statement.start) : ownLine;
}

/**
 * hardcoded-secret / hardcoded-token: the literal value (only the value: a `Bearer ` prefix stays) becomes a
 * substitution of a variable set outside the script text, `{SECURE_CLIENT_SECRET}` (the setting), `{SECURE_PASSWORD}`,
 * `{SECURE_API_KEY}`, `{SECURE_ACCESS_TOKEN}` or, for Basic credentials written encoded, `{SECURE_BASIC_CREDENTIALS}`;
 * a comment above the statement says what NICE documents: list the variable in the script's Variables tab so traces
 * and logs redact it (Integration Hub secrets cannot be read into a variable). The value is never copied anywhere.
 * Every literal of the same statement gets its comment at once, so fixing them one by one or all together writes the
 * same comments.
 */
export function moveSecretFixes(
  finding: RuleFinding<'hardcoded-secret' | 'hardcoded-token'>,
  context: FixContext,
): Fix[] {
  const { document, settings } = context;
  const { unit, literal } = finding.facts;
  const literals = literalsOf(unit, settings, document.text);
  const ownKind = literal.kind === 'secret-literal' ? literal.what : 'token';
  const own = {
    valueRange: literal.valueRange,
    ...secureNameFor(
      ownKind,
      settings,
      document.text.slice(Math.max(0, literal.valueRange.start - 16), literal.valueRange.start),
    ),
  };
  const snippet = document.kind === 'guide' ? undefined : context.snippetCodeOf(unit);
  if (document.kind !== 'guide' && !snippet) return [];
  const block = document.kind === 'guide' ? context.guideBlockOf(unit) : undefined;
  const region = snippet?.region ?? wholeDocumentRegion(document.text);
  const program = snippet?.program;
  const { code } = region;
  const range = toCodeRange(region, own.valueRange);
  if (!range) return [];
  const start = statementStart(region, program, block, range);
  // The comments name what fix-all moves from this statement, so one by one and all at once write the same.
  const sameStatement = literals
    .filter((l) => l.movedByFixAll || sameRange(l.valueRange, own.valueRange))
    .map((l) => ({ literal: l, range: toCodeRange(region, l.valueRange) }))
    .filter(
      (l): l is { literal: Literal; range: TextRange } =>
        l.range !== undefined && statementStart(region, program, block, l.range) === start,
    );
  const existing = new Set(commentsAbove(code, lineStartAt(code, start)));
  const eol = document.kind === 'export' ? region.eol : lineEndingOf(code);
  const layout = { eol, indentUnit: indentUnitOf(code) };
  // One comment line per moved value (its first line names it), then the Integration Hub note once.
  const moved = new Map<string, MovedSecret>();
  for (const { literal: l } of sameStatement) {
    const line = `// ${movedSecretCommentText(l.name, l.what)}`;
    if (!existing.has(line) && !moved.has(l.name))
      moved.set(l.name, l.what ? { name: l.name, what: l.what } : { name: l.name });
  }
  const edits: TextEdit[] = [{ range, newText: secretSubstitution(own.name) }];
  if (moved.size > 0) {
    const note = existing.has(`// ${INTEGRATION_HUB_NOTE}`);
    edits.unshift(
      insertLinesBefore(code, start, eol, (indent) => {
        const text = movedSecretComment([...moved.values()], { ...layout, indent });
        // The Integration Hub note is written once per statement.
        return note ? text.slice(0, text.lastIndexOf(`${indent}// ${INTEGRATION_HUB_NOTE}`)) : text;
      }),
    );
  }
  // A secret only its name points at is the author's call: offered, never applied by fix-all or --fix.
  const preferred = literal.kind !== 'secret-literal' || literal.confidence === 'high';
  return [{ title: MOVE_SECRET_TITLE, code: finding.code, preferred, edits: region.toDocumentEdits(edits) }];
}
