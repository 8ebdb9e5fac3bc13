import { parseSnippet } from '/work/main/server/src/syntax/snippet/parser';
import * as acorn from 'acorn';
import { generateSnippet, generateJavaScript } from '/work/main/test/bench/generate';
const lines = Number(process.argv[2] ?? 100000);
const which = process.argv[3] ?? 'ours';
const s = generateSnippet(lines); const js = generateJavaScript(s.length);
const f = which === 'ours' ? () => parseSnippet(s) : () => acorn.parse(js, { ecmaVersion: 'latest', locations: true });
{ const until = performance.now() + 1500; let w = 0; while (w < 3 || performance.now() < until) { f(); w++; } }
const times: number[] = [];
for (let i = 0; i < 15; i++) { const t = performance.now(); f(); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
const med = times[7]!;
console.log(which, lines, 'median ms', med.toFixed(1), 'MB/s', (s.length / 1e6 / (med / 1000)).toFixed(1), 'us/line', (med * 1000 / lines).toFixed(2));
