import { commonPrefixLength, commonSuffixLength } from '../common/common-ends';
import { applyEdits, type TextEdit } from '../common/text-edit';
import { embeddedEditsToDocument } from '../editing/xml-embedding';
import { type EmbeddedCode, readExport, type ScriptExport } from '../syntax/export/read-export';
import { escapeXmlText } from '../syntax/export/xml-escape';

/**
 * The round trip of a SNIPPET action's code through a Desktop Studio export: read the code of action N as plain
 * Snippet text, and write new code back into the export with nothing else in the file changed.
 *
 * `extractActionCode(replaceActionCode(x, n, c).text, n) === c` for every export `x` with a SNIPPET action `n` and
 * every code `c` an XML file can hold; the bytes outside the action's changed code are left as they were
 * (test/unit/export-editing/action-code.test.ts checks both as properties).
 */

/** The code of one SNIPPET action as plain text: entities decoded, line breaks as the file writes them. */
export interface ActionCode {
  readonly actionId: number;
  readonly caption: string;
  readonly code: string;
}

export type ReplaceOutcome =
  | {
      readonly ok: true;
      /** The export with the action's code replaced. */
      readonly text: string;
      /** The edits of the export that make `text` (none when the code is unchanged): one minimal, escaped edit. */
      readonly edits: readonly TextEdit[];
    }
  | { readonly ok: false; readonly problem: string };

/** The action's embedded code in a read export; of two actions with one id, the first in the file (as ActionGraph). */
function snippetOf(script: ScriptExport, actionId: number): EmbeddedCode | undefined {
  return script.snippets.find((s) => s.actionId === actionId);
}

/** The SNIPPET actions of an export in file order, with their code; empty for text that is not an export. */
export function listActionCodes(text: string): ActionCode[] {
  const script = readExport(text);
  if (!script) return [];
  const seen = new Set<number>();
  const codes: ActionCode[] = [];
  for (const s of script.snippets) {
    if (seen.has(s.actionId)) continue;
    seen.add(s.actionId);
    codes.push({ actionId: s.actionId, caption: s.caption, code: s.code });
  }
  return codes;
}

/** The code of SNIPPET action `actionId`, or undefined when the text is no export or has no such action. */
export function extractActionCode(text: string, actionId: number): ActionCode | undefined {
  const script = readExport(text);
  const snippet = script && snippetOf(script, actionId);
  return snippet && { actionId, caption: snippet.caption, code: snippet.code };
}

/**
 * The first character XML 1.0 cannot hold, even as a character reference: a C0 control other than tab, LF and CR,
 * a lone surrogate, U+FFFE or U+FFFF. Undefined when there is none.
 */
function firstCharacterXmlCannotHold(code: string): number | undefined {
  for (let i = 0; i < code.length; i++) {
    const unit = code.charCodeAt(i);
    if (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) return unit;
    if (unit === 0xfffe || unit === 0xffff) return unit;
    if (isHighSurrogate(unit)) {
      if (!isLowSurrogate(code.charCodeAt(i + 1))) return unit;
      i++;
    } else if (isLowSurrogate(unit)) {
      return unit;
    }
  }
  return undefined;
}

function describeCharacter(unit: number): string {
  return `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * How `replaceActionCode` reads: `script` is `text` read (undefined when it is no export), `readBack` reads a new
 * text exactly as `readExport` would. A caller that already holds them (a tab's view, edit after edit) passes them.
 */
export interface ExportReading {
  readonly script: ScriptExport | undefined;
  readonly readBack: (next: string) => ScriptExport | undefined;
}

/**
 * Replaces the code of SNIPPET action `actionId` with `code`, exactly as given (see `inExportLineBreaks` to write
 * it with the export's line breaks). Only the part of the code that changed is rewritten: its new text is escaped
 * (`&amp;`, `&lt;`, `&gt;`) or kept raw inside a CDATA section it falls into, so every other byte of the file stays
 * as it was. Refused (with a reason for the user) when the text is no well-formed export, the action is missing or
 * the code holds a character XML cannot.
 */
export function replaceActionCode(
  text: string,
  actionId: number,
  code: string,
  reading: ExportReading = { script: readExport(text), readBack: readExport },
): ReplaceOutcome {
  const { script } = reading;
  if (!script) return { ok: false, problem: 'the document is not a Desktop Studio export (no <ScriptContainer>)' };
  if (script.errors.length > 0)
    return { ok: false, problem: `the export is not well-formed XML (${script.errors[0]!.message}); fix it first` };
  const snippet = snippetOf(script, actionId);
  if (!snippet) return { ok: false, problem: `the export has no SNIPPET action ${actionId} with code parameters` };
  const forbidden = firstCharacterXmlCannotHold(code);
  if (forbidden !== undefined)
    return {
      ok: false,
      problem: `the code contains ${describeCharacter(forbidden)}, a character an XML export cannot hold`,
    };
  const change = changedSpan(snippet.code, code);
  if (!change) return { ok: true, text, edits: [] };
  const edits = isSelfClosing(text, snippet)
    ? [{ range: snippet.elementRange, newText: `<string>${escapeXmlText(code)}</string>` }]
    : embeddedEditsToDocument(text, snippet, [change]);
  const next = applyEdits(text, edits);
  // The escaping is checked, not trusted: the result must read back well-formed with exactly this code.
  const back = reading.readBack(next);
  const written = back && snippetOf(back, actionId);
  if (!back || back.errors.length > 0 || written?.code !== code)
    return { ok: false, problem: 'the code could not be written back exactly (an internal error; nothing changed)' };
  return { ok: true, text: next, edits };
}

/**
 * The one edit that turns `before` into `after` (code offsets): what lies between their common prefix and common
 * suffix. A boundary never splits a surrogate pair, whose two halves may come from one character reference.
 */
export function changedSpan(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const limit = Math.min(before.length, after.length);
  let prefix = commonPrefixLength(before, after);
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = commonSuffixLength(before, after, limit - prefix);
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    range: { start: prefix, end: before.length - suffix },
    newText: after.slice(prefix, after.length - suffix),
  };
}

/** `<string />`: no content to edit inside, so the element is written whole. */
function isSelfClosing(text: string, snippet: EmbeddedCode): boolean {
  return text.slice(snippet.elementRange.start, snippet.elementRange.end).endsWith('/>');
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * `code` with every line break written the way the export writes them: as the action's current code does, else
 * as the file's first line break, else CRLF (what Studio writes). An editor may hand back LF for a CRLF export.
 */
export function inExportLineBreaks(exportText: string, actionId: number, code: string): string {
  const current = extractActionCode(exportText, actionId)?.code;
  const eol = firstLineBreak(current ?? '') ?? firstLineBreak(exportText) ?? '\r\n';
  return code.replace(LINE_BREAK, eol);
}

function firstLineBreak(text: string): string | undefined {
  const match = /\r\n|\r|\n/.exec(text);
  return match?.[0];
}
