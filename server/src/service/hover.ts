import type { Settings } from '../common/settings';
import type { TextRange } from '../common/text-range';
import type { ParsedDocument } from '../documents/parsed-document';
import { findJwtAt } from '../jwt/find';
import { renderJwtReport } from '../jwt/report';

/** A hover's Markdown and the document range it describes. */
export interface HoverInfo {
  readonly markdown: string;
  readonly range: TextRange;
}

/**
 * The hover at `offset`: today the decoded JWT under the cursor, in any of the three document kinds
 * (offsets are document offsets, and JWT text contains nothing XML escapes, so the export's raw text
 * is searched as is). Undefined when there is nothing to show; never throws for odd input.
 */
export function hoverInfoAt(
  document: ParsedDocument,
  offset: number,
  settings: Settings,
  now: Date,
): HoverInfo | undefined {
  const candidate = findJwtAt(document.text, offset);
  // An oversized candidate is not decoded on the hover path (findJwtAt flags it, see MAX_JWT_LENGTH).
  if (!candidate || candidate.tooLong) return undefined;
  const markdown = renderJwtReport(candidate.token, { now, bufferSeconds: settings.bufferSeconds });
  return markdown === undefined ? undefined : { markdown, range: candidate.range };
}

/** The hover's Markdown alone. */
export function hoverAt(document: ParsedDocument, offset: number, settings: Settings, now: Date): string | undefined {
  return hoverInfoAt(document, offset, settings, now)?.markdown;
}
