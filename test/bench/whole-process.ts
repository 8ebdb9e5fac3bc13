import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateJavaScript, generateSnippet } from './generate';
import { baselineCheckout } from './baseline';
import { comparison, interleaved, showTiming, type Timing, table } from './measure';

/**
 * Whole-process `studio-lint` (the bundled CLI, node start-up included) against whole-process acorn parsing the same
 * number of bytes of JavaScript: what a user waits for in a terminal or CI job; and ESLint (a dev dependency, for this
 * anchor only) linting that JavaScript with a small documented rule set. Runs interleaved.
 */

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

/**
 * The ESLint anchor's rules: twelve core rules that need no configuration, errors and suspicious code of the kinds our
 * rules look for (what a linter does per file beyond parsing: scope analysis, code paths, a visit per rule).
 */
const ESLINT_RULES = [
  'no-unused-vars',
  'no-undef',
  'eqeqeq',
  'no-unreachable',
  'no-dupe-keys',
  'no-redeclare',
  'no-empty',
  'no-cond-assign',
  'no-constant-condition',
  'no-fallthrough',
  'no-self-assign',
  'prefer-const',
];

function eslintArgs(file: string): string[] {
  const bin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
  return [bin, '--no-config-lookup', ...ESLINT_RULES.flatMap((rule) => ['--rule', `${rule}: error`]), file];
}

function run(args: readonly string[], cwd = ROOT): void {
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  // studio-lint and ESLint exit 1 when they have findings; 2 and above, or a signal, is a failure of the run.
  if (result.status === null || result.status > 1) {
    throw new Error(`${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr.toString()}`);
  }
}

function eslintVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve('eslint/package.json'), 'utf8')) as { version: string }).version;
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
    const baseline = baselineCheckout();
    const baselineCli = baseline ? path.join(baseline.dir, 'server', 'out', 'cli.js') : undefined;
    const processes: Record<string, () => void> = {
      ours: () => run([CLI, snippetFile]),
      acorn: () => run([acornScript, jsFile]),
      // ESLint lints only files under its working folder.
      eslint: () => run(eslintArgs(jsFile), dir),
    };
    if (baselineCli) processes.before = () => run([baselineCli, snippetFile]);
    const timings = interleaved(processes, { warmUp: 1, minRuns: 7, maxRuns: 7 });
    const timing = (key: string): Timing => timings[key]!;
    const lines = snippet.split('\n').length - 1;
    const rows = [
      [
        `studio-lint ${(snippet.length / 1e6).toFixed(2)} MB .snippet (${lines.toLocaleString('en-US')} lines)`,
        showTiming(timing('ours'), 0),
        '',
      ],
      [
        `node + acorn.parse of ${(js.length / 1e6).toFixed(2)} MB JavaScript`,
        showTiming(timing('acorn'), 0),
        comparison(timing('ours').median, timing('acorn').median),
      ],
      [
        `ESLint ${eslintVersion()} (${ESLINT_RULES.length} core rules) on the same JavaScript`,
        showTiming(timing('eslint'), 0),
        comparison(timing('ours').median, timing('eslint').median),
      ],
      ...(baseline
        ? [
            [
              `studio-lint before (${baseline.commit}), same file`,
              showTiming(timing('before'), 0),
              comparison(timing('ours').median, timing('before').median),
            ],
          ]
        : []),
    ];
    return table(['process', 'ms median (p25–p75), 7 runs', 'studio-lint is'], rows);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
