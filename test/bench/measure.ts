import * as os from 'node:os';

/**
 * Timing helpers shared by the benchmark tables. Ours and each anchor are timed in interleaved rounds (one run of each
 * per round, the order alternating) so that a change in machine load hits both alike; a table reports the median and
 * the spread (the middle half of the runs, p25–p75) of each.
 */

/** Median and spread (p25 and p75) of a set of run times, in ms. */
export interface Timing {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly runs: number;
}

export function timingOf(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), runs: sorted.length };
}

/** `12.3 (11.9–12.8)`: the median, then the middle half of the runs. */
export function showTiming(timing: Timing, digits = 2): string {
  return `${timing.median.toFixed(digits)} (${timing.p25.toFixed(digits)}–${timing.p75.toFixed(digits)})`;
}

/**
 * Times each function in interleaved rounds after `warmUp` untimed rounds, until every function has `minRuns` runs
 * and about `budgetMs` have passed (at most `maxRuns`). The order within a round alternates, so neither always runs
 * right after the other's garbage.
 */
export function interleaved<K extends string>(
  runs: Record<K, () => void>,
  options: { warmUp?: number; minRuns?: number; maxRuns?: number; budgetMs?: number } = {},
): Record<K, Timing> {
  const { warmUp = 2, minRuns = 5, maxRuns = 101, budgetMs = 1500 } = options;
  const keys = Object.keys(runs) as K[];
  const times = new Map<K, number[]>(keys.map((k) => [k, []]));
  const deadline = performance.now() + budgetMs;
  for (let round = 0; ; round++) {
    const timed = round >= warmUp;
    const done = round - warmUp;
    if (timed && done >= minRuns && (done >= maxRuns || performance.now() > deadline)) break;
    const order = round % 2 === 0 ? keys : [...keys].reverse();
    for (const key of order) {
      const start = performance.now();
      runs[key]();
      const elapsed = performance.now() - start;
      if (timed) times.get(key)!.push(elapsed);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, timingOf(times.get(k)!)])) as Record<K, Timing>;
}

/** "2.4× faster" or "1.3× slower": how ours compares with an anchor (by medians). */
export function comparison(ours: number, anchor: number): string {
  return ours <= anchor ? `${(anchor / ours).toFixed(2)}× faster` : `${(ours / anchor).toFixed(2)}× slower`;
}

/** A Markdown table with right-aligned cells. */
export function table(header: readonly string[], rows: readonly (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string => `| ${r.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** `load average 0.52 0.61 0.70 (2 cores)`: how busy the machine was, for reading the figures beside it. */
export function loadAverage(): string {
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
  return `load average ${one} ${five} ${fifteen} (1, 5, 15 min; ${os.cpus().length} cores)`;
}

/** The p-th percentile (nearest rank) of sorted times. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
