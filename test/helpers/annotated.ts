import type { TextRange } from '../../server/src/common/text-range';

/** An expected diagnostic read from a caret annotation. */
export interface ExpectedAnnotation {
  readonly range: TextRange;
  readonly code: string;
  readonly message?: string;
}

export interface AnnotatedSource {
  /** The source with annotation lines and the cursor marker removed. */
  readonly text: string;
  /** Offset of `$0` in `text`, when the fixture has one. */
  readonly cursor?: number;
  readonly expected: ExpectedAnnotation[];
}

const CARET_LINE = /^([ \t]*)(\^+)(?:[ \t]+([A-Za-z][\w-]*)(?::[ \t]*(.*))?)?[ \t]*$/;

/**
 * Reads an inline-annotated fixture (rust-analyzer style). A line made only of whitespace and carets, optionally
 * followed by ` code` or ` code: message`, marks the columns of the nearest preceding kept line. Annotation lines
 * and the `$0` cursor marker are removed; line endings of kept lines are preserved exactly (CRLF stays CRLF).
 */
export function readAnnotated(source: string): AnnotatedSource {
  const lines = source.match(/[^\r\n]*(?:\r\n|\r|\n|$)/g) ?? [];
  let text = '';
  let cursor: number | undefined;
  let lastKeptLineStart = -1;
  const expected: ExpectedAnnotation[] = [];
  for (const rawLine of lines) {
    if (rawLine === '') continue;
    const body = rawLine.replace(/(\r\n|\r|\n)$/, '');
    const caret = CARET_LINE.exec(body);
    if (caret && lastKeptLineStart >= 0) {
      const column = caret[1]!.length;
      const start = lastKeptLineStart + column;
      const annotation: ExpectedAnnotation =
        caret[4] !== undefined
          ? { range: { start, end: start + caret[2]!.length }, code: caret[3] ?? '', message: caret[4] }
          : { range: { start, end: start + caret[2]!.length }, code: caret[3] ?? '' };
      expected.push(annotation);
      continue;
    }
    let kept = rawLine;
    const marker = kept.indexOf('$0');
    if (marker >= 0) {
      cursor = text.length + marker;
      kept = kept.slice(0, marker) + kept.slice(marker + 2);
    }
    lastKeptLineStart = text.length;
    text += kept;
  }
  return cursor === undefined ? { text, expected } : { text, cursor, expected };
}

/** Renders a range as `line:col-line:col` (1-based) for readable assertion failures. */
export function describeRange(text: string, range: TextRange): string {
  const at = (offset: number): string => {
    const before = text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    return `${line}:${column}`;
  };
  return `${at(range.start)}-${at(range.end)} ${JSON.stringify(text.slice(range.start, range.end))}`;
}
