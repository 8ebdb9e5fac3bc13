import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { documentKindOf } from '../../server/src/documents/document-kind';
import { type ParsedDocument, parseDocument } from '../../server/src/documents/parsed-document';
import { runSnippet } from '../../server/src/runtime/interpreter';
import { DEFAULT_LIMITS } from '../../server/src/runtime/limits';
import { simulateDocument } from '../../server/src/runtime/simulate';
import type { SnippetHost } from '../../server/src/runtime/snippet-host';
import { VariableStore } from '../../server/src/runtime/variable-store';
import { parseSnippet } from '../../server/src/syntax/snippet/parser';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** Median wall time of `fn` (at least 5 runs, about 1 s in all). */
function medianMs(fn: () => void): number {
  const times: number[] = [];
  const deadline = performance.now() + 1000;
  while (times.length < 5 || (performance.now() < deadline && times.length < 100)) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Arithmetic, comparisons, interpolation, an array and a dynamic object in a loop: what token code does. */
const LOOP_PROGRAM = [
  'DYNAMIC o',
  'Names = "Odin|Freya|Thor|Loki"',
  'FOR i = 1 TO 50000',
  '{',
  '  total = total + i * 2',
  '  IF total % 7 = 0',
  '  {',
  '    label = "{Names[(i % 4) + 1]}-{i}"',
  '  }',
  '  ELSE',
  '  {',
  '    o.last = i',
  '  }',
  '  left = (total - i) / 86400',
  '}',
].join('\n');

const QUIET_HOST: SnippetHost = {
  now: () => 1_741_010_400,
  contactId: 581_400_000,
  businessUnitOffsetMinutes: 0,
  send: () => ({ kind: 'failure', reason: 'no network in the benchmark' }),
  trace: () => {},
};

function largestExport(): { file: string; document: ParsedDocument; size: number } {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.xml')) files.push(path);
    }
  };
  walk(FIXTURES);
  let best: { file: string; document: ParsedDocument; size: number } | undefined;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (documentKindOf(file, undefined, text) !== 'export') continue;
    const document = parseDocument('export', text);
    if (document?.kind !== 'export' || document.export.errors.length > 0) continue;
    if (!best || text.length > best.size) best = { file, document, size: text.length };
  }
  if (!best) throw new Error('no export fixture');
  return best;
}

/** Rows for `npm run bench`: interpreter speed and whole-contact simulation times. */
export function runtimeBench(): string {
  const rows: string[] = [];
  const program = parseSnippet(LOOP_PROGRAM).program;
  let steps = 0;
  const loopMs = medianMs(() => {
    steps = runSnippet(program, new VariableStore(), QUIET_HOST, DEFAULT_LIMITS).steps;
  });
  rows.push(
    `| interpreter | ${steps.toLocaleString('en-US')} statements (loop with arithmetic, IF, interpolation) | ` +
      `${loopMs.toFixed(1)} ms | ${(((steps / loopMs) * 1000) / 1e6).toFixed(2)} M statements/s |`,
  );

  const big = largestExport();
  // The caller keeps choosing the self-service digits of each menu in turn (not the agent), so the contact loops
  // through the script for two hours instead of taking the menu's default branch to the hang-up.
  const actions: Record<string, { branch: string[]; cycle: boolean }> = {};
  if (big.document.kind === 'export') {
    const { graph } = big.document.export;
    for (const action of big.document.export.actions) {
      if (action.type.toUpperCase() !== 'MENU') continue;
      const digits = graph
        .outgoing(action.id)
        .filter((e) => e.kind === 'case' && graph.action(e.to)?.type.toUpperCase() !== 'REQAGENT')
        .map((e) => e.label);
      if (digits.length > 0) actions[String(action.id)] = { branch: digits, cycle: true };
    }
  }
  let requests = 0;
  let entered = 0;
  let stop = '';
  const exportMs = medianMs(() => {
    const outcome = simulateDocument(big.document, {
      durationSeconds: 7200,
      tokenLifetimeSeconds: 3600,
      scenario: { actions },
    });
    requests = outcome.ok ? outcome.result.requests.length : -1;
    entered = outcome.ok ? outcome.result.actions.length : -1;
    stop = outcome.ok ? (outcome.result.errors[0]?.message ?? '') : outcome.problem;
  });
  const relative = big.file.slice(FIXTURES.length + 1);
  const stops = stop ? `; stops: ${stop.slice(0, 70)}…` : '';
  rows.push(
    `| 2-hour contact, largest export (${relative}, ${(big.size / 1024).toFixed(1)} KiB) | ` +
      `${entered.toLocaleString('en-US')} actions, ${requests} requests${stops} | ` +
      `${exportMs.toFixed(2)} ms | |`,
  );

  const snippetFile = join(FIXTURES, 'runtime', 'strategy-b-jittered-buffer.snippet');
  const snippet = parseDocument('snippet', readFileSync(snippetFile, 'utf8'))!;
  let runs = 0;
  const contactsMs = medianMs(() => {
    const outcome = simulateDocument(snippet, { durationSeconds: 7200, contacts: 100, runs: 121 });
    runs = outcome.ok ? outcome.result.actions.length : -1;
  });
  rows.push(
    `| 100 contacts × 2 h, jittered Strategy B .snippet every 60 s | ${runs.toLocaleString('en-US')} SNIPPET runs | ` +
      `${contactsMs.toFixed(1)} ms | ${((contactsMs * 1000) / runs).toFixed(1)} µs/run |`,
  );
  return ['| what | work | median time | rate |', '|---|---|---:|---:|', ...rows].join('\n');
}
