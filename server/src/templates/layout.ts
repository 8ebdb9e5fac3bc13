import type { DocumentKind } from '../documents/document-kind';

/**
 * How rendered code is laid out: notation, line ending and indentation. Templates build a list of lines with a
 * nesting depth; `renderLines` turns it into text where every line carries the caller's indent and ends with
 * the requested line ending.
 */

/** `snippet`: the real Snippet language (`.snippet`, XML exports). `guide`: the guide's notation (`.studio`). */
export type Notation = 'snippet' | 'guide';

/** The notation of code written into a document: XML exports hold real Snippet code. */
export function notationOf(kind: DocumentKind): Notation {
  return kind === 'guide' ? 'guide' : 'snippet';
}

export type LineEnding = '\n' | '\r\n';

export interface TemplateLayout {
  /** Line ending of every rendered line, the last one included. */
  readonly eol: LineEnding;
  /** One level of indentation (e.g. two spaces or a tab). */
  readonly indentUnit: string;
  /** The indentation already in effect where the code goes; prefixed to every line. */
  readonly indent: string;
}

export const DEFAULT_LAYOUT: TemplateLayout = { eol: '\n', indentUnit: '  ', indent: '' };

export function resolveLayout(options: Partial<TemplateLayout>): TemplateLayout {
  return {
    eol: options.eol === '\r\n' ? '\r\n' : '\n',
    indentUnit: options.indentUnit ?? DEFAULT_LAYOUT.indentUnit,
    indent: options.indent ?? DEFAULT_LAYOUT.indent,
  };
}

/** One line of code at a nesting depth relative to the rendered text's own indentation. */
export interface CodeLine {
  readonly depth: number;
  readonly text: string;
}

/** Collects lines while tracking the nesting depth. */
export class LineWriter {
  readonly lines: CodeLine[] = [];
  private depth = 0;

  line(text: string): this {
    this.lines.push({ depth: this.depth, text });
    return this;
  }

  /** Adds caller-supplied lines (each may itself hold line breaks) at the current depth. */
  verbatim(lines: readonly string[]): this {
    for (const chunk of lines) for (const text of chunk.split(/\r\n|\n|\r/)) this.line(text);
    return this;
  }

  /** Adds rendered lines from another writer at the current depth. */
  append(lines: readonly CodeLine[]): this {
    for (const l of lines) this.lines.push({ depth: this.depth + l.depth, text: l.text });
    return this;
  }

  indented(body: () => void): this {
    this.depth++;
    body();
    this.depth--;
    return this;
  }
}

/** Joins lines: indent + depth × unit + text, each followed by the line ending. Blank lines get no indent. */
export function renderLines(lines: readonly CodeLine[], layout: TemplateLayout): string {
  let out = '';
  for (const { depth, text } of lines) {
    out += (text.trim() === '' ? '' : layout.indent + layout.indentUnit.repeat(depth) + text) + layout.eol;
  }
  return out;
}

/** Options every template accepts. */
export interface TemplateOptions extends Partial<TemplateLayout> {
  /** Explanatory `//` comments in the rendered code (default true). */
  readonly comments?: boolean;
  /**
   * Code lines added after the template's own code (in the guide's notation: inside the SNIPPET block, before
   * END SNIPPET). Each line is indented like the template's top level.
   */
  readonly trailingLines?: readonly string[];
}
