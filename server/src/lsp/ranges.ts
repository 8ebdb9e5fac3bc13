import type { Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';

/** Core offsets to an LSP range, through the open document's own line table. */
export function toLspRange(document: TextDocument, range: TextRange): Range {
  return { start: document.positionAt(range.start), end: document.positionAt(range.end) };
}

export function toLspTextEdit(document: TextDocument, edit: TextEdit): LspTextEdit {
  return { range: toLspRange(document, edit.range), newText: edit.newText };
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
