import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { assertBundleIsFresh, PULL_CAPABILITIES, TestClient } from '../protocol/lsp-client';
import { generateSnippet } from './generate';
import { percentile, table } from './measure';

/**
 * End-to-end latency of the bundled language server, as an editor sees it: an incremental edit
 * followed by a diagnostic pull, timed from sending didChange to receiving the report (the parse,
 * lint and JSON-RPC round trip of a changed document). And the server's resident memory with many
 * open documents, read from /proc (Linux only; "n/a" elsewhere).
 */

const EDITS = 100;
const MEMORY_DOCUMENTS = 50;

function mib(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value.toFixed(1)} MiB`;
}

function rssMiB(pid: number): string {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kib) ? (kib / 1024).toFixed(1) : 'n/a';
  } catch {
    return 'n/a';
  }
}

/**
 * Typing in the middle of a URL string: each even edit inserts a character after `https://` on one
 * of the `ASSIGN baseUrl…` lines, each odd edit deletes it again, so the size stays constant and the
 * lines edited move through the whole document.
 */
function typingEdits(text: string): TextDocumentContentChangeEvent[] {
  const lines = text.split('\n');
  const targets: { line: number; character: number }[] = [];
  lines.forEach((line, index) => {
    const at = line.indexOf('"https://');
    if (line.startsWith('ASSIGN baseUrl') && at >= 0) targets.push({ line: index, character: at + '"https://'.length });
  });
  const edits: TextDocumentContentChangeEvent[] = [];
  for (let i = 0; i < EDITS; i++) {
    const target = targets[(Math.floor(i / 2) * 7) % targets.length]!;
    const end = i % 2 === 0 ? target : { line: target.line, character: target.character + 1 };
    edits.push({ range: { start: target, end }, text: i % 2 === 0 ? 'x' : '' });
  }
  return edits;
}

/** One fresh server's figures for one document: open + first pull, then each edit → diagnostics round trip. */
interface EditRun {
  readonly openMs: number;
  /** Round trips in the order of the edits. */
  readonly edits: readonly number[];
  readonly lines: number;
  readonly size: number;
}

/** A fresh server (so the first edits meet a JIT that has seen nothing but start-up), one document, 100 edits. */
async function editRun(lines: number, warmUp: boolean): Promise<EditRun> {
  // STUDIO_LSP_WARM_UP_RUNS=0 turns off the idle-time JIT warm-up (lsp/jit-warm-up.ts): the "before" of that lever.
  const env = warmUp ? process.env : { ...process.env, STUDIO_LSP_WARM_UP_RUNS: '0' };
  const client = await TestClient.start({ capabilities: PULL_CAPABILITIES, env });
  try {
    const text = generateSnippet(lines);
    const uri = `file:///bench/generated-${lines}.snippet`;
    const first = performance.now();
    await client.open(uri, 'snippet', text);
    await client.pull(uri);
    const openMs = performance.now() - first;
    // A user reads the script for a moment before typing: the server's idle time, the same with and without warm-up.
    await new Promise((resolve) => setTimeout(resolve, READING_MS));
    const edits: number[] = [];
    for (const edit of typingEdits(text)) {
      const start = performance.now();
      await client.change(uri, [edit]);
      const report = await client.pull(uri);
      edits.push(performance.now() - start);
      if (report.kind !== 'full') throw new Error(`expected a full report after an edit, got ${report.kind}`);
    }
    return { openMs, edits, lines: text.split('\n').length - 1, size: text.length };
  } finally {
    await client.dispose();
  }
}

const FIRST_EDITS = 20;

/** The pause between the first pull and the first edit (not timed). */
const READING_MS = 1_000;

/** Per run: open + pull, p95 of the first 20 edits, p95 and p50 of the rest (steady state), and of all 100. */
interface EditFigures {
  readonly open: number;
  readonly firstP95: number;
  readonly steadyP95: number;
  readonly steadyP50: number;
  readonly allP95: number;
}

function figuresOf(run: EditRun): EditFigures {
  const sorted = (times: readonly number[]): number[] => [...times].sort((a, b) => a - b);
  const first = sorted(run.edits.slice(0, FIRST_EDITS));
  const steady = sorted(run.edits.slice(FIRST_EDITS));
  return {
    open: run.openMs,
    firstP95: percentile(first, 95),
    steadyP95: percentile(steady, 95),
    steadyP50: percentile(steady, 50),
    allP95: percentile(sorted(run.edits), 95),
  };
}

/** Each figure's median over the runs, with the lowest and highest run beside it. */
function medianOf(runs: readonly EditFigures[], key: keyof EditFigures): { median: number; text: string } {
  const values = runs.map((r) => r[key]).sort((a, b) => a - b);
  const median = values[values.length >> 1]!;
  return { median, text: `${median.toFixed(1)} (${values[0]!.toFixed(1)}–${values[values.length - 1]!.toFixed(1)})` };
}

interface Memory {
  readonly idle: string;
  readonly loaded: string;
  readonly loadedMiB: number;
  readonly heap: HeapProbe | undefined;
  readonly lines: number;
}

/** What test/bench/heap-probe.cjs writes: the V8 heap in use as found, then heap and RSS after a forced full GC. */
interface HeapProbe {
  readonly heapInUseMiB: number;
  readonly heapAfterGcMiB: number;
  readonly rssAfterGcMiB: number;
}

const HEAP_PROBE = path.join(__dirname, 'heap-probe.cjs');

/**
 * The server's V8 heap in use (garbage not yet collected counts too), then what a forced GC leaves: the heap probe
 * preloaded in the bench's server only answers SIGHUP (no server code is involved). Read after the RSS figure, as the
 * GC changes it.
 */
async function probeHeap(client: TestClient, file: string): Promise<HeapProbe | undefined> {
  process.kill(client.pid, 'SIGHUP');
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as HeapProbe;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

/** RSS and heap of a fresh server before and after opening (and pulling) many 2,000-line documents. */
async function memory(): Promise<Memory> {
  const probes = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-heap-'));
  const probeFile = path.join(probes, 'heap.json');
  const client = await TestClient.start({
    capabilities: PULL_CAPABILITIES,
    nodeArgs: ['--expose-gc', '--require', HEAP_PROBE],
    env: { ...process.env, HEAP_PROBE_FILE: probeFile },
  });
  try {
    await client.pull('file:///bench/warm-up.snippet');
    const idle = rssMiB(client.pid);
    const base = generateSnippet(2_000);
    for (let i = 0; i < MEMORY_DOCUMENTS; i++) {
      // Different documents (the issue's case): each has its own names, so no two texts or parses are alike.
      const text = base.replace(/cachedToken/g, `cachedToken${i}`);
      const uri = `file:///bench/open-${i}.snippet`;
      await client.open(uri, 'snippet', text);
      await client.pull(uri);
    }
    const loaded = rssMiB(client.pid);
    const heap = await probeHeap(client, probeFile);
    return { idle, loaded, loadedMiB: Number(loaded), heap, lines: base.split('\n').length - 1 };
  } finally {
    await client.dispose();
    fs.rmSync(probes, { recursive: true, force: true });
  }
}

/**
 * Fresh servers per size and run: the issue's "after start" and "once warm" figures come from the same runs. At 2k
 * lines a server without the JIT warm-up runs in turn with each default one, so the first-edits column shows what the
 * warm-up is worth under the same load.
 */
const RUNS: readonly { lines: number; runs: number; withoutWarmUp: boolean }[] = [
  { lines: 2_000, runs: 4, withoutWarmUp: true },
  { lines: 20_000, runs: 3, withoutWarmUp: false },
];

export async function measureServerLatency(): Promise<string> {
  assertBundleIsFresh();
  const bySize: { label: string; lines: number; size: number; runs: EditFigures[] }[] = [];
  for (const { lines, runs, withoutWarmUp } of RUNS) {
    const figures: EditFigures[] = [];
    const cold: EditFigures[] = [];
    let actual = { lines: 0, size: 0 };
    for (let i = 0; i < runs; i++) {
      const run = await editRun(lines, true);
      actual = { lines: run.lines, size: run.size };
      figures.push(figuresOf(run));
      if (withoutWarmUp) cold.push(figuresOf(await editRun(lines, false)));
    }
    bySize.push({ label: String(actual.lines), ...actual, runs: figures });
    if (withoutWarmUp) bySize.push({ label: `${actual.lines}, no warm-up`, ...actual, runs: cold });
  }
  const mem = await memory();
  const rows = bySize.map(({ label, size, runs }) => [
    label,
    `${(size / 1024).toFixed(0)} KiB`,
    String(runs.length),
    medianOf(runs, 'open').text,
    medianOf(runs, 'firstP95').text,
    medianOf(runs, 'steadyP95').text,
    medianOf(runs, 'steadyP50').text,
    medianOf(runs, 'allP95').text,
  ]);
  const small = bySize.find((s) => s.lines < 10_000 && !s.label.includes('no warm-up'))!.runs;
  const large = bySize.find((s) => s.lines >= 10_000)!.runs;
  const met = (value: number, target: number): string => (value < target ? 'met' : 'NOT met');
  const summary: [string, number, number, string][] = [
    ['edit → diagnostics p95, 2k lines, first 100 edits after start', medianOf(small, 'allP95').median, 10, 'ms'],
    ['edit → diagnostics p95, 2k lines, first 20 edits after start', medianOf(small, 'firstP95').median, 10, 'ms'],
    ['same, once warm (edits 21–100)', medianOf(small, 'steadyP95').median, 10, 'ms'],
    ['edit → diagnostics p95, 20k lines (all 100 edits)', medianOf(large, 'allP95').median, 40, 'ms'],
    ['first open + pull, 2k lines', medianOf(small, 'open').median, 30, 'ms'],
    ['first open + pull, 20k lines', medianOf(large, 'open').median, 150, 'ms'],
    [`RSS with ${MEMORY_DOCUMENTS} different ${mem.lines}-line documents`, mem.loadedMiB, 100, 'MiB'],
  ];
  return [
    `didChange + textDocument/diagnostic round trip (ms), ${EDITS} incremental edits per run, a fresh server per ` +
      'run; each cell is the median over the runs (lowest–highest run)',
    '',
    table(
      [
        'lines',
        'size',
        'runs',
        'open + first pull',
        'p95 edits 1–20',
        'p95 edits 21–100',
        'p50 edits 21–100',
        'p95 all',
      ],
      rows,
    ),
    '',
    `Server RSS: ${mem.idle} MiB idle; ${mem.loaded} MiB with ${MEMORY_DOCUMENTS} different open ${mem.lines}-line ` +
      `documents, each pulled once; V8 heap in use then ${mib(mem.heap?.heapInUseMiB)} (no GC forced), ` +
      `${mib(mem.heap?.heapAfterGcMiB)} after a forced full GC (RSS then ${mib(mem.heap?.rssAfterGcMiB)})`,
    '',
    "The issue's user-facing table (issue 17 targets)",
    '',
    table(
      ['figure', 'ours', 'target', ''],
      summary.map(([what, value, target, unit]) => [
        what,
        `${value.toFixed(1)} ${unit}${unit === 'MiB' ? ` (heap in use ${mib(mem.heap?.heapInUseMiB)})` : ''}`,
        `< ${target} ${unit}`,
        met(value, target),
      ]),
    ),
  ].join('\n');
}

if (require.main === module) {
  measureServerLatency().then(
    (report) => console.log(report),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
