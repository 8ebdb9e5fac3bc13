import { shiftedRange, type TextRange } from '../common/text-range';
import type { ParsedDocument } from '../documents/parsed-document';
import { PerActionCache } from '../documents/per-action-cache';
import { walk, type AstNode } from '../syntax/snippet/ast';
import type { SnippetParseResult } from '../syntax/snippet/parser';
import { walkNodes } from '../syntax/guide/walk';
import { rangeOf } from '../syntax/snippet/ast';

/**
 * A foldable region: from its opening to its closing (a brace pair, SNIPPET … END SNIPPET, an action, a comment run).
 */
export interface FoldingRegion {
  readonly range: TextRange;
  readonly kind: 'block' | 'comment';
}

/** An export action's regions, kept per parse and moved by edits before it (see PerActionCache). */
const ACTION_REGIONS = new PerActionCache<readonly FoldingRegion[]>((regions, delta) =>
  regions.map(({ range, kind }) => ({ range: shiftedRange(range, delta), kind })),
);

const BRACED_KINDS = new Set<AstNode['kind']>(['Block', 'Select', 'Switch']);
const ONLY_A_LINE_BREAK = /^[ \t]*(?:\r\n|\r|\n)[ \t]*$/;

/**
 * Braced blocks and runs of two or more line comments of Snippet code; `map` turns code offsets into document offsets.
 */
function snippetRegions(code: string, snippet: SnippetParseResult, map: (offset: number) => number): FoldingRegion[] {
  const regions: FoldingRegion[] = [];
  const add = (range: TextRange, kind: FoldingRegion['kind']): void => {
    regions.push({ range: { start: map(range.start), end: map(range.end) }, kind });
  };
  walk(snippet.program, (node) => {
    if (BRACED_KINDS.has(node.kind)) add(rangeOf(node), 'block');
  });
  let run: { start: number; end: number; count: number } | undefined;
  for (const comment of snippet.comments) {
    if (run && ONLY_A_LINE_BREAK.test(code.slice(run.end, comment.start))) {
      run = { start: run.start, end: comment.end, count: run.count + 1 };
      continue;
    }
    if (run && run.count > 1) add(run, 'comment');
    run = { start: comment.start, end: comment.end, count: 1 };
  }
  if (run && run.count > 1) add(run, 'comment');
  return regions;
}

/**
 * Regions an editor can fold: every braced block, SELECT and SWITCH; SNIPPET blocks and their JavaScript
 * blocks in the guide's notation; each action and each SNIPPET action's code in an export; comment runs.
 * The language configuration can only fold on markers, so brace folding comes from here.
 */
export function foldingRegionsOf(document: ParsedDocument): FoldingRegion[] {
  switch (document.kind) {
    case 'snippet':
      return snippetRegions(document.text, document.snippet, (offset) => offset);
    case 'guide': {
      const regions: FoldingRegion[] = [];
      for (const item of document.guide.items) {
        if (item.kind !== 'SnippetBlock') continue;
        regions.push({ range: item.range, kind: 'block' });
        walkNodes(item.program, (node) => {
          if (node.type === 'BlockStatement' || node.type === 'ObjectExpression' || node.type === 'ArrayExpression') {
            regions.push({ range: { start: node.start, end: node.end }, kind: 'block' });
          }
        });
      }
      return regions;
    }
    case 'export': {
      const regions: FoldingRegion[] = document.export.actions.map((action) => ({
        range: action.range,
        kind: 'block' as const,
      }));
      for (const { code, snippet } of document.snippets) {
        regions.push({ range: code.contentRange, kind: 'block' });
        const compute = (): FoldingRegion[] => snippetRegions(code.code, snippet, (o) => code.toDocumentOffset(o));
        for (const region of ACTION_REGIONS.get(snippet, document.text, code.contentRange, '', compute)) {
          regions.push(region);
        }
      }
      return regions;
    }
  }
}
