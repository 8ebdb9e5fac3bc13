import { reportInternalError } from '../common/internal-errors';
import type { TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import type { ParsedDocument } from '../documents/parsed-document';
import { authoringOf } from './authoring-document';
import { type CompletionEntry, completionsAt } from './completion';
import { documentSymbolsOf, type OutlineSymbol } from './document-symbols';
import { type FormatOptions, formatDocument } from './formatting';
import { type AuthoringHover, authoringHoverAt } from './hover';
import { definitionsAt, type Highlight, highlightsAt, referencesAt } from './navigation';
import { type PrepareRenameResult, prepareRename, type RenameResult, rename } from './rename';
import { type SemanticToken, semanticTokensOf } from './semantic-tokens';
import { type SignatureInfo, signatureAt } from './signature-help';

export type { CompletionEntry, CompletionKind } from './completion';
export type { OutlineKind, OutlineSymbol } from './document-symbols';
export type { FormatOptions } from './formatting';
export type { AuthoringHover } from './hover';
export type { Highlight } from './navigation';
export type { PrepareRenameResult, RenameResult } from './rename';
export { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticToken } from './semantic-tokens';
export type { SignatureInfo, SignatureParameter } from './signature-help';
export type { BraceStyle } from './snippet-layout';
export { matchingSymbols, type SymbolMatch } from './workspace-symbols';

/**
 * The authoring features of one parsed document, for `Analysis` to delegate to. Each answer is computed from the
 * document's shared model (authoring-document.ts); a bug in one feature is reported and answers "nothing" instead
 * of taking the caller down, as the rules and fixes do.
 */
export class Authoring {
  constructor(private readonly document: ParsedDocument) {}

  private get model() {
    return authoringOf(this.document);
  }

  documentSymbols(): OutlineSymbol[] {
    return guard('document symbols', [], () => this.model.memo('symbols', () => documentSymbolsOf(this.model)));
  }

  definitionsAt(offset: number): TextRange[] {
    return guard('definition', [], () => definitionsAt(this.model, offset));
  }

  referencesAt(offset: number, includeDeclaration: boolean): TextRange[] {
    return guard('references', [], () => referencesAt(this.model, offset, includeDeclaration));
  }

  highlightsAt(offset: number): Highlight[] {
    return guard('document highlight', [], () => highlightsAt(this.model, offset));
  }

  prepareRename(offset: number): PrepareRenameResult {
    return guard('prepare rename', { ok: false, message: 'Rename failed: see the output.' }, () =>
      prepareRename(this.model, offset),
    );
  }

  rename(offset: number, newName: string): RenameResult {
    return guard('rename', { ok: false, message: 'Rename failed: see the output.' }, () =>
      rename(this.model, offset, newName),
    );
  }

  completionsAt(offset: number): CompletionEntry[] {
    return guard('completion', [], () => completionsAt(this.model, offset));
  }

  signatureAt(offset: number): SignatureInfo | undefined {
    return guard('signature help', undefined, () => signatureAt(this.model, offset));
  }

  hoverAt(offset: number): AuthoringHover | undefined {
    return guard('hover', undefined, () => authoringHoverAt(this.model, offset));
  }

  semanticTokens(): SemanticToken[] {
    return guard('semantic tokens', [], () => this.model.memo('semanticTokens', () => semanticTokensOf(this.model)));
  }

  format(options: FormatOptions, range?: TextRange): TextEdit[] {
    return guard('formatting', [], () => formatDocument(this.model, options, range));
  }
}

function guard<T>(what: string, fallback: T, work: () => T): T {
  try {
    return work();
  } catch (error) {
    reportInternalError(what, error);
    return fallback;
  }
}
