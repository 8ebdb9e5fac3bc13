import * as acorn from 'acorn';
import { DEFAULT_SETTINGS } from '../../server/src/common/settings';
import { lintText } from '../../server/src/service/lint';
import { parseSnippet } from '../../server/src/syntax/snippet/parser';
import { generateJavaScript, generateSnippet } from './generate';
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

async function main(): Promise<void> {
  console.log(
    'Snippet parser (median of repeated runs; acorn parses JavaScript of the same byte size, locations on)\n',
  );
  console.log(parserBench());
  console.log('\nFull lint: parse, flow model and all rules (generated code with tokens, calls and status checks)\n');
  console.log(lintBench());
  console.log('\nLanguage server (bundled, over stdio): didChange → diagnostics, and memory\n');
  console.log(await measureServerLatency());
  console.log('\nLanguage server (bundled, over stdio): authoring requests at 20,000 lines\n');
  console.log(await measureAuthoringLatency());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
