import type { TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import type { EmbeddedSnippet, ParsedDocument } from '../documents/parsed-document';
import type { Program } from '../syntax/snippet/ast';
import type { LineEnding } from '../templates';
import { lineEndingOf } from './text-layout';
import { embeddedEditsToDocument } from './xml-embedding';

/**
 * The code a fix edits, in its own offsets: the whole text of a `.snippet` or `.studio` file, or the decoded code of
 * one SNIPPET action of an XML export. Fixes compute edits in code offsets and hand them back through
 * `toDocumentEdits`, which maps (and for exports escapes) them.
 */
export interface CodeRegion {
  readonly code: string;
  /** The line ending of the code (for an export without line breaks in this action: the file's). */
  readonly eol: LineEnding;
  /** A document offset as a code offset; undefined outside this code. */
  toCode(documentOffset: number): number | undefined;
  toDocumentEdits(edits: readonly TextEdit[]): TextEdit[];
}

export function toCodeRange(region: CodeRegion, range: TextRange): TextRange | undefined {
  const start = region.toCode(range.start);
  const end = region.toCode(range.end);
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** The document itself (`.snippet`, `.studio`): code offsets are document offsets. */
export function wholeDocumentRegion(text: string): CodeRegion {
  return {
    code: text,
    eol: lineEndingOf(text),
    toCode: (offset) => (offset >= 0 && offset <= text.length ? offset : undefined),
    toDocumentEdits: (edits) => [...edits],
  };
}

export function embeddedRegion(text: string, embedded: EmbeddedSnippet): CodeRegion {
  const { code } = embedded;
  return {
    code: code.code,
    eol: lineEndingOf(code.code, lineEndingOf(text)),
    toCode: (offset) => code.toCodeOffset(offset),
    toDocumentEdits: (edits) => embeddedEditsToDocument(text, code, edits),
  };
}

/** Real Snippet code with its syntax tree (offsets in `region.code`). */
export interface SnippetCode {
  readonly region: CodeRegion;
  readonly program: Program;
  /** The export's SNIPPET action, for exports. */
  readonly embedded?: EmbeddedSnippet;
}

/**
 * The real Snippet code holding a document offset: the `.snippet` file, or the export action whose `<string>` holds it.
 */
export function snippetCodeAt(document: ParsedDocument, offset: number): SnippetCode | undefined {
  if (document.kind === 'snippet')
    return { region: wholeDocumentRegion(document.text), program: document.snippet.program };
  if (document.kind !== 'export') return undefined;
  const embedded = document.snippets.find(
    ({ code }) => code.contentRange.start <= offset && offset <= code.contentRange.end,
  );
  if (!embedded) return undefined;
  return { region: embeddedRegion(document.text, embedded), program: embedded.snippet.program, embedded };
}
