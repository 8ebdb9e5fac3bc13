import type { Settings } from '../common/settings';
import { LineIndex } from '../common/line-index';
import type { DocumentKind } from '../documents/document-kind';
import type { RuleContext } from '../diagnostics/rule';
import { decodeXmlContent } from '../syntax/export/xml-content';

/** What the rules may see of a document besides its model: its text, kind, settings and lines. */
export function createRuleContext(text: string, kind: DocumentKind, settings: Settings): RuleContext {
  let lines: LineIndex | undefined;
  return {
    text,
    kind,
    settings,
    lineOf(offset) {
      lines ??= new LineIndex(text);
      return lines.positionAt(offset).line + 1;
    },
    scriptText(range) {
      // An export's code is XML text: the script sees it with its entities and references decoded.
      return kind === 'export'
        ? decodeXmlContent(text, range.start, range.end).text
        : text.slice(range.start, range.end);
    },
  };
}
