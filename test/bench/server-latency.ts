import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS } from '../../client/src/server-node-options';
import { assertBundleIsFresh, PULL_CAPABILITIES, TestClient } from '../protocol/lsp-client';
import { bundleJsonLanguageServer } from './anchors/bundle';
import { baselineCheckout } from './baseline';
import { generateExport, generateJson, generateSnippet } from './generate';
import { percentile, table } from './measure';

/**
 * End-to-end latency of the bundled language server, as an editor sees it: an incremental edit
 * followed by a diagnostic pull, timed from sending didChange to receiving the report (the parse,
 * lint and JSON-RPC round trip of a changed document). And the server's resident memory with many
 * open documents, read from /proc (Linux only; "n/a" elsewhere).
 */

const EDITS = 100;
const MEMORY_DOCUMENTS = 50;
/** The memory run's documents hold as many bytes as our generated Snippet of this many lines. */
const MEMORY_LINES = 2_000;

function mib(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(1)} MiB`;
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

/** A language server under test: ours (with and without the JIT warm-up), an anchor, or ours at an earlier commit. */
interface Subject {
  readonly label: string;
  /** The server script; ours (server/out/server.js) when absent. */
  readonly server?: string;
  /**
   * Node options for a `server` of its own: TestClient gives ours the shipped ones (SERVER_NODE_OPTIONS) only when it
   * starts our bundle, so an earlier commit's server must be given them here to run as it shipped.
   */
  readonly nodeArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly languageId: string;
  readonly extension: string;
  /** The document to open, of about as many bytes as our generated Snippet of `lines` lines. */
  make(lines: number): string;
  /** Whether a line holds one of the URLs the edits type into. */
  isUrlLine(line: string): boolean;
}

/** Our server as it ships. */
const OURS: Subject = {
  label: 'ours',
  languageId: 'snippet',
  extension: 'snippet',
  make: generateSnippet,
  isUrlLine: (line) => line.startsWith('ASSIGN baseUrl'),
};

/** Our server on a Desktop Studio export of as many lines: the same code as SNIPPET actions (an edit re-parses one). */
const OURS_EXPORT: Subject = {
  label: 'ours, export',
  languageId: 'xml',
  extension: 'xml',
  make: generateExport,
  isUrlLine: (line) => line.startsWith('ASSIGN baseUrl'),
};

/** Ours with the idle-time JIT warm-up turned off (lsp/jit-warm-up.ts): the "before" of that lever. */
const OURS_WITHOUT_WARM_UP: Subject = {
  ...OURS,
  label: 'ours, no warm-up',
  env: { ...process.env, STUDIO_LSP_WARM_UP_RUNS: '0' },
};

/** The anchor: VS Code's JSON validation (anchors/json-language-server.ts) on a JSON document of the same bytes. */
function jsonAnchor(server: string): Subject {
  return {
    label: 'JSON language server, same bytes',
    server,
    languageId: 'json',
    extension: 'json',
    make: (lines) => generateJson(generateSnippet(lines).length),
    isUrlLine: (line) => line.includes('"baseUrl"'),
  };
}

/**
 * Our server at an earlier commit (see baseline.ts), measured in the same runs: the "before" of a change. It runs with
 * today's Node options (the same young-generation size since stop 21).
 */
function baseline(dir: string, commit: string): Subject {
  return {
    ...OURS,
    label: `ours before (${commit})`,
    server: path.join(dir, 'server', 'out', 'server.js'),
    nodeArgs: SERVER_NODE_OPTIONS,
  };
}

/** The same on the export: edits of an export take another path (its actions' parses and units are kept). */
function baselineExport(dir: string, commit: string): Subject {
  const before = baseline(dir, commit);
  return { ...OURS_EXPORT, label: `${before.label}, export`, server: before.server!, nodeArgs: SERVER_NODE_OPTIONS };
}

/**
 * Typing in the middle of a URL string: each even edit inserts a character after `https://` on one of the URL lines,
 * each odd edit deletes it again, so the size stays constant and the lines edited move through the whole document.
 */
function typingEdits(text: string, isUrlLine: (line: string) => boolean): TextDocumentContentChangeEvent[] {
  const lines = text.split('\n');
  const targets: { line: number; character: number }[] = [];
  lines.forEach((line, index) => {
    const at = line.indexOf('"https://');
    if (isUrlLine(line) && at >= 0) targets.push({ line: index, character: at + '"https://'.length });
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
async function editRun(subject: Subject, lines: number): Promise<EditRun> {
  const client = await TestClient.start({
    capabilities: PULL_CAPABILITIES,
    ...(subject.env ? { env: subject.env } : {}),
    ...(subject.server ? { server: subject.server } : {}),
    ...(subject.nodeArgs ? { nodeArgs: subject.nodeArgs } : {}),
  });
  try {
    const text = subject.make(lines);
    const uri = `file:///bench/generated-${lines}.${subject.extension}`;
    const first = performance.now();
    await client.open(uri, subject.languageId, text);
    await client.pull(uri);
    const openMs = performance.now() - first;
    // A user reads the document for a moment before typing: the server's idle time, the same for every server.
    await new Promise((resolve) => setTimeout(resolve, READING_MS));
    const edits: number[] = [];
    for (const edit of typingEdits(text, subject.isUrlLine)) {
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
  /** After the edits typed into the last document. */
  readonly edited: string;
  readonly afterwards: IdleWatch;
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
 * How long the memory run watches RSS after the last pull, sending nothing: V8's memory reducer gives the young
 * generation and free pages back after some seconds of low allocation (10–16 s measured), and a server with open
 * documents spends most of its life idle.
 */
const IDLE_WATCH_MS = 25_000;
const IDLE_SAMPLE_MS = 250;

/** RSS while the server is left alone: the highest, the last, and when it last moved by more than 1 MiB. */
interface IdleWatch {
  readonly peakMiB: number;
  readonly lastMiB: number;
  readonly settledAfterS: number;
}

async function watchIdle(pid: number, forMs = IDLE_WATCH_MS): Promise<IdleWatch> {
  const samples: { at: number; mib: number }[] = [];
  const start = performance.now();
  while (performance.now() - start < forMs) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
    samples.push({ at: performance.now() - start, mib: Number(rssMiB(pid)) });
  }
  let settledAt = 0;
  for (let i = 1; i < samples.length; i++) {
    if (Math.abs(samples[i].mib - samples[i - 1].mib) > 1) settledAt = samples[i].at;
  }
  return {
    peakMiB: Math.max(...samples.map((sample) => sample.mib)),
    lastMiB: samples[samples.length - 1].mib,
    settledAfterS: settledAt / 1000,
  };
}

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

/** RSS and heap of a fresh server before and after opening (and pulling) many documents of 2,000 lines' bytes. */
async function memory(subject: Subject): Promise<Memory> {
  const probes = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-heap-'));
  const probeFile = path.join(probes, 'heap.json');
  const client = await TestClient.start({
    capabilities: PULL_CAPABILITIES,
    nodeArgs: [...(subject.nodeArgs ?? []), '--expose-gc', '--require', HEAP_PROBE],
    env: { ...process.env, HEAP_PROBE_FILE: probeFile },
    ...(subject.server ? { server: subject.server } : {}),
  });
  try {
    await client.pull(`file:///bench/warm-up.${subject.extension}`);
    const idle = rssMiB(client.pid);
    const base = subject.make(MEMORY_LINES);
    // Different documents (the case): each has its own names, so no two texts or parses are alike.
    const documents = Array.from({ length: MEMORY_DOCUMENTS }, (_, i) => ({
      uri: `file:///bench/open-${i}.${subject.extension}`,
      text: base.replace(/cachedToken/g, `cachedToken${i}`),
    }));
    for (const { uri, text } of documents) {
      await client.open(uri, subject.languageId, text);
      await client.pull(uri);
    }
    const loaded = rssMiB(client.pid);
    // Then the latency runs' edits, typed into the last of them: what working on one of many open scripts leaves.
    const last = documents[documents.length - 1]!;
    for (const edit of typingEdits(last.text, subject.isUrlLine)) {
      await client.change(last.uri, [edit]);
      await client.pull(last.uri);
    }
    const edited = rssMiB(client.pid);
    const afterwards = await watchIdle(client.pid);
    const heap = await probeHeap(client, probeFile);
    const lines = OURS.make(MEMORY_LINES).split('\n').length - 1;
    return { idle, loaded, loadedMiB: Number(loaded), edited, afterwards, heap, lines };
  } finally {
    await client.dispose();
    fs.rmSync(probes, { recursive: true, force: true });
  }
}

/** How long the warm-up memory run watches RSS after its document's first pull. */
const WARM_UP_WATCH_MS = 3_000;

/** RSS of one server with one document open: right after its first pull, and the most it reached afterwards. */
interface WarmUpMemory {
  readonly afterPullMiB: number;
  readonly peakMiB: number;
}

/**
 * RSS of a fresh server with one small document open at start, while the idle-time JIT warm-up runs (with the warm-up
 * and without it, in turn). The memory run above opens its documents at once, and Snippet analysed counts toward the
 * warm-up's goal, so that run never sees the warm-up's own allocation: this one does (a session that starts with one
 * script open).
 */
async function warmUpMemory(subject: Subject): Promise<WarmUpMemory> {
  const client = await TestClient.start({
    capabilities: PULL_CAPABILITIES,
    ...(subject.env ? { env: subject.env } : {}),
  });
  try {
    const uri = `file:///bench/one.${subject.extension}`;
    await client.open(uri, subject.languageId, subject.make(50));
    await client.pull(uri);
    const afterPullMiB = Number(rssMiB(client.pid));
    const { peakMiB } = await watchIdle(client.pid, WARM_UP_WATCH_MS);
    return { afterPullMiB, peakMiB: Math.max(afterPullMiB, peakMiB) };
  } finally {
    await client.dispose();
  }
}

/** Fresh servers per size and run; every subject runs once per round, in turn, so a change in load hits all alike. */
const RUNS: readonly { lines: number; runs: number }[] = [
  { lines: 2_000, runs: 4 },
  { lines: 20_000, runs: 3 },
];

/** The figures of one subject at one size. */
interface SubjectRuns {
  readonly subject: Subject;
  readonly lines: number;
  readonly size: number;
  readonly runs: EditFigures[];
}

export async function measureServerLatency(): Promise<string> {
  assertBundleIsFresh();
  const json = bundleJsonLanguageServer();
  try {
    const checkout = baselineCheckout();
    const anchor = jsonAnchor(json.file);
    const before = checkout ? baseline(checkout.dir, checkout.commit) : undefined;
    const compared = [OURS, anchor, ...(before ? [before] : [])];
    const beforeExport = checkout ? [baselineExport(checkout.dir, checkout.commit)] : [];
    const results: SubjectRuns[] = [];
    for (const { lines, runs } of RUNS) {
      // The no-warm-up server only at 2k lines: the first-edits column shows what the warm-up is worth.
      const subjects = [
        OURS,
        ...(lines < 10_000 ? [OURS_WITHOUT_WARM_UP] : []),
        OURS_EXPORT,
        ...compared.slice(1),
        ...beforeExport,
      ];
      const bySubject = subjects.map((subject) => ({ subject, lines: 0, size: 0, runs: [] as EditFigures[] }));
      for (let i = 0; i < runs; i++) {
        for (const entry of i % 2 === 0 ? bySubject : [...bySubject].reverse()) {
          const run = await editRun(entry.subject, lines);
          entry.lines = run.lines;
          entry.size = run.size;
          entry.runs.push(figuresOf(run));
        }
      }
      results.push(...bySubject);
    }
    const memories = new Map<Subject, Memory>();
    for (const subject of compared) memories.set(subject, await memory(subject));
    const warmUps = new Map<Subject, WarmUpMemory[]>([
      [OURS, []],
      [OURS_WITHOUT_WARM_UP, []],
    ]);
    for (let i = 0; i < 2; i++) for (const [subject, list] of warmUps) list.push(await warmUpMemory(subject));
    return report(results, compared, memories, warmUps);
  } finally {
    json.dispose();
  }
}

function report(
  results: readonly SubjectRuns[],
  compared: readonly Subject[],
  memories: Map<Subject, Memory>,
  warmUps: Map<Subject, WarmUpMemory[]>,
): string {
  const rows = results.map(({ subject, lines, size, runs }) => [
    subject.label,
    String(lines),
    `${(size / 1024).toFixed(0)} KiB`,
    String(runs.length),
    medianOf(runs, 'open').text,
    medianOf(runs, 'firstP95').text,
    medianOf(runs, 'steadyP95').text,
    medianOf(runs, 'steadyP50').text,
    medianOf(runs, 'allP95').text,
  ]);
  const figure = (subject: Subject, small: boolean, key: keyof EditFigures): number => {
    const entry = results.find((r) => r.subject === subject && r.runs.length > 0 && r.lines < 10_000 === small)!;
    return medianOf(entry.runs, key).median;
  };
  const ours = memories.get(OURS)!;
  const summary: [string, (subject: Subject) => number, number, string][] = [
    ['edit → diagnostics p95, 2k lines, first 100 edits after start', (s) => figure(s, true, 'allP95'), 10, 'ms'],
    ['edit → diagnostics p95, 2k lines, first 20 edits after start', (s) => figure(s, true, 'firstP95'), 10, 'ms'],
    ['same, once warm (edits 21–100)', (s) => figure(s, true, 'steadyP95'), 10, 'ms'],
    ['edit → diagnostics p95, 20k lines (all 100 edits)', (s) => figure(s, false, 'allP95'), 40, 'ms'],
    ['first open + pull, 2k lines', (s) => figure(s, true, 'open'), 30, 'ms'],
    ['first open + pull, 20k lines', (s) => figure(s, false, 'open'), 150, 'ms'],
    [
      `RSS with ${MEMORY_DOCUMENTS} different documents of ${ours.lines} lines' bytes`,
      (s) => memories.get(s)!.loadedMiB,
      100,
      'MiB',
    ],
    [`same, after ${EDITS} edits of one of them`, (s) => Number(memories.get(s)!.edited), 100, 'MiB'],
    [
      `same, ${IDLE_WATCH_MS / 1000} s after the last edit (the server left idle)`,
      (s) => memories.get(s)!.afterwards.lastMiB,
      100,
      'MiB',
    ],
  ];
  const memoryLines = compared.map((subject) => {
    const m = memories.get(subject)!;
    return (
      `- ${subject.label}: ${m.idle} MiB idle; ${m.loaded} MiB with ${MEMORY_DOCUMENTS} different open documents, ` +
      `each pulled once; ${m.edited} MiB after ${EDITS} edits of the last of them; ` +
      `left idle for ${IDLE_WATCH_MS / 1000} s, at most ${mib(m.afterwards.peakMiB)}, then ` +
      `${mib(m.afterwards.lastMiB)} (it last moved by over 1 MiB ` +
      `${m.afterwards.settledAfterS.toFixed(1)} s after the last pull); ` +
      `V8 heap in use then ${mib(m.heap?.heapInUseMiB)} (no GC forced), ` +
      `${mib(m.heap?.heapAfterGcMiB)} after a forced full GC (RSS then ${mib(m.heap?.rssAfterGcMiB)})`
    );
  });
  for (const [subject, runs] of warmUps) {
    memoryLines.push(
      `- ${subject.label}, one 50-line document open at start (two fresh servers): RSS after its first pull, then ` +
        `the most over the next ${WARM_UP_WATCH_MS / 1000} s: ` +
        runs.map((run) => `${mib(run.afterPullMiB)} → ${mib(run.peakMiB)}`).join(', '),
    );
  }
  const show = (value: number, unit: string): string => `${value.toFixed(1)} ${unit}`;
  return [
    `didChange + textDocument/diagnostic round trip (ms), ${EDITS} incremental edits per run (a character typed ` +
      'into a URL, then taken out), a fresh server per run, the servers in turn; each cell is the median over the ' +
      'runs (lowest–highest run). The JSON language server gets a JSON document of the same bytes (fewer, longer ' +
      'lines); "ours, export" is a Desktop Studio export of as many lines, the same code in SNIPPET actions.',
    '',
    table(
      [
        'server',
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
    'Server memory:',
    ...memoryLines,
    '',
    "The issue's user-facing table (issue 17 targets), all from the runs above",
    '',
    table(
      ['figure', ...compared.map((s) => s.label), 'target', 'ours'],
      summary.map(([what, value, target, unit]) => [
        what,
        ...compared.map((subject) => show(value(subject), unit)),
        `< ${target} ${unit}`,
        value(OURS) < target ? 'met' : 'NOT met',
      ]),
    ),
  ].join('\n');
}

if (require.main === module) {
  measureServerLatency().then(
    (text) => console.log(text),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
