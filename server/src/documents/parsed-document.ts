import type { ParseError } from '../common/text-range';
import { parseSnippet, type SnippetParseResult } from '../syntax/snippet/parser';
import { parseStudio, type StudioParseResult } from '../syntax/guide/parser';
import { readStudioExport, type EmbeddedCode, type StudioExport } from '../syntax/export/read-export';
import type { DocumentKind } from './document-kind';

/** A `.snippet` file: real Snippet code; offsets are document offsets. */
export interface SnippetDocument {
  readonly kind: 'cxone-snippet';
  readonly text: string;
  readonly snippet: SnippetParseResult;
}

/** A `.studio` file in the guide's notation; every offset in it is a document offset. */
export interface StudioDocument {
  readonly kind: 'cxone-studio';
  readonly text: string;
  readonly studio: StudioParseResult;
}

/** One SNIPPET action of an export with its code parsed. Offsets in `snippet` are offsets in `code.code`. */
export interface EmbeddedSnippet {
  readonly code: EmbeddedCode;
  readonly snippet: SnippetParseResult;
}

/** A Desktop Studio XML export (root ScriptContainer). */
export interface XmlExportDocument {
  readonly kind: 'studio-xml';
  readonly text: string;
  readonly export: StudioExport;
  readonly snippets: readonly EmbeddedSnippet[];
}

export type ParsedDocument = SnippetDocument | StudioDocument | XmlExportDocument;

/**
 * Parses a document of a known kind. Undefined only for XML that turns out not to be a Studio
 * export (it is ignored silently). Never throws: every parser collects its errors.
 */
export function parseDocument(kind: DocumentKind, text: string): ParsedDocument | undefined {
  switch (kind) {
    case 'cxone-snippet':
      return { kind, text, snippet: parseSnippet(text) };
    case 'cxone-studio':
      return { kind, text, studio: parseStudio(text) };
    case 'studio-xml': {
      const studioExport = readStudioExport(text);
      if (!studioExport) return undefined;
      const snippets = studioExport.snippets.map((code) => ({ code, snippet: parseSnippet(code.code) }));
      return { kind, text, export: studioExport, snippets };
    }
  }
}

/** Maps a range inside an embedded snippet's code to the export file. */
export function embeddedRangeToDocument(code: EmbeddedCode, start: number, end: number): { start: number; end: number } {
  return { start: code.toDocumentOffset(start), end: code.toDocumentOffset(end) };
}

/** Every syntax error of the document, in document offsets, in document order. */
export function syntaxErrorsOf(document: ParsedDocument): ParseError[] {
  switch (document.kind) {
    case 'cxone-snippet':
      return [...document.snippet.errors];
    case 'cxone-studio':
      return [...document.studio.errors];
    case 'studio-xml': {
      const errors: ParseError[] = [...document.export.errors];
      for (const { code, snippet } of document.snippets) {
        for (const error of snippet.errors) {
          errors.push({ range: embeddedRangeToDocument(code, error.range.start, error.range.end), message: error.message });
        }
      }
      return errors.sort((a, b) => a.range.start - b.range.start);
    }
  }
}
