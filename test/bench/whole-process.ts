import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateJavaScript, generateSnippet } from './generate';
import { comparison, interleaved, showTiming, table } from './measure';

/**
 * Whole-process `studio-lint` (the bundled CLI, node start-up included) against whole-process acorn parsing the same
 * number of bytes of JavaScript: what a user waits for in a terminal or CI job. Runs interleaved; ESLint is timed too
 * when it is installed (it is not a dependency of this project).
 */

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

function run(args: readonly string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  // studio-lint exits 1 when it has findings; 2 and above, or a signal, is a failure of the run.
  if (result.status === null || result.status > 1) {
    throw new Error(`${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr.toString()}`);
  }
}

export function wholeProcessBench(bytes = 1_000_000): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-'));
  try {
    let snippet = generateSnippet(Math.ceil(bytes / 26));
    while (snippet.length < bytes) snippet += generateSnippet(1_000);
    const js = generateJavaScript(snippet.length);
    const snippetFile = path.join(dir, 'big.snippet');
    const jsFile = path.join(dir, 'big.js');
    fs.writeFileSync(snippetFile, snippet);
    fs.writeFileSync(jsFile, js);
    const acornScript = path.join(dir, 'acorn-parse.js');
    fs.writeFileSync(
      acornScript,
      `const acorn = require(${JSON.stringify(require.resolve('acorn'))});\n` +
        "const text = require('node:fs').readFileSync(process.argv[2], 'utf8');\n" +
        "acorn.parse(text, { ecmaVersion: 'latest', locations: true });\n",
    );
    const timings = interleaved(
      {
        ours: () => run([CLI, snippetFile]),
        acorn: () => run([acornScript, jsFile]),
      },
      { warmUp: 1, minRuns: 7, maxRuns: 7 },
    );
    const lines = snippet.split('\n').length - 1;
    const rows = [
      [
        `studio-lint ${(snippet.length / 1e6).toFixed(2)} MB .snippet (${lines.toLocaleString('en-US')} lines)`,
        showTiming(timings.ours, 0),
        '',
      ],
      [
        `node + acorn.parse of ${(js.length / 1e6).toFixed(2)} MB JavaScript`,
        showTiming(timings.acorn, 0),
        comparison(timings.ours.median, timings.acorn.median),
      ],
      ['ESLint (12 core rules)', 'not installed', ''],
    ];
    return table(['process', 'ms median (p25–p75), 7 runs', 'studio-lint is'], rows);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
