import type { SemanticTokensEdit } from 'vscode-languageserver';

/**
 * The edits that turn one encoded token array into the next: one edit over the span between their common prefix and
 * common suffix (what vscode-languageserver's SemanticTokensBuilder sends), none when they are equal. A keystroke in a
 * 20,000-line script changes a few integers of about 390,000, so the answer is a few bytes instead of a megabyte.
 */
export function semanticTokensEdits(previous: ArrayLike<number>, next: readonly number[]): SemanticTokensEdit[] {
  const limit = Math.min(previous.length, next.length);
  let prefix = 0;
  while (prefix < limit && previous[prefix] === next[prefix]) prefix++;
  if (prefix === previous.length && prefix === next.length) return [];
  let suffix = 0;
  while (suffix < limit - prefix && previous[previous.length - 1 - suffix] === next[next.length - 1 - suffix]) {
    suffix++;
  }
  const deleteCount = previous.length - prefix - suffix;
  const data = next.slice(prefix, next.length - suffix);
  return [data.length > 0 ? { start: prefix, deleteCount, data } : { start: prefix, deleteCount }];
}

/** The last full result sent per document, kept for `/full/delta` requests that name it. */
interface SentResult {
  readonly resultId: string;
  /** 32-bit copies: half the memory of an array of numbers, and the encoding never needs more. */
  readonly data: Uint32Array;
}

/** Results kept at most, and integers across them (4 bytes each): about 16 MiB at worst. */
const MAX_DOCUMENTS = 10;
const MAX_INTEGERS = 4 * 1024 * 1024;

/**
 * The semantic tokens last sent for each document, so that the next request can be answered with the edits from them
 * (`textDocument/semanticTokens/full/delta`). Bounded like the analyses: the most recently sent results are kept
 * (the latest always), and a request naming a result that is gone is answered in full.
 */
export class SentSemanticTokens {
  private readonly byUri = new Map<string, SentResult>();
  private serial = 0;

  /** Keeps `data` as the result sent for `uri`; returns its id. */
  remember(uri: string, data: readonly number[]): string {
    const resultId = String(++this.serial);
    this.byUri.delete(uri);
    this.byUri.set(uri, { resultId, data: Uint32Array.from(data) });
    let total = 0;
    for (const result of this.byUri.values()) total += result.data.length;
    for (const [key, result] of this.byUri) {
      if (this.byUri.size <= 1 || (this.byUri.size <= MAX_DOCUMENTS && total <= MAX_INTEGERS)) break;
      this.byUri.delete(key);
      total -= result.data.length;
    }
    return resultId;
  }

  /** The data of the result `resultId` for `uri`, if it is the last one sent and still kept. */
  sent(uri: string, resultId: string): Uint32Array | undefined {
    const result = this.byUri.get(uri);
    return result?.resultId === resultId ? result.data : undefined;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
