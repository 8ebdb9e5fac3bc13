import type { CodeUnit, SecretLiteralEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { SnippetBlock } from '../../syntax/guide/ast';
import type { RuleFinding } from '../finding';
import type { Fix, FixContext } from '../fix';
import { movedSecretComment, secretSubstitution } from '../../templates';
import { toCodeRange, wholeDocumentRegion, type CodeRegion } from '../../editing/code-region';
import { guideStatementAt, treeRange } from '../../editing/guide-tree';
import { insertLinesBefore } from '../../editing/insertion';
import { statementAt } from '../../editing/snippet-tree';
import { indentUnitOf, lineEndingOf, lineStartAt } from '../../editing/text-layout';

const MOVE_SECRET_TITLE = 'Move the secret out of the script';

/** A literal credential: the value's range and the secure variable it moves to. */
interface Literal {
  readonly valueRange: TextRange;
  readonly name: string;
}

/** The substitution each kind of literal moves to; the setting names the client secret's. */
function secureNameFor(what: SecretLiteralEvent['what'] | 'token', settings: Settings): string {
  switch (what) {
    case 'password':
    case 'basic-credentials':
      return 'SECURE_PASSWORD';
    case 'api-key':
      return 'SECURE_API_KEY';
    case 'token':
      return 'SECURE_ACCESS_TOKEN';
    case 'client-secret':
    case 'secret':
      return settings.secretVariableName;
  }
}

/** The unit's literal credentials (only literals of the same unit can share a statement). */
function literalsOf(unit: CodeUnit, settings: Settings): Literal[] {
  const found: Literal[] = [];
  for (const event of unit.events) {
    if (event.kind === 'secret-literal')
      found.push({ valueRange: event.valueRange, name: secureNameFor(event.what, settings) });
    else if (event.kind === 'token-literal')
      found.push({ valueRange: event.valueRange, name: secureNameFor('token', settings) });
  }
  return found.sort((a, b) => a.valueRange.start - b.valueRange.start);
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
  if (program) return statementAt(program, range)?.statement.range.start ?? ownLine;
  const slot = block ? guideStatementAt(block.program, treeRange(region.code, range)) : undefined;
  return slot ? lineStartAt(region.code, slot.statement.start) : ownLine;
}

/**
 * hardcoded-secret / hardcoded-token: the literal value (only the value: a `Bearer ` prefix stays) becomes a
 * substitution of a variable kept outside the script, `{SECURE_CLIENT_SECRET}` (the setting), `{SECURE_PASSWORD}`,
 * `{SECURE_API_KEY}` or `{SECURE_ACCESS_TOKEN}`, and a comment above the statement says where the value belongs. The
 * value is never copied anywhere. Every literal of the same statement gets its comment at once, so fixing them one
 * by one or all together writes the same comments.
 */
export function moveSecretFixes(
  finding: RuleFinding<'hardcoded-secret' | 'hardcoded-token'>,
  context: FixContext,
): Fix[] {
  const { document, settings } = context;
  const { unit, literal } = finding.facts;
  const literals = literalsOf(unit, settings);
  const own = {
    valueRange: literal.valueRange,
    name: secureNameFor(literal.kind === 'secret-literal' ? literal.what : 'token', settings),
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
  const sameStatement = literals
    .map((l) => ({ literal: l, range: toCodeRange(region, l.valueRange) }))
    .filter(
      (l): l is { literal: Literal; range: TextRange } =>
        l.range !== undefined && statementStart(region, program, block, l.range) === start,
    );
  const existing = new Set(commentsAbove(code, lineStartAt(code, start)));
  const eol = document.kind === 'export' ? region.eol : lineEndingOf(code);
  const layout = { eol, indentUnit: indentUnitOf(code) };
  const names = [...new Set(sameStatement.map((l) => l.literal.name))].filter(
    (name) => !existing.has(movedSecretComment(name).trim()),
  );
  const edits: TextEdit[] = [{ range, newText: secretSubstitution(own.name) }];
  if (names.length > 0) {
    edits.unshift(
      insertLinesBefore(code, start, eol, (indent) =>
        names.map((name) => movedSecretComment(name, { ...layout, indent })).join(''),
      ),
    );
  }
  return [{ title: MOVE_SECRET_TITLE, code: finding.code, preferred: true, edits: region.toDocumentEdits(edits) }];
}
