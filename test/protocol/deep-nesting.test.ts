import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { CliFinding } from '../../server/src/cli/cli-finding';
import { MAX_BRACKET_NESTING } from '../../server/src/syntax/guide/nesting-scan';
import { parseGuide } from '../../server/src/syntax/guide/parser';
import { NESTED_TOO_DEEPLY } from '../../server/src/syntax/guide/recursion-guard';
import { MAX_NESTING_DEPTH, parseSnippet } from '../../server/src/syntax/snippet/parser';
import {
  deepSnippet,
  deepStudio,
  exportWithSnippets,
  GUIDE_BODY_FAMILIES,
  GUIDE_FAMILIES,
  SNIPPET_FAMILIES,
  studioWithBody,
  studioWithExpression,
} from './deep-nesting-documents';
import { assertBundleIsFresh, fileUri, PULL_CAPABILITIES, ROOT, TestClient, withDeadline } from './lsp-client';

/**
 * Deeply nested input against the BUILT bundles, in child processes: a V8 fatal error (acorn's stack-overflow
 * handler compiling a regular expression at the stack limit) kills the process, so only a child can show it.
 * A crash (a signal, "FATAL", an exit status other than 0 or 1, no answer) fails the test; a hang fails it too,
 * through the children's timeouts.
 */

const CLI_BUNDLE = path.join(ROOT, 'server', 'out', 'cli.js');
const TOO_DEEP = /nested too deeply|Nesting deeper than/;

interface CliRun {
  readonly findings: CliFinding[];
  readonly stderr: string;
}

/** Runs the bundled CLI on `target` with `--format json`; fails on a crash, a hang or unreadable output. */
function runCli(target: string, nodeOptions: readonly string[] = []): CliRun {
  const result = spawnSync(process.execPath, [...nodeOptions, CLI_BUNDLE, '--format', 'json', target], {
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const where = `studio-lint on ${target}`;
  assert.equal(result.error, undefined, `${where} did not finish: ${result.error?.message}`);
  assert.equal(result.signal, null, `${where} was killed by ${result.signal}: ${result.stderr.slice(0, 400)}`);
  assert.ok(result.status === 0 || result.status === 1, `${where} exited ${result.status}: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /FATAL|RangeError|Maximum call stack/, where);
  return { findings: JSON.parse(result.stdout) as CliFinding[], stderr: result.stderr };
}

function tempFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-deep-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function findingsIn(run: CliRun, file: string): CliFinding[] {
  return run.findings.filter((f) => path.basename(f.file) === file);
}

/** Opens each document, pulls its diagnostics and closes it; fails if the server dies or does not answer. */
async function lintOverLsp(client: TestClient, documents: Record<string, [languageId: string, text: string]>) {
  let onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  const died = new Promise<never>((_, reject) => {
    onExit = (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}): ${client.stderr.slice(0, 400)}`));
    client.child.once('exit', onExit);
  });
  died.catch(() => undefined);
  const messages: Record<string, string[]> = {};
  try {
    for (const [name, [languageId, text]] of Object.entries(documents)) {
      const uri = fileUri(name);
      await client.open(uri, languageId, text);
      const report = await withDeadline(Promise.race([client.pull(uri), died]), 20_000, `diagnostics for ${name}`);
      assert.equal(report.kind, 'full');
      messages[name] = report.kind === 'full' ? report.items.map((d) => d.message) : [];
      await client.close(uri);
    }
  } finally {
    if (onExit) client.child.off('exit', onExit);
  }
  assert.ok(client.isAlive(), 'the server process exited');
  return messages;
}

/**
 * The crashes of issue 16, each found killing a fresh process before the fix: 700 nested template substitutions
 * (3.5 KB) abort the CLI, 400 nested `${(` (2.8 KB) abort the language server. Where the stack runs out, and so
 * whether the process dies, depends on the process; each bundle is given both, fresh.
 */
const CRASHES: Record<string, string> = {
  'substitutions.studio': studioWithBody(`var x = ${'`${'.repeat(700)}1${'}`'.repeat(700)};`),
  'substitutions-in-parentheses.studio': studioWithBody(`var x = ${'`${('.repeat(400)}1${')}`'.repeat(400)};`),
};

describe('protocol: deeply nested code never crashes the CLI or the server', function () {
  this.timeout(120_000);
  let client: TestClient | undefined;
  let documentCount = 0;
  const server = async (): Promise<TestClient> => {
    // A crash found by the property (while fast-check shrinks it) must not hide the next cases.
    if (!client?.isAlive()) client = await TestClient.start({ capabilities: PULL_CAPABILITIES });
    return client;
  };

  before(() => assertBundleIsFresh());
  after(async () => client?.dispose());

  it('reports the files that killed both bundles as nested too deeply, where the limit is crossed', async () => {
    const message =
      `${NESTED_TOO_DEEPLY}: more than ${MAX_BRACKET_NESTING} levels of brackets, braces and ` +
      `\${…} in SNIPPET body`;
    // Line 3 is `  var x = ` (10 characters), then the levels; the place is the `${` of the 65th opener (1-based
    // column, past its backtick). `${(` counts two levels (the substitution and the parenthesis): the 65th is the 33rd
    // `${`.
    const columns: Record<string, number> = {
      'substitutions.studio': 10 + MAX_BRACKET_NESTING * 3 + 1 + 1,
      'substitutions-in-parentheses.studio': 10 + (MAX_BRACKET_NESTING / 2) * 4 + 1 + 1,
    };
    for (const [name, text] of Object.entries(CRASHES)) {
      const dir = tempFolder({ [name]: text });
      try {
        const found = runCli(dir).findings.map((f) => [f.code, f.line, f.column, f.message]);
        assert.deepEqual(found, [['syntax-error', 3, columns[name], message]], name);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const fresh = await TestClient.start({ capabilities: PULL_CAPABILITIES });
      try {
        const messages = await lintOverLsp(fresh, { [name]: ['plaintext', text] });
        assert.equal(messages[name]!.filter((m) => TOO_DEEP.test(m)).length, 1, name);
      } finally {
        await fresh.dispose();
      }
    }
  });

  it('survives generated mixes of deep templates, brackets, braces, calls and operators (CLI, both notations)', () => {
    fc.assert(
      fc.property(deepStudio, deepSnippet, (studio, snippet) => {
        const dir = tempFolder({
          'deep.studio': studio,
          'deep.snippet': snippet,
          'deep-export.xml': exportWithSnippets([snippet, 'ASSIGN done = 1']),
        });
        try {
          const run = runCli(dir);
          assert.ok(findingsIn(run, 'deep.studio').length > 0 || !TOO_DEEP.test(studio));
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      {
        numRuns: 12,
        examples: Object.values(CRASHES).map((crash) => [crash, `ASSIGN x = ${'"{'.repeat(700)}a${'}"'.repeat(700)}`]),
      },
    );
  });

  it('survives the same mixes over stdio (didOpen, then a diagnostics pull for each document)', async () => {
    await fc.assert(
      fc.asyncProperty(deepStudio, deepSnippet, async (studio, snippet) => {
        const n = documentCount++;
        await lintOverLsp(await server(), {
          [`deep-${n}.studio`]: ['plaintext', studio],
          [`deep-${n}.snippet`]: ['cxone-snippet', snippet],
          [`deep-${n}.xml`]: ['xml', exportWithSnippets([snippet])],
        });
      }),
      {
        numRuns: 25,
        // The server-killing file first: one overflow that the process survives can hide the next.
        examples: [CRASHES['substitutions-in-parentheses.studio']!, CRASHES['substitutions.studio']!].map((crash) => [
          crash,
          'ASSIGN x = 1',
        ]),
      },
    );
  });

  it('stops every recursive shape before it can use 40% of the stack (CLI with --stack-size=400)', () => {
    // For each family the largest depth the parsers accept is found in this process (the limits do not depend on
    // the stack), then the bundle reads it, and one level more, with 40% of the default stack (984 KB).
    const files: Record<string, string> = {};
    const expectations: { file: string; tooDeep: boolean }[] = [];
    const add = (name: string, make: (n: number) => string, tooDeep: (text: string) => boolean): void => {
      const limit = largestAccepted(make, tooDeep);
      const [slug, extension] = name.split('.') as [string, string];
      files[`${slug}-at-limit.${extension}`] = make(limit);
      expectations.push({ file: `${slug}-at-limit.${extension}`, tooDeep: false });
      if (limit < MAX_PROBE) {
        files[`${slug}-past-limit.${extension}`] = make(limit + 1);
        expectations.push({ file: `${slug}-past-limit.${extension}`, tooDeep: true });
      }
    };
    const slug = (name: string): string => name.replace(/\W+/g, '-');
    const guideTooDeep = (text: string): boolean => parseGuide(text).errors.some((e) => TOO_DEEP.test(e.message));
    const snippetTooDeep = (text: string): boolean => parseSnippet(text).errors.some((e) => TOO_DEEP.test(e.message));
    for (const [name, family] of Object.entries(GUIDE_FAMILIES)) {
      add(`${slug(`guide ${name}`)}.studio`, (n) => studioWithExpression(family(n)), guideTooDeep);
    }
    for (const [name, family] of Object.entries(GUIDE_BODY_FAMILIES)) {
      add(`${slug(`body ${name}`)}.studio`, (n) => studioWithBody(family(n)), guideTooDeep);
    }
    for (const [name, family] of Object.entries(SNIPPET_FAMILIES)) {
      add(`${slug(`snippet ${name}`)}.snippet`, family, snippetTooDeep);
    }
    files['families-export.xml'] = exportWithSnippets(
      Object.values(SNIPPET_FAMILIES).map((family) => family(MAX_NESTING_DEPTH * 2)),
    );

    const dir = tempFolder(files);
    try {
      const run = runCli(dir, ['--stack-size=400']);
      const problems: string[] = [];
      for (const { file, tooDeep } of expectations) {
        const reported = findingsIn(run, file).some((f) => TOO_DEEP.test(f.message));
        if (reported !== tooDeep) problems.push(`${file}: ${tooDeep ? 'not reported' : 'reported'} as too deep`);
      }
      assert.deepEqual(problems, []);
      assert.ok(findingsIn(run, 'families-export.xml').some((f) => TOO_DEEP.test(f.message)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads exports with 100,000 nested XML elements, inside an action and around the root', async () => {
    const deepElements = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    const inside = exportWithSnippets(['ASSIGN x = 1']).replace('<Branches />', `<Branches>${deepElements}</Branches>`);
    const unclosed = exportWithSnippets(['ASSIGN x = 1']).replace('<Cases />', `<Cases>${'<a>'.repeat(100_000)}`);
    const dir = tempFolder({ 'inside.xml': inside, 'unclosed.xml': unclosed });
    try {
      const run = runCli(dir);
      assert.deepEqual(findingsIn(run, 'inside.xml'), []);
      assert.ok(findingsIn(run, 'unclosed.xml').some((f) => f.message.startsWith('Malformed XML')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await lintOverLsp(await server(), { 'inside.xml': ['xml', inside], 'unclosed.xml': ['xml', unclosed] });
  });
});

/** Depths probed: beyond every limit (the guide's 64 levels and 800 weight, the Snippet parser's 256 levels). */
const MAX_PROBE = 5_000;

/** The largest `n` (at most MAX_PROBE) for which `make(n)` is not reported as too deep; limits are monotonic. */
function largestAccepted(make: (n: number) => string, tooDeep: (text: string) => boolean): number {
  if (!tooDeep(make(MAX_PROBE))) return MAX_PROBE;
  let accepted = 1;
  let rejected = MAX_PROBE;
  assert.ok(!tooDeep(make(accepted)), 'one level is never too deep');
  while (rejected - accepted > 1) {
    const middle = (accepted + rejected) >> 1;
    if (tooDeep(make(middle))) rejected = middle;
    else accepted = middle;
  }
  return accepted;
}
