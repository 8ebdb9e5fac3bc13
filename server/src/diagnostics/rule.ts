import type { FlowModel } from '../analysis/model/flow-model';
import type { Settings } from '../common/settings';
import type { TextRange } from '../common/text-range';
import { LineIndex } from '../documents/line-index';
import type { ParsedDocument } from '../documents/parsed-document';
import { ruleMeta } from './catalog';
import type { Finding } from './finding';

/** What a rule may look at besides the model: the document's text (for names as written), settings, lines. */
export interface RuleContext {
  readonly document: ParsedDocument;
  readonly text: string;
  readonly settings: Settings;
  /** 1-based line of a document offset, for messages ("at line 3"). */
  lineOf(offset: number): number;
}

/** One diagnostic code: reads the flow model only, never a syntax tree. */
export interface Rule {
  readonly code: string;
  check(model: FlowModel, context: RuleContext): Finding[];
}

export function createRuleContext(document: ParsedDocument, settings: Settings): RuleContext {
  let lines: LineIndex | undefined;
  return {
    document,
    text: document.text,
    settings,
    lineOf(offset: number): number {
      lines ??= new LineIndex(document.text);
      return lines.positionAt(offset).line + 1;
    },
  };
}

/** A finding of `code` with the catalog's default severity (lint.ts applies the user's levels). */
export function finding(
  code: string,
  range: TextRange,
  message: string,
  related?: readonly { readonly range: TextRange; readonly message: string }[],
): Finding {
  const severity = ruleMeta(code)?.defaultSeverity ?? 'warning';
  return related && related.length > 0
    ? { code, severity, message, range, related }
    : { code, severity, message, range };
}
