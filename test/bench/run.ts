import * as acorn from 'acorn';
import { DEFAULT_SETTINGS } from '../../server/src/common/settings';
import { lintText } from '../../server/src/service/lint';
import { parseSnippet } from '../../server/src/syntax/snippet/parser';
import { parseGuarded } from '../../server/src/syntax/guide/recursion-guard';
import { generateJavaScript, generateSnippet } from './generate';
import { runtimeBench } from './runtime-bench';
import { PATHOLOGICAL_HEADER, pathologicalBench } from './pathological';
import { measureAuthoringLatency } from './authoring-latency';
import { measureServerLatency } from './server-latency';

/** Median wall time of `fn` over enough runs to be stable (at least `minRuns`, about 1 s in all). */
function medianMs(fn: () => void, minRuns = 5): number {
  const times: number[] = [];
  const deadline = performance.now() + 1000;
  while (times.length < minRuns || (performance.now() < deadline && times.length < 200)) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

function parserBench(): string {
  const rows: (string | number)[][] = [];
  for (const lines of [1_000, 10_000, 100_000]) {
    const snippet = generateSnippet(lines);
    const js = generateJavaScript(snippet.length);
    const actualLines = snippet.split('\n').length - 1;
    const ours = medianMs(() => parseSnippet(snippet));
    const theirs = medianMs(() => acorn.parse(js, { ecmaVersion: 'latest', locations: true }));
    const mb = snippet.length / 1e6;
    rows.push([
      actualLines,
      `${(snippet.length / 1024).toFixed(0)} KiB`,
      ours.toFixed(2),
      ((ours * 1000) / actualLines).toFixed(3),
      (mb / (ours / 1000)).toFixed(1),
      (js.length / 1e6 / (theirs / 1000)).toFixed(1),
      `${(snippet.length / ours / (js.length / theirs)).toFixed(2)}x`,
    ]);
  }
  return table(['lines', 'size', 'parse ms', 'µs/line', 'ours MB/s', 'acorn MB/s', 'ours/acorn'], rows);
}

function lintBench(): string {
  const rows: (string | number)[][] = [];
  for (const lines of [1_000, 10_000, 20_000, 100_000]) {
    const snippet = generateSnippet(lines);
    const actualLines = snippet.split('\n').length - 1;
    let findings = 0;
    const parseOnly = medianMs(() => parseSnippet(snippet));
    const full = medianMs(() => {
      findings = lintText('bench.snippet', 'snippet', snippet, DEFAULT_SETTINGS)!.findings.length;
    });
    rows.push([
      actualLines,
      parseOnly.toFixed(2),
      full.toFixed(2),
      (full - parseOnly).toFixed(2),
      ((full * 1000) / actualLines).toFixed(3),
      findings,
    ]);
  }
  return table(['lines', 'parse ms', 'full lint ms', 'model+rules ms', 'µs/line', 'findings'], rows);
}

/**
 * What the recursion guard costs acorn on ordinary code: the same JavaScript through acorn and the guarded acorn,
 * runs interleaved (one of each per round, after a warm-up) so that machine load hits both alike.
 */
function guardBench(): string {
  const options = { ecmaVersion: 'latest', sourceType: 'script' } as const;
  const rows: (string | number)[][] = [];
  for (const bytes of [100_000, 1_000_000]) {
    const js = generateJavaScript(bytes);
    const plain: number[] = [];
    const guarded: number[] = [];
    for (let round = 0; round < 23; round++) {
      let start = performance.now();
      acorn.parse(js, options);
      if (round >= 3) plain.push(performance.now() - start);
      start = performance.now();
      parseGuarded(js, options);
      if (round >= 3) guarded.push(performance.now() - start);
    }
    const median = (times: number[]): number => times.sort((x, y) => x - y)[times.length >> 1]!;
    const [p, g] = [median(plain), median(guarded)];
    rows.push([`${(js.length / 1024).toFixed(0)} KiB`, p.toFixed(2), g.toFixed(2), `${(g / p).toFixed(2)}x`]);
  }
  return table(['size', 'acorn ms', 'guarded acorn ms', 'guarded/acorn'], rows);
}

async function main(): Promise<void> {
  console.log(
    'Snippet parser (median of repeated runs; acorn parses JavaScript of the same byte size, locations on)\n',
  );
  console.log(parserBench());
  console.log('\nFull lint: parse, flow model and all rules (generated code with tokens, calls and status checks)\n');
  console.log(lintBench());
  console.log('\nSnippet runtime (studio-sim): interpreter speed and simulated contacts (median of repeated runs)\n');
  console.log(runtimeBench());
  console.log('\nPathological inputs: each at n/2 and n (linear work: x2 near 2; quadratic: near 4)\n');
  console.log(table(PATHOLOGICAL_HEADER, pathologicalBench()));
  console.log('\nThe recursion guard on ordinary JavaScript (acorn alone vs acorn with the guard, same input)\n');
  console.log(guardBench());
  console.log('\nLanguage server (bundled, over stdio): didChange → diagnostics, and memory\n');
  console.log(await measureServerLatency());
  console.log('\nLanguage server (bundled, over stdio): authoring requests at 20,000 lines\n');
  console.log(await measureAuthoringLatency());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
