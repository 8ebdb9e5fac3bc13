import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, sanitizeSettings, type Settings } from '../../server/src/common/settings';
import { applyEdits, nonOverlapping, type TextEdit } from '../../server/src/common/text-edit';
import type { TextRange } from '../../server/src/common/text-range';
import { documentKindOf } from '../../server/src/documents/document-kind';
import { parseDocument, syntaxErrorsOf } from '../../server/src/documents/parsed-document';
import type { Fix } from '../../server/src/diagnostics/fix';
import type { DiagnosticCode } from '../../server/src/diagnostics/codes';
import type { Finding } from '../../server/src/diagnostics/finding';
import { fixAllText, lintText } from '../../server/src/service/lint';
import { readExport } from '../../server/src/syntax/export/read-export';
import { describeRange, readAnnotated } from './annotated';

export interface CheckFixOptions {
  /** File name; its extension picks the document kind (default `fix.snippet`). */
  readonly name?: string;
  /** Settings as a client would send them (sanitized). */
  readonly settings?: Record<string, unknown>;
  /** The fix to apply, by title; default the preferred one. */
  readonly title?: string;
  /**
   * Skip the "diagnostic is gone" and "second application" checks, with the reason (a rule limitation reported to
   * the rules' owner).
   */
  readonly findingMayRemain?: string;
}

export interface CheckedFix {
  readonly before: string;
  readonly after: string;
  readonly finding: Finding;
  readonly fix: Fix;
  readonly fixes: Fix[];
  readonly settings: Settings;
}

/** Where an offset of the text before the edits ends up after them. */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of edits) {
    if (edit.range.end <= offset && !(edit.range.start === edit.range.end && edit.range.start === offset)) {
      shift += edit.newText.length - (edit.range.end - edit.range.start);
    } else if (edit.range.start < offset) {
      return edit.range.start + shift;
    }
  }
  return offset + shift;
}

function lineEndingStyle(text: string): 'crlf' | 'lf' | 'mixed' | 'none' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  if (crlf === 0 && lf === 0) return 'none';
  return crlf > 0 && lf > 0 ? 'mixed' : crlf > 0 ? 'crlf' : 'lf';
}

function usesTabs(text: string): boolean {
  return /^\t+\S/m.test(text) && !/^ +\S/m.test(text.replace(/^[ \t]*(?:\/\/|\*).*$/gm, ''));
}

/**
 * Lints `before` (annotated: `$0` marks the cursor), takes the finding of `code` at the cursor, applies its preferred
 * fix (or the one titled `options.title`) and checks the guarantees every fix gives:
 * - one preferred fix at most, and the fix's own edits do not overlap;
 * - every character outside the edited ranges is unchanged;
 * - the result has no new syntax errors (XML: still a well-formed export) and the finding is gone;
 * - a second fix-all of the code changes nothing;
 * - line endings and indentation follow the document (CRLF stays CRLF, tabs stay tabs).
 * Compares with `expectedAfter` when given. Returns what it checked.
 */
export function checkFix(
  before: string,
  code: DiagnosticCode,
  expectedAfter?: string,
  options: CheckFixOptions = {},
): CheckedFix {
  const name = options.name ?? 'fix.snippet';
  const settings = options.settings ? sanitizeSettings(options.settings) : DEFAULT_SETTINGS;
  const annotated = readAnnotated(before);
  const text = annotated.text;
  assert.ok(annotated.cursor !== undefined, 'the fixture needs a $0 cursor on the finding');
  const cursor = annotated.cursor;
  const linted = lintText(name, undefined, text, settings);
  assert.ok(linted, `${name} is not a document the product reads`);
  const candidates = linted.findings.filter((f) => f.code === code && f.range.start <= cursor && cursor <= f.range.end);
  assert.ok(
    candidates.length > 0,
    `no ${code} finding at the cursor; findings: ` +
      `${linted.findings.map((f) => `${f.code} ${describeRange(text, f.range)}`).join('; ')}`,
  );
  const finding = candidates.reduce((a, b) => (b.range.end - b.range.start < a.range.end - a.range.start ? b : a));

  const fixes = linted.analysis.fixesFor(finding);
  assert.ok(fixes.length > 0, `no fix for ${code} at ${describeRange(text, finding.range)}`);
  assert.ok(fixes.filter((f) => f.preferred).length <= 1, 'more than one preferred fix');
  for (const f of fixes) assert.equal(f.code, code);
  const fix = options.title ? fixes.find((f) => f.title === options.title) : fixes.find((f) => f.preferred);
  assert.ok(fix, `no fix ${options.title ?? '(preferred)'} among: ${fixes.map((f) => f.title).join(', ')}`);

  // The fix's edits are applied whole, and nothing outside them changes.
  const edits = [...fix.edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  assert.equal(nonOverlapping(edits).length, edits.length, 'the fix has overlapping edits');
  const after = applyEdits(text, edits);
  let cursorBefore = 0;
  let cursorAfter = 0;
  for (const edit of edits) {
    const unchanged = text.slice(cursorBefore, edit.range.start);
    assert.equal(after.slice(cursorAfter, cursorAfter + unchanged.length), unchanged, 'text outside the edits changed');
    cursorAfter += unchanged.length + edit.newText.length;
    cursorBefore = edit.range.end;
  }
  assert.equal(after.slice(cursorAfter), text.slice(cursorBefore), 'text after the last edit changed');

  if (expectedAfter !== undefined) assert.equal(after, expectedAfter);

  // No new syntax errors; an export stays a well-formed export.
  const kind = documentKindOf(name, undefined, after);
  assert.ok(kind, 'the fixed text is no longer a document of its kind');
  const reparsed = parseDocument(kind, after);
  assert.ok(reparsed, 'the fixed text does not parse');
  const errorsBefore = syntaxErrorsOf(parseDocument(kind, text)!).map((e) => e.message);
  const errorsAfter = syntaxErrorsOf(reparsed).map((e) => e.message);
  assert.ok(
    errorsAfter.length <= errorsBefore.length,
    `new syntax errors: ${errorsAfter.filter((m) => !errorsBefore.includes(m)).join('; ')}`,
  );
  if (kind === 'export') {
    const exported = readExport(after);
    assert.ok(exported, 'the fixed export is not read as a Studio export');
    assert.deepEqual(exported.errors, readExport(text)!.errors, 'the fixed export is not well-formed');
    assert.equal(exported.actions.length, readExport(text)!.actions.length);
  }

  // The targeted diagnostic is gone.
  const relinted = lintText(name, undefined, after, settings)!;
  if (options.findingMayRemain === undefined) {
    const moved: TextRange = { start: mapOffset(finding.range.start, edits), end: mapOffset(finding.range.end, edits) };
    const still = relinted.findings.filter(
      (f) => f.code === code && f.range.start <= moved.end && moved.start <= f.range.end,
    );
    assert.deepEqual(
      still.map((f) => describeRange(after, f.range)),
      [],
      `${code} is still reported there`,
    );
    assert.ok(
      relinted.findings.filter((f) => f.code === code).length < linted.findings.filter((f) => f.code === code).length,
      `${code} is reported as often as before`,
    );
  }

  // A second application changes nothing (meaningless while the finding remains): with no other finding of the code,
  // fix-all of the result is a no-op; in any case fix-all of the code converges.
  if (options.findingMayRemain === undefined) {
    const others = linted.findings.filter((f) => f.code === code && f !== finding).length;
    if (others === 0)
      assert.equal(
        fixAllText(name, undefined, after, settings, code).text,
        after,
        'a second fix-all of this code changed the text',
      );
    const once = fixAllText(name, undefined, text, settings, code).text;
    assert.equal(
      fixAllText(name, undefined, once, settings, code).text,
      once,
      'fix-all of this code does not converge',
    );
  }

  // Line endings and indentation follow the document.
  const style = lineEndingStyle(text);
  if (style === 'crlf') assert.equal(lineEndingStyle(after), 'crlf', 'a CRLF document got LF line endings');
  if (style === 'lf') assert.equal(lineEndingStyle(after), 'lf', 'an LF document got CR line endings');
  if (usesTabs(text)) {
    for (const edit of edits) {
      for (const line of edit.newText.split(/\r\n|\n/).slice(0, -1))
        assert.ok(!/^ +\S/.test(line), `space-indented line in a tab-indented document: ${JSON.stringify(line)}`);
    }
  }
  return { before: text, after, finding, fix, fixes, settings };
}

/** Joins lines with a line ending (and a final one): fixtures in tests without template-literal indentation. */
export function lines(eol: '\n' | '\r\n', ...content: string[]): string {
  return content.map((line) => line + eol).join('');
}

const FIXTURES = join(__dirname, '..', 'fixtures');

/** The text of a fixture under test/fixtures, as it is on disk. */
export function read(relative: string): string {
  return readFileSync(join(FIXTURES, relative), 'utf8');
}

/** Puts the `$0` cursor just before the first occurrence of `marker`. */
export function at(text: string, marker: string): string {
  const i = text.indexOf(marker);
  assert.ok(i >= 0, `marker ${marker} not found`);
  return `${text.slice(0, i)}$0${text.slice(i)}`;
}

/** Jitter on, with the default window (`studioTokenLens.jitter.*`), as the fix tests and the template tests use it. */
export const JITTER_ON = { enabled: true, minSeconds: 120, maxSeconds: 480 } as const;
