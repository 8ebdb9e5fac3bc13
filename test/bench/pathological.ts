import { DEFAULT_SETTINGS } from '../../server/src/common/settings';
import { lintText } from '../../server/src/service/lint';
import { readExport } from '../../server/src/syntax/export/read-export';
import { parseGuide } from '../../server/src/syntax/guide';
import { parseSnippet } from '../../server/src/syntax/snippet/parser';

/**
 * Inputs built to make a parser rescan, recurse or walk a graph once per use, each timed at two sizes: linear work
 * doubles the time when the input doubles ("x2" near 2), quadratic work quadruples it. Times are medians of runs
 * within about a second (one run when a single run takes longer).
 */

interface Case {
  readonly name: string;
  /** The input at size `n` (what `n` counts is in the name). */
  readonly make: (n: number) => string;
  readonly n: number;
  readonly run: (text: string) => void;
}

const snippet = (text: string): void => void parseSnippet(text);
const guide = (text: string): void => void parseGuide(text);

const CASES: readonly Case[] = [
  {
    name: 'Snippet: ASSIGN x = a[[[[… on one line (n brackets)',
    make: (n) => `ASSIGN x = a${'['.repeat(n)}\n`,
    n: 100_000,
    run: snippet,
  },
  {
    name: 'Snippet: nested IF blocks (n levels)',
    make: (n) => `${'IF x {\n'.repeat(n)}y = 1\n${'}\n'.repeat(n)}`,
    n: 10_000,
    run: snippet,
  },
  {
    name: 'Snippet: one line of additions (n operators, 1 MB at 250,000)',
    make: (n) => `ASSIGN x = a${' + a'.repeat(n)}\n`,
    n: 250_000,
    run: snippet,
  },
  {
    name: 'Snippet: tiny statements (n lines)',
    make: (n) => 'ASSIGN a = 1\n'.repeat(n),
    n: 50_000,
    run: snippet,
  },
  {
    name: 'Guide: nested `${( in a SNIPPET body (n levels)',
    make: (n) => `SNIPPET\nvar x = ${'`${('.repeat(n)}1${')}`'.repeat(n)};\nEND SNIPPET\n`,
    n: 700,
    run: guide,
  },
  {
    name: 'Guide: branch lines without ] (n lines)',
    make: (n) => 'YES --> [Retry the lookup\n'.repeat(n),
    n: 50_000,
    run: guide,
  },
  {
    name: 'Guide: SETs on one SNIPPET line (n statements, 1 MB at 80,000)',
    make: (n) => `SNIPPET\n${'SET a = 1; '.repeat(n)}\nEND SNIPPET\n`,
    n: 80_000,
    run: guide,
  },
  {
    name: 'Guide: tiny statements in a SNIPPET body (n lines)',
    make: (n) => `SNIPPET\n${'a = 1;\n'.repeat(n)}END SNIPPET\n`,
    n: 50_000,
    run: guide,
  },
  {
    name: 'Export: read and ask the graph (n actions)',
    make: (n) => generateExport(n),
    n: 2_000,
    run: (text) => askGraph(text),
  },
  {
    name: 'Export: full lint (n actions)',
    make: (n) => generateExport(n),
    n: 2_000,
    run: (text) => void lintText('flow.xml', 'xml', text, DEFAULT_SETTINGS),
  },
];

/** The analysis's questions: for every SNIPPET what reaches it and what it reaches, and what lies between pairs. */
function askGraph(text: string): void {
  const exported = readExport(text);
  if (!exported) throw new Error('not an export');
  const { graph } = exported;
  const snippets = exported.actions.filter((a) => a.type === 'SNIPPET').map((a) => a.id);
  const acquisitions = snippets.filter((_, i) => i % 10 === 0);
  for (const id of snippets) {
    graph.reaching(id);
    graph.reachableFrom(id);
  }
  for (const from of acquisitions) for (const to of snippets) graph.actionsBetween(from, to);
}

function medianMs(run: () => void): number {
  const times: number[] = [];
  const deadline = performance.now() + 1000;
  do {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  } while (performance.now() < deadline && times.length < 7);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function size(text: string): string {
  return text.length >= 1_000_000 ? `${(text.length / 1e6).toFixed(1)} MB` : `${(text.length / 1024).toFixed(0)} KiB`;
}

/** A case whose input at n/2 takes longer than this is not run at n (quadratic code would take minutes). */
const SLOW_MS = 5_000;

/** One row per case: the time at n/2 and at n, and their ratio. */
export function pathologicalBench(): (string | number)[][] {
  return CASES.map(({ name, make, n, run }) => {
    const half = make(n / 2);
    const full = make(n);
    const halfMs = medianMs(() => run(half));
    if (halfMs > SLOW_MS) return [name, n.toLocaleString('en-US'), size(full), halfMs.toFixed(0), 'not run', '-'];
    const fullMs = medianMs(() => run(full));
    const ratio = (fullMs / halfMs).toFixed(2);
    return [name, n.toLocaleString('en-US'), size(full), halfMs.toFixed(1), fullMs.toFixed(1), ratio];
  });
}

export const PATHOLOGICAL_HEADER = ['input', 'n', 'size at n', 'ms at n/2', 'ms at n', 'x2'];

/** A small deterministic generator, so every run times the same export. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Long line: a Snippet statement is one line in Studio.
const TOKEN_SNIPPET = `ASSIGN tokenProxy = GetRESTProxy()
ASSIGN tokenBody = "grant_type=client_credentials&amp;client_id={SECURE_CLIENT_ID}&amp;client_secret={SECURE_CLIENT_SECRET}"
ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://auth.example-crm.com/oauth/token", tokenBody, 0, "POST")
IF tokenProxy.StatusCode = 200
{
  ASSIGN accessToken = tokenResult.access_token
}`;

const USE_SNIPPET = (i: number): string => `ASSIGN proxy${i} = GetRESTProxy()
proxy${i}.AddHeader("Authorization", "Bearer {accessToken}")
ASSIGN order${i} = proxy${i}.MakeRestRequest("https://api.example-crm.com/v2/orders/{ANI}", "", 0, "GET")
IF proxy${i}.StatusCode = 401 | proxy${i}.StatusCode = 403
{
  ASSIGN apiError = "AUTH_FAILURE"
}`;

/**
 * A Desktop Studio export of `n` actions: BEGIN, a token SNIPPET, then menus, prompts, queues and SNIPPETs that
 * use the token, linked in file order with menu branches back and forth (retry loops), as a large IVR is.
 */
export function generateExport(n: number): string {
  const next = random(16);
  const types = ['SNIPPET', 'SNIPPET', 'SNIPPET', 'PLAY', 'PLAY', 'MENU', 'HOLD', 'REQAGENT', 'CAPTURE', 'WAIT'];
  const actions: string[] = [];
  for (let id = 1; id <= n; id++) {
    const type = id === 1 ? 'BEGIN' : id === 2 ? 'SNIPPET' : types[Math.floor(next() * types.length)]!;
    const code = id === 2 ? TOKEN_SNIPPET : type === 'SNIPPET' ? USE_SNIPPET(id) : '';
    const branches =
      type === 'MENU'
        ? [1, 2, 3].map((digit) => {
            const target = Math.max(2, Math.min(n, id + Math.floor((next() - 0.3) * 40)));
            return [
              '        <BranchStruct>',
              `          <Text>${digit}</Text>`,
              `          <ActionID>${target}</ActionID>`,
              `          <Index>${digit}</Index>`,
              '        </BranchStruct>',
            ].join('\n');
          })
        : [];
    actions.push(
      [
        '    <ActionStruct>',
        `      <ActionID>${id}</ActionID>`,
        `      <Action>${type}</Action>`,
        `      <Caption>${type} ${id}</Caption>`,
        '      <Parameters>',
        code === '' ? '        <string />' : `        <string>${code.replaceAll('<', '&lt;')}</string>`,
        '      </Parameters>',
        '      <DefaultNextAction>',
        '        <Text />',
        `        <ActionID>${id < n ? id + 1 : -1}</ActionID>`,
        '        <Index>0</Index>',
        '      </DefaultNextAction>',
        branches.length > 0 ? `      <Branches>\n${branches.join('\n')}\n      </Branches>` : '      <Branches />',
        '      <Cases />',
        '    </ActionStruct>',
      ].join('\n'),
    );
  }
  const header = '<?xml version="1.0" encoding="utf-8"?>\n<ScriptContainer>\n  <Actions>\n';
  return `${header}${actions.join('\n')}\n  </Actions>\n</ScriptContainer>\n`;
}
