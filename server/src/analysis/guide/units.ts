import type { TextRange } from '../../common/text-range';
import { LineIndex } from '../../common/line-index';
import type { SnippetBlock, GuideItem, GuideParseResult } from '../../syntax/guide/ast';
import { commentSaysTimePasses, isLongRunningLineName } from '../vocabulary/long-running-actions';
import { bareTokenFinding, credentialsInText } from './literals';

/**
 * How a `.studio` document splits into code units. Every SNIPPET block is a unit. The script-level lines between
 * blocks form units too, and a long-running line (WAIT, MENU, `...`, a comment saying an hour passes) starts a new
 * script unit unless the current one holds only long-running lines. So the long-running lines of a unit always come
 * before its other lines, and "what runs between unit A and unit B" is exactly the long-running lines of the units
 * after A up to B.
 */

export type ScriptItem = Exclude<GuideItem, SnippetBlock>;

export type ScriptElement =
  | { readonly kind: 'item'; readonly item: ScriptItem; readonly range: TextRange }
  | {
      readonly kind: 'comment';
      readonly range: TextRange;
      readonly wholeLine: boolean;
      /**
       * Some code (a script line or a block) comes before it: a file's header comments say nothing about time passing.
       */
      readonly afterCode: boolean;
    }
  /** A script line the parser could not read (its syntax error's range): a pasted token may be all it is. */
  | { readonly kind: 'unreadable'; readonly range: TextRange };

export type UnitPlan =
  | { readonly kind: 'snippet'; readonly block: SnippetBlock; readonly range: TextRange; readonly label: string }
  | {
      readonly kind: 'script';
      readonly elements: readonly ScriptElement[];
      readonly range: TextRange;
      readonly label: string;
    };

/** The label of a long-running script element, or undefined when it is not one. */
export function longRunningLabel(element: ScriptElement, text: string): string | undefined {
  const written = text.slice(element.range.start, element.range.end).trim();
  if (element.kind === 'unreadable') return undefined;
  if (element.kind === 'comment') {
    // Messages quote the comment as prose: "the comment “Later in the script (60+ minutes …)”".
    const prose = written.replace(/^\/\/\s*/, '').replace(/[\s:.]+$/, '');
    return element.wholeLine && element.afterCode && commentSaysTimePasses(written)
      ? `the comment "${prose}"`
      : undefined;
  }
  const item = element.item;
  if (item.kind === 'Elision') return 'the elided part of the script (…)';
  if (item.kind === 'Wait') return written;
  if (item.kind === 'Action' && isLongRunningLineName(item.name)) return written;
  return undefined;
}

export function planUnits(text: string, parsed: GuideParseResult): UnitPlan[] {
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.positionAt(offset).line + 1;
  const blocks = parsed.items.filter((item): item is SnippetBlock => item.kind === 'SnippetBlock');
  const scriptComments = outsideBlocks(parsed.comments, blocks);
  const firstCode = parsed.items[0]?.range.start;
  const elements: (ScriptElement | SnippetBlock)[] = [
    ...parsed.items.map((item) =>
      item.kind === 'SnippetBlock' ? item : ({ kind: 'item', item, range: item.range } as const),
    ),
    ...scriptComments.map(
      (range) =>
        ({
          kind: 'comment',
          range,
          wholeLine: startsLine(text, range.start),
          afterCode: firstCode !== undefined && firstCode < range.start,
        }) as const,
    ),
    ...outsideBlocks(
      parsed.errors.map((error) => error.range),
      blocks,
    ).map((range) => ({ kind: 'unreadable', range }) as const),
  ].sort((a, b) => a.range.start - b.range.start);

  const plans: UnitPlan[] = [];
  let run: ScriptElement[] = [];
  let runHasOtherLines = false;
  const closeRun = (): void => {
    // A run of plain comments (a file header, a note before a block) is no unit unless it holds a credential.
    const elements = run;
    run = [];
    runHasOtherLines = false;
    if (
      elements.every(
        (e) =>
          (e.kind === 'comment' || e.kind === 'unreadable') &&
          longRunningLabel(e, text) === undefined &&
          !holdsCredential(text, e.range),
      )
    )
      return;
    const first = elements[0]!;
    const labelAt = elements.find((e) => e.kind === 'item') ?? first;
    const range = {
      start: first.range.start,
      end: elements.reduce((end, e) => Math.max(end, e.range.end), first.range.end),
    };
    plans.push({ kind: 'script', elements, range, label: `script line ${lineOf(labelAt.range.start)}` });
  };
  for (const element of elements) {
    if (element.kind === 'SnippetBlock') {
      closeRun();
      plans.push({
        kind: 'snippet',
        block: element,
        range: element.range,
        label: `SNIPPET block at line ${lineOf(element.keywordRange.start)}`,
      });
      continue;
    }
    const longRunning = longRunningLabel(element, text) !== undefined;
    if (longRunning && runHasOtherLines) closeRun();
    run.push(element);
    if (!longRunning) runHasOtherLines = true;
  }
  closeRun();
  return plans;
}

/** Comments outside every SNIPPET block (both lists are sorted by start). */
function outsideBlocks(comments: readonly TextRange[], blocks: readonly SnippetBlock[]): TextRange[] {
  const outside: TextRange[] = [];
  let b = 0;
  for (const comment of comments) {
    while (b < blocks.length && blocks[b]!.range.end <= comment.start) b++;
    const block = blocks[b];
    if (!block || comment.start < block.range.start) outside.push(comment);
  }
  return outside;
}

function holdsCredential(text: string, range: TextRange): boolean {
  return (
    credentialsInText(text.slice(range.start, range.end), range.start).length > 0 ||
    bareTokenFinding(text, range) !== undefined
  );
}

function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t' && c !== '\ufeff' && c !== '\u00a0') return false;
  }
  return true;
}
