import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { assertBundleIsFresh, PULL_CAPABILITIES, TestClient } from '../protocol/lsp-client';
import { generateSnippet } from './generate';

/**
 * End-to-end latency of the bundled language server, as an editor sees it: an incremental edit
 * followed by a diagnostic pull, timed from sending didChange to receiving the report (the parse,
 * lint and JSON-RPC round trip of a changed document). And the server's resident memory with many
 * open documents, read from /proc (Linux only; "n/a" elsewhere).
 */

const EDITS = 100;
const MEMORY_DOCUMENTS = 50;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function table(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
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

async function editLatency(client: TestClient, lines: number): Promise<string[]> {
  const text = generateSnippet(lines);
  const uri = `file:///bench/generated-${lines}.snippet`;
  await client.open(uri, 'snippet', text);
  const first = performance.now();
  await client.pull(uri);
  const openMs = performance.now() - first;
  const times: number[] = [];
  for (const edit of typingEdits(text)) {
    const start = performance.now();
    await client.change(uri, [edit]);
    const report = await client.pull(uri);
    times.push(performance.now() - start);
    if (report.kind !== 'full') throw new Error(`expected a full report after an edit, got ${report.kind}`);
  }
  await client.close(uri);
  times.sort((a, b) => a - b);
  const actualLines = text.split('\n').length - 1;
  return [
    String(actualLines),
    `${(text.length / 1024).toFixed(0)} KiB`,
    openMs.toFixed(1),
    percentile(times, 50).toFixed(1),
    percentile(times, 95).toFixed(1),
    times[times.length - 1]!.toFixed(1),
  ];
}

/** RSS of a fresh server before and after opening (and pulling) many 2,000-line documents. */
async function memory(): Promise<{ idle: string; loaded: string; lines: number }> {
  const client = await TestClient.start({ capabilities: PULL_CAPABILITIES });
  try {
    await client.pull('file:///bench/warm-up.snippet');
    const idle = rssMiB(client.pid);
    const text = generateSnippet(2_000);
    for (let i = 0; i < MEMORY_DOCUMENTS; i++) {
      const uri = `file:///bench/open-${i}.snippet`;
      await client.open(uri, 'snippet', text);
      await client.pull(uri);
    }
    return { idle, loaded: rssMiB(client.pid), lines: text.split('\n').length - 1 };
  } finally {
    await client.dispose();
  }
}

export async function measureServerLatency(): Promise<string> {
  assertBundleIsFresh();
  const client = await TestClient.start({ capabilities: PULL_CAPABILITIES });
  let latencyRows: string[][];
  try {
    latencyRows = [await editLatency(client, 2_000), await editLatency(client, 20_000)];
  } finally {
    await client.dispose();
  }
  const { idle, loaded, lines } = await memory();
  return [
    `Language server: didChange + textDocument/diagnostic round trip, ${EDITS} incremental edits per document (ms)`,
    '',
    table(['lines', 'size', 'first pull', 'p50', 'p95', 'max'], latencyRows),
    '',
    `Server RSS: ${idle} MiB idle; ${loaded} MiB with ${MEMORY_DOCUMENTS} open ${lines}-line documents, each ` +
      `pulled once`,
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
