import { commonEnds } from '../../common/common-ends';
import { shiftedRange, type TextRange } from '../../common/text-range';
import type { ActionEdge, ScriptAction } from './export-model';
import { assemble, type EmbeddedCode, embeddedCodeOf, type ScriptExport } from './read-export';
import { decodeXmlContent, type XmlContent } from './xml-content';

/**
 * The export after an edit of one SNIPPET action's code, made from the previous version's without reading the XML
 * again: typing in a script of thousands of lines re-reads one action. The edit is found by comparing the two texts;
 * undefined whenever it might change more than that code (the code's content holds markup, the edit touches an
 * entity or forms `]]>`, or the earlier version had an XML error), and the caller reads the file in full. The result
 * is the one `readExport` gives.
 */
export function exportAfterCodeEdit(
  previous: ScriptExport,
  previousText: string,
  text: string,
): ScriptExport | undefined {
  if (previous.errors.length > 0) return undefined;
  const edit = textEdit(previousText, text);
  if (!edit) return undefined;
  const edited = previous.snippets.find((s) => s.contentRange.start <= edit.start && edit.oldEnd <= s.contentRange.end);
  // Only content without markup: the next `<` is its end tag. Text typed inside a comment, a processing instruction,
  // CDATA or a child tag follows other rules (`--` ends nothing but is an error in a comment), and the range of an
  // empty `<string />` lies inside its tag.
  if (!edited || previousText.indexOf('<', edited.contentRange.start) !== edited.contentRange.end) return undefined;
  if (!isPlainEdit(previousText, text, edit, edited.contentRange)) return undefined;
  const delta = edit.newEnd - edit.oldEnd;
  const move = (range: TextRange): TextRange | undefined => movedRange(range, edit.start, edit.oldEnd, delta);

  const actions: ScriptAction[] = [];
  let editedAction: ScriptAction | undefined;
  let editedContent: XmlContent | undefined;
  for (const action of previous.actions) {
    let moved = movedAction(action, move);
    if (!moved) return undefined;
    const code = action.parameters[0];
    if (code && code.range.start === edited.contentRange.start && code.range.end === edited.contentRange.end) {
      // The action whose code this is: its first parameter is read again.
      const first = moved.parameters[0]!;
      editedContent = decodeXmlContent(text, first.range.start, first.range.end);
      moved = { ...moved, parameters: [{ ...first, value: editedContent.text }, ...moved.parameters.slice(1)] };
      editedAction = moved;
    }
    actions.push(moved);
  }
  const edges: ActionEdge[] = [];
  for (const edge of previous.edges) {
    const range = move(edge.range);
    if (!range) return undefined;
    edges.push(range === edge.range ? edge : { ...edge, range });
  }
  const snippets: EmbeddedCode[] = [];
  for (const snippet of previous.snippets) {
    if (snippet !== edited) {
      // Moved even when the edit does not move it: its offset maps then read the new text, not the old one.
      snippets.push(snippet.movedBy(snippet.contentRange.start >= edit.oldEnd ? delta : 0, text));
      continue;
    }
    const first = editedAction?.parameters[0];
    if (!editedAction || !first || !editedContent) return undefined;
    snippets.push(embeddedCodeOf(editedAction, first, editedContent));
  }
  return assemble(actions, edges, snippets, []);
}

/** Where two texts differ: `[start, oldEnd)` of the old one became `[start, newEnd)` of the new one. */
interface Edit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

function textEdit(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const { prefix, suffix } = commonEnds(before, after);
  return { start: prefix, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}

/** Longest character reference (`&#x10FFFF;`) plus room: an edit this close after an `&` may be inside it. */
const REFERENCE_REACH = 12;

/**
 * The edit removes and inserts only character data that means itself in XML, and leaves the markup around it as it
 * was: no `<`, `&`, `>` or `]` on either side (so no tag, entity or `]]>` appears or goes), no character XML forbids,
 * not inside an entity, and no `]]>` formed across its ends.
 */
function isPlainEdit(before: string, after: string, edit: Edit, content: TextRange): boolean {
  if (!isPlainData(before, edit.start, edit.oldEnd) || !isPlainData(after, edit.start, edit.newEnd)) return false;
  for (let i = edit.start - 1; i >= Math.max(content.start, edit.start - REFERENCE_REACH); i--) {
    const c = before.charCodeAt(i);
    if (c === 0x3b /* ; */) break;
    if (c === 0x26 /* & */) return false;
  }
  return !after.slice(Math.max(0, edit.start - 2), edit.newEnd + 2).includes(']]>');
}

function isPlainData(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c === 0x3c || c === 0x26 || c === 0x3e || c === 0x5d) {
      return false;
    }
    if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}

/**
 * A range of the earlier text in the new one: after the edit, moved; around it, stretched; before it, the same
 * object. Undefined for a range that only overlaps it (the edit would cross markup).
 */
function movedRange(range: TextRange, start: number, oldEnd: number, delta: number): TextRange | undefined {
  if (range.start <= start && oldEnd <= range.end) {
    return delta === 0 ? range : { start: range.start, end: range.end + delta };
  }
  if (range.start >= oldEnd) return delta === 0 ? range : shiftedRange(range, delta);
  if (range.end <= start) return range;
  return undefined;
}

function movedAction(
  action: ScriptAction,
  move: (range: TextRange) => TextRange | undefined,
): ScriptAction | undefined {
  const range = move(action.range);
  if (!range) return undefined;
  if (range === action.range) return action;
  const parameters: ScriptAction['parameters'][number][] = [];
  for (const parameter of action.parameters) {
    const content = move(parameter.range);
    const element = move(parameter.elementRange);
    if (!content || !element) return undefined;
    parameters.push({ value: parameter.value, range: content, elementRange: element });
  }
  const captionRange = action.captionRange === undefined ? undefined : move(action.captionRange);
  if (action.captionRange !== undefined && !captionRange) return undefined;
  return {
    id: action.id,
    type: action.type,
    caption: action.caption,
    parameters,
    range,
    ...(captionRange !== undefined ? { captionRange } : {}),
  };
}
