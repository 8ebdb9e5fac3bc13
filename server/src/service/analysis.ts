import { buildFlowModel } from '../analysis/build-flow-model';
import {
  Authoring,
  type AuthoringHover,
  type CompletionEntry,
  type Highlight,
  type OutlineSymbol,
  type PrepareRenameResult,
  type RenameResult,
  type SemanticToken,
  type SignatureInfo,
} from '../authoring';
import type { CodeUnit, FlowModel } from '../analysis/model/flow-model';
import { reportInternalError } from '../common/internal-errors';
import type { Settings } from '../common/settings';
import { applyEdits, type TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import { type DocumentKind, documentKindOf } from '../documents/document-kind';
import { type ParsedDocument, parseDocument, syntaxErrorsOf } from '../documents/parsed-document';
import { type DiagnosticCode, SYNTAX_ERROR_CODE } from '../diagnostics/codes';
import type { Finding, RuleFinding } from '../diagnostics/finding';
import type { Fix, FixContext } from '../diagnostics/fix';
import { metaOf, RULES } from '../diagnostics/registry';
import { runRules } from '../diagnostics/run-rules';
import { type SnippetCode, snippetCodeAt } from '../editing/code-region';
import type { SnippetBlock } from '../syntax/guide/ast';
import { type FoldingRegion, foldingRegionsOf } from './folding';
import { type HoverInfo, hoverInfoAt } from './hover';
import { createRuleContext } from './rule-context';
import { pickWholeFixes } from './whole-fixes';

/** A document as a front end hands it over: the name the kind is read from, the editor's language id, the text. */
export interface DocumentInput {
  readonly name: string;
  readonly languageId?: string;
  readonly text: string;
}

/**
 * One version of a document under one set of settings, analysed once: parse → flow model → findings, each computed
 * on first use and kept. It answers everything a front end asks (diagnostics, the fixes of a finding, fix-all,
 * hover, folding); the language server and the CLI go through it and nothing else.
 */
export class Analysis {
  private modelCache: FlowModel | undefined;
  private findingsCache: readonly Finding[] | undefined;
  private fixContextCache: FixContext | undefined;

  private constructor(
    readonly name: string,
    readonly document: ParsedDocument,
    readonly settings: Settings,
  ) {}

  /** Undefined when the document is not one of ours (e.g. XML that is not a Studio export): it is ignored. */
  static of(input: DocumentInput, settings: Settings): Analysis | undefined {
    const kind = documentKindOf(input.name, input.languageId, input.text);
    const document = kind ? parseDocument(kind, input.text) : undefined;
    return document ? new Analysis(input.name, document, settings) : undefined;
  }

  /** The same parsed text under other settings (the parse is shared; the model and findings are not). */
  withSettings(settings: Settings): Analysis {
    return settings === this.settings ? this : new Analysis(this.name, this.document, settings);
  }

  get kind(): DocumentKind {
    return this.document.kind;
  }

  get text(): string {
    return this.document.text;
  }

  get model(): FlowModel {
    this.modelCache ??= buildFlowModel(this.document, this.settings);
    return this.modelCache;
  }

  /** Syntax errors and every enabled rule's findings, with the settings' levels applied, in document order. */
  get findings(): readonly Finding[] {
    this.findingsCache ??= this.computeFindings();
    return this.findingsCache;
  }

  /** The quick fixes for one of this analysis' findings. A fix that throws is reported, and offers nothing. */
  fixesFor(finding: Finding): Fix[] {
    if (finding.code === SYNTAX_ERROR_CODE) return [];
    const provider = RULES[finding.code].fixes;
    if (typeof provider !== 'function') return [];
    try {
      // The registry pairs each code with its own provider; TypeScript cannot see that through the union.
      return (provider as (finding: RuleFinding, context: FixContext) => Fix[])(finding, this.fixContext());
    } catch (error) {
      reportInternalError(`quick fix for ${finding.code}`, error);
      return [];
    }
  }

  /** The preferred fix of every finding (optionally of one code), taken whole: see `pickWholeFixes`. */
  preferredFixes(code?: DiagnosticCode): { fixes: Fix[]; edits: TextEdit[] } {
    const candidates: Fix[] = [];
    for (const finding of this.findings) {
      if (code !== undefined && finding.code !== code) continue;
      const fix = this.fixesFor(finding).find((f) => f.preferred);
      if (fix) candidates.push(fix);
    }
    return pickWholeFixes(candidates);
  }

  hoverAt(offset: number, now: Date): HoverInfo | undefined {
    return hoverInfoAt(this.document, offset, this.settings, now);
  }

  foldingRegions(): FoldingRegion[] {
    return foldingRegionsOf(this.document);
  }

  /** The Outline (document symbols). See authoring/document-symbols.ts. */
  documentSymbols(): OutlineSymbol[] {
    return new Authoring(this.document).documentSymbols();
  }

  /** Where the variable or FUNCTION at `offset` is assigned or declared (document ranges). */
  definitionAt(offset: number): TextRange[] {
    return new Authoring(this.document).definitionsAt(offset);
  }

  referencesAt(offset: number, includeDeclaration: boolean): TextRange[] {
    return new Authoring(this.document).referencesAt(offset, includeDeclaration);
  }

  highlightsAt(offset: number): Highlight[] {
    return new Authoring(this.document).highlightsAt(offset);
  }

  prepareRename(offset: number): PrepareRenameResult {
    return new Authoring(this.document).prepareRename(offset);
  }

  rename(offset: number, newName: string): RenameResult {
    return new Authoring(this.document).rename(offset, newName);
  }

  completionsAt(offset: number): CompletionEntry[] {
    return new Authoring(this.document).completionsAt(offset);
  }

  signatureAt(offset: number): SignatureInfo | undefined {
    return new Authoring(this.document).signatureAt(offset);
  }

  /** The hover of a keyword, built-in or script variable (the JWT hover is `hoverAt`). */
  authoringHoverAt(offset: number): AuthoringHover | undefined {
    return new Authoring(this.document).hoverAt(offset);
  }

  semanticTokens(): SemanticToken[] {
    return new Authoring(this.document).semanticTokens();
  }

  /** Formatting edits (document offsets), optionally only within `range`; the brace style comes from the settings. */
  format(options: { tabSize: number; insertSpaces: boolean }, range?: TextRange): TextEdit[] {
    const braceStyle = this.settings.format.braceStyle;
    return new Authoring(this.document).format({ ...options, braceStyle }, range);
  }

  private computeFindings(): Finding[] {
    const findings: Finding[] = syntaxErrorsOf(this.document).map((error) => ({
      code: SYNTAX_ERROR_CODE,
      severity: 'error',
      message: error.message,
      range: error.range,
      facts: undefined,
    }));
    // Extractors work on partial trees, so rules run even when there are syntax errors.
    for (const found of runRules(
      this.model,
      createRuleContext(this.document.text, this.document.kind, this.settings),
    )) {
      findings.push({ ...found, severity: metaOf(found.code).defaultSeverity } as Finding);
    }
    return applyLevels(findings, this.settings).sort(
      (a, b) => a.range.start - b.range.start || a.range.end - b.range.end,
    );
  }

  private fixContext(): FixContext {
    if (this.fixContextCache) return this.fixContextCache;
    const { document } = this;
    const snippets = new Map<CodeUnit, SnippetCode | undefined>();
    const blocks = new Map<CodeUnit, SnippetBlock | undefined>();
    this.fixContextCache = {
      document,
      model: this.model,
      settings: this.settings,
      snippetCodeOf(unit) {
        if (!snippets.has(unit)) snippets.set(unit, snippetCodeAt(document, unit.range.start));
        return snippets.get(unit);
      },
      guideBlockOf(unit) {
        if (document.kind !== 'guide') return undefined;
        if (!blocks.has(unit)) blocks.set(unit, guideBlockAt(document.guide.items, unit.range));
        return blocks.get(unit);
      },
    };
    return this.fixContextCache;
  }
}

/** The SNIPPET block a guide unit is: the block that starts where the unit does (the script lines are no block). */
function guideBlockAt(
  items: readonly { readonly kind: string; readonly range: TextRange }[],
  range: TextRange,
): SnippetBlock | undefined {
  for (const item of items) {
    if (item.kind === 'SnippetBlock' && item.range.start === range.start) return item as SnippetBlock;
  }
  return undefined;
}

/** Per-code levels from the settings: "off" drops the finding, a severity replaces the default. */
function applyLevels(findings: Finding[], settings: Settings): Finding[] {
  const result: Finding[] = [];
  for (const finding of findings) {
    const level = settings.rules[finding.code];
    if (level === 'off') continue;
    result.push(level === undefined || level === finding.severity ? finding : { ...finding, severity: level });
  }
  return result;
}

const MAX_FIX_PASSES = 10;

/**
 * Applies preferred fixes until none is left (fixes left out for conflicting are recomputed from the new text on
 * the next pass, each pass on a fresh Analysis of the new text). Returns the final text and how many fixes were
 * applied.
 */
export function fixAll(
  input: DocumentInput,
  settings: Settings,
  code?: DiagnosticCode,
): { text: string; applied: number } {
  let current = input.text;
  let applied = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const analysis = Analysis.of({ ...input, text: current }, settings);
    if (!analysis) break;
    const { fixes, edits } = analysis.preferredFixes(code);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    applied += fixes.length;
  }
  return { text: current, applied };
}
