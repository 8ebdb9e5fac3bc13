import type { CodeUnit } from '../analysis/model/flow-model';
import { quoteSource } from '../common/quote-source';
import type { TextRange } from '../common/text-range';
import type { RuleContext } from './rule';

/**
 * How rules name things in their messages: names as the author wrote them, lists, action labels, places. Whatever
 * comes from the scanned file (names, captions, prompts, comments) goes through `quoteSource`, so a message never
 * carries a control character, a whole secret or a line that floods a terminal.
 */

/** Longest name or label quoted in a message. */
const QUOTED_MAX = 64;

/** The variable name as the author wrote it at a range (`strToken`), or the folded name when not found there. */
export function authoredName(text: string, range: TextRange, folded: string): string {
  if (folded === '') return folded;
  const slice = text.slice(Math.max(0, range.start), Math.min(text.length, range.end));
  const match = namePattern(folded).exec(slice);
  return quoteSource(match ? match[1]! : folded, QUOTED_MAX);
}

/** One compiled pattern per name (messages name the same few variables again and again). */
const NAME_PATTERNS = new Map<string, RegExp>();

function namePattern(folded: string): RegExp {
  let pattern = NAME_PATTERNS.get(folded);
  if (!pattern) {
    const escaped = folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?<![\\w$])(?:global:)?(${escaped})(?![\\w$])`, 'i');
    // Bounded: names come from documents, and a long session sees many.
    if (NAME_PATTERNS.size >= 1000) NAME_PATTERNS.clear();
    NAME_PATTERNS.set(folded, pattern);
  }
  return pattern;
}

/** `A`, `A and B`, `A, B and 2 more` for messages; `total` when only the first `max` items are given. */
export function listForMessage(items: readonly string[], max = 2, total = items.length): string {
  if (total <= 1) return items[0] ?? '';
  if (total <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${total - max} more`;
}

/**
 * Short labels already made: a finding names every long-running action between a token's fetch and its use, and an
 * export's uses share most of those actions.
 */
const SHORT_LABELS = new Map<string, string>();

/**
 * An action label for a message, on one line and quoted safely: `PLAY "Welcome to Contoso Energy. Please…"`. A label
 * cut inside its quotation marks gets its closing mark back.
 */
export function shortLabel(label: string, max = QUOTED_MAX): string {
  if (max !== QUOTED_MAX) return cutLabel(label, max);
  let short = SHORT_LABELS.get(label);
  if (short === undefined) {
    short = cutLabel(label, max);
    // Bounded: labels come from documents, and a long session sees many.
    if (SHORT_LABELS.size >= 10_000) SHORT_LABELS.clear();
    SHORT_LABELS.set(label, short);
  }
  return short;
}

function cutLabel(label: string, max: number): string {
  const quoted = quoteSource(label.replace(/\s+/g, ' ').trim(), max);
  return quoted.endsWith('…') && /^[^"]*"[^"]*$/.test(quoted) ? `${quoted}"` : quoted;
}

/** "in SNIPPET action 3 "Get token"" for export actions, otherwise "at line N". */
export function whereAcquired(context: RuleContext, unit: CodeUnit, range: TextRange): string {
  return /^SNIPPET action\b/i.test(unit.label)
    ? `in ${shortLabel(unit.label)}`
    : `at line ${context.lineOf(range.start)}`;
}
