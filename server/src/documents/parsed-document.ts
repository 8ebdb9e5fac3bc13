import type { ParseError } from '../common/text-range';
import { parseSnippet, reparseSnippet, type SnippetParseResult } from '../syntax/snippet/parser';
import { parseGuide, type GuideParseResult } from '../syntax/guide/parser';
import { readExport, type EmbeddedCode, type ScriptExport } from '../syntax/export/read-export';
import { runSteps, type Steps } from '../common/steps';
import { exportAfterCodeEdit } from '../syntax/export/code-edit';
import type { DocumentKind } from './document-kind';

/** A `.snippet` file: real Snippet code; offsets are document offsets. */
export interface SnippetDocument {
  readonly kind: 'snippet';
  readonly text: string;
  readonly snippet: SnippetParseResult;
}

/** A `.studio` file in the guide's notation; every offset in it is a document offset. */
export interface GuideDocument {
  readonly kind: 'guide';
  readonly text: string;
  readonly guide: GuideParseResult;
}

/** One SNIPPET action of an export with its code parsed. Offsets in `snippet` are offsets in `code.code`. */
export interface EmbeddedSnippet {
  readonly code: EmbeddedCode;
  readonly snippet: SnippetParseResult;
}

/** A Desktop Studio XML export (root ScriptContainer). */
export interface ExportDocument {
  readonly kind: 'export';
  readonly text: string;
  readonly export: ScriptExport;
  readonly snippets: readonly EmbeddedSnippet[];
}

export type ParsedDocument = SnippetDocument | GuideDocument | ExportDocument;

/**
 * Parses a document of a known kind. Undefined only for XML that turns out not to be a Studio
 * export (it is ignored silently). Never throws: every parser collects its errors.
 */
export function parseDocument(kind: DocumentKind, text: string): ParsedDocument | undefined {
  return runSteps(parseDocumentSteps(kind, text));
}

/**
 * `parseDocument` in steps (one per SNIPPET action of an export). With the previous version of the same document,
 * an edit inside one action's code does not read the XML again (syntax/export/code-edit.ts), and actions whose code is
 * unchanged keep their parse: the Snippet parser's result depends on the code
 * alone and is never changed by its readers, so it is the one a fresh parse would give.
 */
export function* parseDocumentSteps(
  kind: DocumentKind,
  text: string,
  previous?: ParsedDocument,
): Steps<ParsedDocument | undefined> {
  switch (kind) {
    case 'snippet':
      // The previous version's unchanged top-level statements are taken over (syntax/snippet/reuse.ts).
      return {
        kind,
        text,
        snippet: previous?.kind === 'snippet' ? reparseSnippet(previous.snippet, text) : parseSnippet(text),
      };
    case 'guide':
      return { kind, text, guide: parseGuide(text) };
    case 'export': {
      // An edit inside one action's code is applied to the previous version's export; anything else reads the XML.
      const edited =
        previous?.kind === 'export' ? exportAfterCodeEdit(previous.export, previous.text, text) : undefined;
      const scriptExport = edited ?? readExport(text);
      if (!scriptExport) return undefined;
      const known = new Map<string, SnippetParseResult>();
      if (previous?.kind === 'export') for (const s of previous.snippets) known.set(s.code.code, s.snippet);
      const snippets: EmbeddedSnippet[] = [];
      for (const code of scriptExport.snippets) {
        const reused = known.get(code.code);
        snippets.push({ code, snippet: reused ?? parseSnippet(code.code) });
        if (!reused) yield;
      }
      return { kind, text, export: scriptExport, snippets };
    }
  }
}

/** Maps a range inside an embedded snippet's code to the export file. */
function embeddedRangeToDocument(code: EmbeddedCode, start: number, end: number): { start: number; end: number } {
  return { start: code.toDocumentOffset(start), end: code.toDocumentOffset(end) };
}

/** Every syntax error of the document, in document offsets, in document order. */
export function syntaxErrorsOf(document: ParsedDocument): ParseError[] {
  switch (document.kind) {
    case 'snippet':
      return [...document.snippet.errors];
    case 'guide':
      return [...document.guide.errors];
    case 'export': {
      const errors: ParseError[] = [...document.export.errors];
      for (const { code, snippet } of document.snippets) {
        for (const error of snippet.errors) {
          errors.push({
            range: embeddedRangeToDocument(code, error.range.start, error.range.end),
            message: error.message,
          });
        }
      }
      return errors.sort((a, b) => a.range.start - b.range.start);
    }
  }
}
