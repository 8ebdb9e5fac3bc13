import type { Settings } from '../common/settings';
import { applyEdits, type TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import { changedSpan, replaceActionCode } from '../export-editing/action-code';
import { runSteps } from '../common/steps';
import { exportAfterCodeEdit } from '../syntax/export/code-edit';
import { type EmbeddedCode, readExport, type ScriptExport } from '../syntax/export/read-export';
import { decodeXmlContent } from '../syntax/export/xml-content';
import { Analysis, type DocumentInput } from './analysis';

/** A range of a view's analysis, placed in one of the two documents a tab spans. */
export interface ViewPlace {
  /** `tab`: the SNIPPET action's code as the tab holds it; `export`: the export file (its current text). */
  readonly in: 'tab' | 'export';
  readonly range: TextRange;
}

/** Edits of a view's analysis, split between the tab and the export (each in its own offsets). */
export interface SplitEdits {
  readonly tab: readonly TextEdit[];
  readonly export: readonly TextEdit[];
}

/**
 * One SNIPPET action of an export, edited in a tab of its own: the export analysed with that action's code replaced
 * by the tab's text (so every cross-action finding, hover, completion and rename sees the whole script), and the
 * maps between that analysis and the two documents. Offsets of `analysis` are offsets of the composed export; the
 * tab shows what lies inside the action's code, the rest maps back to the export file, whose bytes outside the
 * action are the composed text's.
 */
export class ActionView {
  private constructor(
    readonly analysis: Analysis,
    readonly actionId: number,
    /** The export as read (its text and structure): the next view of the same export starts from them. */
    private readonly exportRead: { readonly text: string; readonly script: ScriptExport | undefined },
    private readonly tabText: string,
    /** The action's code in the composed text. */
    private readonly code: EmbeddedCode,
    /** Where the composed text differs from the export: `[start, start + length)` replaced `[start, end)`. */
    private readonly change: { readonly start: number; readonly end: number; readonly length: number },
  ) {}

  /**
   * The view of action `actionId` of the export with the tab's text as its code; a reason instead when the export is
   * not a well-formed export with that action, or the text cannot stand in an XML file.
   */
  static of(
    exportInput: DocumentInput,
    actionId: number,
    tabText: string,
    settings: Settings,
    previous?: ActionView,
  ): ActionView | { readonly problem: string } {
    // The previous view of the same export and action (the tab's text changed): the export is not read again, the
    // new composed text is read from the previous one (only the action's code differs) and analysed with it at hand.
    const earlier = previous?.actionId === actionId ? previous : undefined;
    const exportRead =
      earlier?.exportRead.text === exportInput.text
        ? earlier.exportRead
        : { text: exportInput.text, script: readExport(exportInput.text) };
    const composed = earlier?.analysis.document;
    const readBack = (next: string): ScriptExport | undefined =>
      (composed?.kind === 'export' ? exportAfterCodeEdit(composed.export, composed.text, next) : undefined) ??
      readExport(next);
    const replaced = replaceActionCode(exportInput.text, actionId, tabText, { script: exportRead.script, readBack });
    if (!replaced.ok) return { problem: replaced.problem };
    const input = { ...exportInput, text: replaced.text };
    const analysis = runSteps(Analysis.steps(input, settings, earlier?.analysis));
    const document = analysis?.document;
    const code = document?.kind === 'export' ? document.snippets.find((s) => s.code.actionId === actionId) : undefined;
    if (!analysis || !code) return { problem: `the export has no SNIPPET action ${actionId}` };
    const edit = replaced.edits[0];
    const change = edit
      ? { start: edit.range.start, end: edit.range.end, length: edit.newText.length }
      : { start: 0, end: 0, length: 0 };
    return new ActionView(analysis, actionId, exportRead, tabText, code.code, change);
  }

  /** The analysis offset of a tab offset. */
  toAnalysis(tabOffset: number): number {
    return this.code.toDocumentOffset(Math.max(0, Math.min(tabOffset, this.tabText.length)));
  }

  /** Where a range of the analysis is: in the tab (inside the action's code) or in the export file. */
  place(range: TextRange): ViewPlace {
    const content = this.code.contentRange;
    if (range.start >= content.start && range.end <= content.end) {
      const start = this.code.toCodeOffset(range.start) ?? 0;
      const end = range.end === range.start ? start : (this.code.toCodeOffset(range.end) ?? start);
      return { in: 'tab', range: { start, end } };
    }
    return { in: 'export', range: { start: this.toExport(range.start), end: this.toExport(range.end) } };
  }

  /** An analysis range in tab offsets, or undefined when it lies outside the action's code. */
  inTab(range: TextRange): TextRange | undefined {
    const place = this.place(range);
    return place.in === 'tab' ? place.range : undefined;
  }

  /**
   * Analysis edits as edits of the tab (inside the action's code: decoded, so the tab holds plain Snippet) and of the
   * export (outside the action). Undefined when an edit crosses the action's boundary (a whole-document rewrite).
   */
  splitEdits(edits: readonly TextEdit[]): SplitEdits | undefined {
    const content = this.code.contentRange;
    const inside: TextEdit[] = [];
    const outside: TextEdit[] = [];
    for (const edit of edits) {
      const { start, end } = edit.range;
      if (start >= content.start && end <= content.end) inside.push(edit);
      else if (end <= this.code.elementRange.start || start >= this.code.elementRange.end)
        outside.push({ range: { start: this.toExport(start), end: this.toExport(end) }, newText: edit.newText });
      else return undefined;
    }
    return { tab: inside.length === 0 ? [] : this.tabEdits(inside), export: outside };
  }

  /**
   * The tab's edits for analysis edits inside the code: each mapped on its own when that gives exactly the code the
   * export would hold after them (read back through the XML reader), else one edit of what changed.
   */
  private tabEdits(edits: readonly TextEdit[]): TextEdit[] {
    const composed = this.analysis.text;
    const after = readExport(applyEdits(composed, edits));
    const expected = after?.snippets.find((s) => s.actionId === this.actionId)?.code;
    if (expected === undefined) return [];
    const mapped: TextEdit[] = [];
    for (const edit of edits) {
      if (edit.newText.includes('<')) break;
      const range = this.inTab(edit.range);
      if (!range) break;
      mapped.push({ range, newText: decodeXmlContent(edit.newText, 0, edit.newText.length).text });
    }
    if (mapped.length === edits.length && applyEdits(this.tabText, mapped) === expected) return mapped;
    const whole = changedSpan(this.tabText, expected);
    return whole ? [whole] : [];
  }

  /** A composed offset outside the changed span as an offset of the export file. */
  private toExport(offset: number): number {
    const { start, end, length } = this.change;
    if (offset <= start) return offset;
    if (offset >= start + length) return offset - length + (end - start);
    return start;
  }
}
