import type {
  Range,
  SemanticTokens,
  SemanticTokensDelta,
  SemanticTokensLegend,
  TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticToken } from '../service';
import type { DocumentAnalyses } from './document-analysis';
import { openAnalysis } from './open-analysis';
import { requireDocumentUri, requireRange, requireString } from './params';
import { semanticTokensEdits, type SentSemanticTokens } from './semantic-tokens-delta';

export interface SemanticTokensHandlers {
  /** `textDocument/semanticTokens/full`: every token, with a result id a later delta request can name. */
  full(params: unknown): SemanticTokens;
  /** `textDocument/semanticTokens/full/delta`: the edits from the named result, or every token when it is gone. */
  delta(params: unknown): SemanticTokens | SemanticTokensDelta;
  /** `textDocument/semanticTokens/range`. */
  range(params: unknown): SemanticTokens;
}

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

/**
 * The semantic tokens requests: the core's tokens (document offsets, never across a line break) encoded relative to
 * each other, lines and UTF-16 columns from the open document's own line table. Whole-document answers are
 * remembered in `sent`, so that the editor's next request after an edit gets only what changed.
 */
export function createSemanticTokensHandlers(
  documents: TextDocuments<TextDocument>,
  analyses: DocumentAnalyses,
  sent: SentSemanticTokens,
): SemanticTokensHandlers {
  /** The encoded tokens of the document (of `range` only, when given); undefined when it is not open or not ours. */
  const encoded = (uri: string, range?: Range): number[] | undefined => {
    const open = openAnalysis(documents, analyses, uri);
    if (!open) return undefined;
    const { document } = open;
    const from = range ? document.offsetAt(range.start) : 0;
    const to = range ? document.offsetAt(range.end) : Number.POSITIVE_INFINITY;
    return encodeSemanticTokens(document, open.analysis.semanticTokens(), from, to);
  };
  return {
    full(params) {
      const uri = requireDocumentUri('textDocument/semanticTokens/full', params);
      const data = encoded(uri);
      return data ? { resultId: sent.remember(uri, data), data } : { data: [] };
    },
    delta(params) {
      const method = 'textDocument/semanticTokens/full/delta';
      const uri = requireDocumentUri(method, params);
      const previous = sent.sent(uri, requireString(method, params, 'previousResultId'));
      const data = encoded(uri);
      if (!data) return { data: [] };
      const resultId = sent.remember(uri, data);
      return previous ? { resultId, edits: semanticTokensEdits(previous, data) } : { resultId, data };
    },
    range(params) {
      const method = 'textDocument/semanticTokens/range';
      const uri = requireDocumentUri(method, params);
      return { data: encoded(uri, requireRange(method, params)) ?? [] };
    },
  };
}

/**
 * The LSP's relative encoding (five integers per token: line delta, start delta, length, type, modifiers) of the
 * tokens that overlap `from`–`to`. The core gives them in document order, so one cursor walks the document's lines
 * alongside: O(tokens + lines). A position lookup per token (a binary search each) and the library's builder took
 * 40–70 ms for the 78,000 tokens of a 20,000-line script; this takes 4–12 ms (same machine and load). Out-of-order
 * input (never expected) is sorted first.
 */
export function encodeSemanticTokens(
  document: TextDocument,
  tokens: readonly SemanticToken[],
  from: number,
  to: number,
): number[] {
  const ordered = isInDocumentOrder(tokens) ? tokens : [...tokens].sort((a, b) => a.start - b.start);
  // Tokens never cross a line break: one that reaches past `from` starts on its line or later.
  let first = firstStartingAt(
    ordered,
    from > 0 ? document.offsetAt({ line: document.positionAt(from).line, character: 0 }) : 0,
  );
  const end = to === Number.POSITIVE_INFINITY ? ordered.length : firstStartingAt(ordered, to);
  if (first >= end) return [];
  // Written by index into an array of the final size: five-argument pushes cost three times as much.
  const data: number[] = new Array((end - first) * 5);
  let written = 0;
  const lastLine = document.lineCount - 1;
  const startOfLineAfter = (n: number): number =>
    n < lastLine ? document.offsetAt({ line: n + 1, character: 0 }) : Number.POSITIVE_INFINITY;
  let line = document.positionAt(ordered[first]!.start).line;
  let lineStart = document.offsetAt({ line, character: 0 });
  let nextLineStart = startOfLineAfter(line);
  let previousLine = 0;
  let previousStart = 0;
  for (; first < end; first++) {
    const token = ordered[first]!;
    if (token.end <= from) continue;
    while (token.start >= nextLineStart) {
      line++;
      lineStart = nextLineStart;
      nextLineStart = startOfLineAfter(line);
    }
    const character = token.start - lineStart;
    const sameLine = written > 0 && line === previousLine;
    data[written++] = line - previousLine;
    data[written++] = sameLine ? character - previousStart : character;
    data[written++] = token.end - token.start;
    data[written++] = token.type;
    data[written++] = token.modifiers;
    previousLine = line;
    previousStart = character;
  }
  data.length = written;
  return data;
}

function isInDocumentOrder(tokens: readonly SemanticToken[]): boolean {
  for (let i = 1; i < tokens.length; i++) if (tokens[i]!.start < tokens[i - 1]!.start) return false;
  return true;
}

/** The index of the first token (in document order) that starts at `offset` or later: a binary search. */
function firstStartingAt(tokens: readonly SemanticToken[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tokens[middle]!.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
