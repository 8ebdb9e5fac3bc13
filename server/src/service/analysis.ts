import { buildFlowModelSteps } from '../analysis/build-flow-model';
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
import { tokenAgeSentence } from '../analysis/model/token-age';
import { reportInternalError } from '../common/internal-errors';
import type { Settings } from '../common/settings';
import { runSteps, type Steps } from '../common/steps';
import { applyEdits, type TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import { type DocumentKind, documentKindOf } from '../documents/document-kind';
import { type ParsedDocument, parseDocument, parseDocumentSteps, syntaxErrorsOf } from '../documents/parsed-document';
import { type DiagnosticCode, DOCUMENT_TOO_LARGE_CODE, SYNTAX_ERROR_CODE } from '../diagnostics/codes';
import type { Finding, RelatedPlace, RuleFinding } from '../diagnostics/finding';
import type { Fix, FixContext } from '../diagnostics/fix';
import { fixRank } from '../diagnostics/fix-order';
import { metaOf, RULES } from '../diagnostics/registry';
import { runRulesSteps } from '../diagnostics/run-rules';
import { type SnippetCode, snippetCodeAt } from '../editing/code-region';
import type { SnippetBlock } from '../syntax/guide/ast';
import { type FlowDiagram, flowDiagramOf } from '../flow-diagram/flow-diagram';
import { type FoldingRegion, foldingRegionsOf } from './folding';
import { type HoverInfo, hoverInfoAt } from './hover';
import { type SimulationOptions, simulateDocument } from '../runtime/simulate';
import type { SimulationOutcome } from '../runtime/simulation-result';
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
  /**
   * The previous version's model, until this one's is built: an export takes unchanged actions' units from it, a
   * `.snippet` file resumes its lowering.
   */
  private earlierModel: FlowModel | undefined;

  private constructor(
    readonly name: string,
    readonly document: ParsedDocument,
    readonly settings: Settings,
    /** Set when the text is over `maxDocumentSizeKB`: `document` is then an empty one of its kind. */
    private readonly oversized?: { readonly text: string; readonly sizeKB: number },
  ) {}

  /**
   * Undefined when the document is not one of ours (e.g. XML that is not a Studio export): it is ignored. A document
   * over the size limit is not parsed at all: its analysis is empty but for one finding that says so.
   */
  static of(input: DocumentInput, settings: Settings): Analysis | undefined {
    return runSteps(Analysis.steps(input, settings));
  }

  /**
   * `Analysis.of` in steps (see common/steps.ts). With the analysis of the document's previous version, what did not
   * change is not parsed again (an export's unchanged SNIPPET actions): the result is the one `of` gives.
   */
  static *steps(input: DocumentInput, settings: Settings, previous?: Analysis): Steps<Analysis | undefined> {
    const kind = documentKindOf(input.name, input.languageId, input.text);
    if (!kind) return undefined;
    const sizeKB = Math.ceil(input.text.length / 1024);
    if (sizeKB > settings.maxDocumentSizeKB) {
      return new Analysis(input.name, emptyDocumentOf(kind), settings, { text: input.text, sizeKB });
    }
    const earlier = previous && !previous.oversized ? previous.document : undefined;
    const document = yield* parseDocumentSteps(kind, input.text, earlier);
    if (!document) return undefined;
    const analysis = new Analysis(input.name, document, settings);
    // An export's unchanged actions are taken over (analysis/export/unit-reuse.ts); a `.snippet` file's lowering is
    // resumed (analysis/snippet/resume.ts).
    if (earlier && earlier.kind !== 'guide' && previous?.settings === settings)
      analysis.earlierModel = previous.modelCache;
    return analysis;
  }

  /**
   * Computes the model and the findings in steps, so that `findings` then answers at once. Each is kept the moment
   * it is complete; dropping the steps half-way leaves nothing half-made behind.
   */
  *settle(): Steps<void> {
    if (this.findingsCache || this.oversized) return;
    if (!this.modelCache) {
      const model = yield* buildFlowModelSteps(this.document, this.settings, this.earlierModel);
      this.modelCache ??= model;
      this.earlierModel = undefined;
    }
    const findings = yield* this.findingsSteps();
    this.findingsCache ??= findings;
  }

  /** The same parsed text under other settings (the parse is shared; the model and findings are not). */
  withSettings(settings: Settings): Analysis {
    if (settings === this.settings) return this;
    if (this.oversized && this.oversized.sizeKB <= settings.maxDocumentSizeKB) {
      // A larger limit: now it is analysed.
      return Analysis.of({ name: this.name, text: this.oversized.text }, settings) ?? this;
    }
    return new Analysis(this.name, this.document, settings, this.oversized);
  }

  get kind(): DocumentKind {
    return this.document.kind;
  }

  get text(): string {
    return this.oversized?.text ?? this.document.text;
  }

  get model(): FlowModel {
    this.modelCache ??= runSteps(buildFlowModelSteps(this.document, this.settings, this.earlierModel));
    this.earlierModel = undefined;
    return this.modelCache;
  }

  /** Syntax errors and every enabled rule's findings, with the settings' levels applied, in document order. */
  get findings(): readonly Finding[] {
    this.findingsCache ??= runSteps(this.findingsSteps());
    return this.findingsCache;
  }

  /** The quick fixes for one of this analysis' findings. A fix that throws is reported, and offers nothing. */
  fixesFor(finding: Finding): Fix[] {
    if (finding.code === SYNTAX_ERROR_CODE || finding.code === DOCUMENT_TOO_LARGE_CODE) return [];
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

  /**
   * The preferred fix of every finding (optionally of one code), taken whole in fix order (`FIX_ORDER`, then document
   * order): see `pickWholeFixes`.
   */
  preferredFixes(code?: DiagnosticCode): { fixes: Fix[]; edits: TextEdit[] } {
    const candidates: Fix[] = [];
    for (const finding of this.findings) {
      if (code !== undefined && finding.code !== code) continue;
      const fix = this.fixesFor(finding).find((f) => f.preferred);
      if (fix) candidates.push(fix);
    }
    // Array.prototype.sort is stable: within a code, document order stays.
    return pickWholeFixes(candidates.sort((a, b) => fixRank(a.code) - fixRank(b.code)));
  }

  hoverAt(offset: number, now: Date): HoverInfo | undefined {
    return hoverInfoAt(this.document, offset, this.settings, now);
  }

  foldingRegions(): FoldingRegion[] {
    return foldingRegionsOf(this.document);
  }

  /** Runs the script on a simulated clock against a simulated identity provider (not the guide notation). */
  simulate(options: SimulationOptions = {}): SimulationOutcome {
    if (this.oversized) {
      const limit = this.settings.maxDocumentSizeKB;
      return { ok: false, problem: `the document is larger than the ${limit} KiB analysis limit`, details: [] };
    }
    return simulateDocument(this.document, options);
  }

  /**
   * An export's flow as a picture (the same SVG for the CLI and the editor's view): see flow-diagram/flow-diagram.ts.
   * Undefined for the other notations and for an export over the size limit.
   */
  flowDiagram(): FlowDiagram | undefined {
    if (this.document.kind !== 'export' || this.oversized) return undefined;
    return flowDiagramOf(this.document, this.model, this.settings.tokenLifetimeSeconds);
  }

  /**
   * The SNIPPET actions of an export, in file order (one per id): each with its `<ActionStruct>` and its code's
   * `<string>` content (document offsets). Empty for the other notations.
   */
  snippetActions(): { actionId: number; caption: string; range: TextRange; codeRange: TextRange }[] {
    if (this.document.kind !== 'export') return [];
    const { graph } = this.document.export;
    const seen = new Set<number>();
    const actions: { actionId: number; caption: string; range: TextRange; codeRange: TextRange }[] = [];
    for (const { code } of this.document.snippets) {
      const action = graph.action(code.actionId);
      if (seen.has(code.actionId) || !action) continue;
      seen.add(code.actionId);
      actions.push({
        actionId: code.actionId,
        caption: code.caption,
        range: action.range,
        codeRange: code.contentRange,
      });
    }
    return actions;
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

  /**
   * The hover of a keyword, built-in or script variable (the JWT hover is `hoverAt`). Over a reused token, the hover
   * leads with its worst-case age at that use.
   */
  authoringHoverAt(offset: number): AuthoringHover | undefined {
    const hover = new Authoring(this.document).hoverAt(offset);
    const age = this.tokenAgeAt(offset);
    if (!age) return hover;
    const markdown = `**Token age here:** ${age.text}`;
    return hover ? { ...hover, markdown: `${markdown}\n\n---\n\n${hover.markdown}` } : { markdown, range: age.range };
  }

  /** The worst-case age of the token sent at `offset`, worded, when a token-reuse finding there knows it. */
  private tokenAgeAt(offset: number): { text: string; range: TextRange } | undefined {
    for (const finding of this.findings) {
      if (finding.code !== 'token-reuse-without-expiry' || !finding.facts.age) continue;
      if (offset < finding.range.start || offset > finding.range.end) continue;
      const lifetime = this.settings.tokenLifetimeSeconds;
      return { text: tokenAgeSentence(finding.facts.age, lifetime), range: finding.range };
    }
    return undefined;
  }

  semanticTokens(): SemanticToken[] {
    return new Authoring(this.document).semanticTokens();
  }

  /** Formatting edits (document offsets), optionally only within `range`; the brace style comes from the settings. */
  format(options: { tabSize: number; insertSpaces: boolean }, range?: TextRange): TextEdit[] {
    const braceStyle = this.settings.format.braceStyle;
    return new Authoring(this.document).format({ ...options, braceStyle }, range);
  }

  private *findingsSteps(): Steps<Finding[]> {
    if (this.oversized) return applyLevels([this.tooLarge(this.oversized)], this.settings);
    const findings: Finding[] = syntaxErrorsOf(this.document).map((error) => ({
      code: SYNTAX_ERROR_CODE,
      severity: 'error',
      message: error.message,
      range: error.range,
      facts: undefined,
    }));
    // Extractors work on partial trees, so rules run even when there are syntax errors.
    const context = createRuleContext(this.document.text, this.document.kind, this.settings);
    for (const { severity: judged, ...found } of yield* runRulesSteps(this.model, context)) {
      const severity = judged ?? metaOf(found.code).defaultSeverity;
      const related = found.related && capRelated(found.related);
      findings.push({ ...found, ...(related ? { related } : {}), severity } as Finding);
    }
    return applyLevels(findings, this.settings).sort(
      (a, b) => a.range.start - b.range.start || a.range.end - b.range.end,
    );
  }

  /** The one finding of a document over the size limit, on its first line. */
  private tooLarge({ text, sizeKB }: { text: string; sizeKB: number }): Finding {
    const limitKB = this.settings.maxDocumentSizeKB;
    const firstLineEnd = text.search(/\r|\n/);
    return {
      code: DOCUMENT_TOO_LARGE_CODE,
      severity: metaOf(DOCUMENT_TOO_LARGE_CODE).defaultSeverity,
      message:
        `This document is ${sizeKB} KiB, more than studioTokenLens.maxDocumentSizeKB (${limitKB} KiB), so it was not ` +
        'analysed: no token, secret or syntax problem is reported for it. Raise the setting to analyse it.',
      range: { start: 0, end: Math.min(firstLineEnd < 0 ? text.length : firstLineEnd, 200) },
      facts: { sizeKB, limitKB },
    };
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

/** A document of a kind with no text: what an oversized document is analysed as (nothing). */
function emptyDocumentOf(kind: DocumentKind): ParsedDocument {
  const empty = kind === 'export' ? parseDocument(kind, EMPTY_EXPORT) : parseDocument(kind, '');
  if (!empty) throw new Error(`no empty ${kind} document`);
  return empty;
}

const EMPTY_EXPORT = '<?xml version="1.0" encoding="utf-8"?><ScriptContainer><Actions /></ScriptContainer>';

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

/** At most this many related places per finding: an export with hundreds of long-running actions would otherwise
 * make every diagnostic megabytes long. */
export const MAX_RELATED = 10;

/** The first places, then one more entry saying how many were left out (at the last one kept). */
function capRelated(related: readonly RelatedPlace[]): readonly RelatedPlace[] {
  if (related.length <= MAX_RELATED) return related;
  const kept = related.slice(0, MAX_RELATED);
  const more = related.length - MAX_RELATED;
  return [...kept, { range: kept[kept.length - 1]!.range, message: `and ${more} more place${more === 1 ? '' : 's'}` }];
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

/** Bounds fix-all: each pass applies every fix that does not conflict, so few documents need more than a handful. */
const MAX_FIX_PASSES = 20;

/**
 * Applies preferred fixes until none is left: each pass re-analyses the text and applies the fixes that neither
 * overlap nor claim the same code (`Fix.claims`); the others are recomputed from the new text on the next pass, where
 * they may no longer apply. Bounded by MAX_FIX_PASSES. Returns the final text and how many fixes were applied.
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
