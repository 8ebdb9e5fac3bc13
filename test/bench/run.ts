import * as acorn from 'acorn';
import { DEFAULT_SETTINGS } from '../../server/src/common/settings';
import { lintText } from '../../server/src/service/lint';
import { parseSnippet } from '../../server/src/syntax/snippet/parser';
import { parseGuarded } from '../../server/src/syntax/guide/recursion-guard';
import { generateJavaScript, generateManyFunctions, generateSharedStatus, generateSnippet } from './generate';
import { comparison, interleaved, loadAverage, showTiming, table } from './measure';
import { wholeProcessBench } from './whole-process';
import { runtimeBench } from './runtime-bench';
import { PATHOLOGICAL_HEADER, pathologicalBench } from './pathological';
import { measureAuthoringLatency } from './authoring-latency';
import { measureServerLatency } from './server-latency';

/** Parse alone: ours on generated Snippet, acorn on JavaScript of the same byte size (locations on), interleaved. */
function parserBench(): string {
  const rows: (string | number)[][] = [];
  for (const lines of [1_000, 10_000, 100_000]) {
    const snippet = generateSnippet(lines);
    const js = generateJavaScript(snippet.length);
    const actualLines = snippet.split('\n').length - 1;
    const t = interleaved({
      ours: () => parseSnippet(snippet),
      acorn: () => acorn.parse(js, { ecmaVersion: 'latest', locations: true }),
    });
    rows.push([
      actualLines,
      `${(snippet.length / 1024).toFixed(0)} KiB`,
      showTiming(t.ours),
      showTiming(t.acorn),
      ((t.ours.median * 1000) / actualLines).toFixed(3),
      comparison(t.ours.median, t.acorn.median),
    ]);
  }
  return table(['lines', 'size', 'ours ms (p25–p75)', 'acorn ms (p25–p75)', 'ours µs/line', 'ours is'], rows);
}

/** The generated inputs of the full-lint table: each family at growing sizes (µs/line should stay flat). */
const LINT_INPUTS: readonly { name: string; make: (lines: number) => string; sizes: readonly number[] }[] = [
  { name: 'calls + status checks', make: generateSnippet, sizes: [1_000, 10_000, 20_000, 100_000, 300_000] },
  { name: 'many FUNCTIONs', make: generateManyFunctions, sizes: [1_000, 10_000, 100_000] },
  { name: 'many calls, one status variable', make: generateSharedStatus, sizes: [1_000, 10_000, 100_000] },
];

/**
 * Full lint in process (parse, flow model, every rule) against acorn merely parsing the same bytes of JavaScript,
 * interleaved; µs/line beside the same family's figure at 1k lines shows any super-linear growth, and acorn's time per
 * byte beside its own at 1k shows what of it any parser meets at that size.
 */
function lintBench(): string {
  // The 300k-line input is 8 MB, over the default 5 MB limit above which a document is not analysed at all.
  const settings = { ...DEFAULT_SETTINGS, maxDocumentSizeKB: 16_384 };
  const rows: (string | number)[][] = [];
  for (const input of LINT_INPUTS) {
    let baseline: number | undefined;
    let acornBaseline: number | undefined;
    for (const lines of input.sizes) {
      const snippet = input.make(lines);
      const js = generateJavaScript(snippet.length);
      const actualLines = snippet.split('\n').length - 1;
      let findings = 0;
      const big = lines > 100_000;
      const t = interleaved(
        {
          ours: () => {
            findings = lintText('bench.snippet', 'snippet', snippet, settings)!.findings.length;
          },
          acorn: () => acorn.parse(js, { ecmaVersion: 'latest', locations: true }),
        },
        big ? { warmUp: 1, minRuns: 3, maxRuns: 3 } : { warmUp: 10 },
      );
      const perLine = (t.ours.median * 1000) / actualLines;
      baseline ??= perLine;
      // acorn's time per byte against its own at 1k: how much of the growth the machine's caches and GC give anyone.
      const acornPerByte = t.acorn.median / js.length;
      acornBaseline ??= acornPerByte;
      rows.push([
        input.name,
        actualLines,
        `${(snippet.length / 1024).toFixed(0)} KiB`,
        showTiming(t.ours),
        showTiming(t.acorn),
        comparison(t.ours.median, t.acorn.median),
        perLine.toFixed(2),
        `${(perLine / baseline).toFixed(2)}×`,
        `${(acornPerByte / acornBaseline).toFixed(2)}×`,
        findings,
      ]);
    }
  }
  return table(
    [
      'input',
      'lines',
      'size',
      'full lint ms (p25–p75)',
      'acorn parse ms (p25–p75)',
      'ours is',
      'µs/line',
      'µs/line ÷ 1k',
      'acorn per byte ÷ 1k',
      'findings',
    ],
    rows,
  );
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
  const began = performance.now();
  console.log(`Node ${process.version}; at the start: ${loadAverage()}\n`);
  console.log(
    'Snippet parser: ours and acorn (JavaScript of the same byte size, locations on) in interleaved runs, ' +
      'median (p25–p75) ms\n',
  );
  console.log(parserBench());
  console.log(
    '\nFull lint in process (parse, flow model, every rule) and acorn merely parsing the same bytes of JavaScript, ' +
      'interleaved; median (p25–p75) ms\n',
  );
  console.log(lintBench());
  console.log(
    '\nWhole process, as in a terminal: studio-lint on ~1 MB against node + acorn parsing ~1 MB, interleaved\n',
  );
  console.log(wholeProcessBench());
  console.log('\nSnippet runtime (studio-sim): interpreter speed and simulated contacts (median of repeated runs)\n');
  console.log(runtimeBench());
  console.log('\nPathological inputs: each at n/2 and n (linear work: x2 near 2; quadratic: near 4)\n');
  console.log(table(PATHOLOGICAL_HEADER, pathologicalBench()));
  console.log('\nThe recursion guard on ordinary JavaScript (acorn alone vs acorn with the guard, same input)\n');
  console.log(guardBench());
  console.log(`\n${loadAverage()}`);
  console.log('\nLanguage server (bundled, over stdio): didChange → diagnostics, and memory\n');
  console.log(await measureServerLatency());
  console.log('\nLanguage server (bundled, over stdio): authoring requests at 20,000 lines\n');
  console.log(await measureAuthoringLatency());
  console.log(
    `\nAt the end: ${loadAverage()}; the benchmark took ${((performance.now() - began) / 1000).toFixed(0)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
