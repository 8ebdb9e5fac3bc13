import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * An independent LSP client: headless Neovim (Debian's 0.7) runs the bundled server over stdio with
 * the README's configuration (test/e2e/nvim/studio-lsp.lua, loaded as a user would), and must see
 * the same diagnostics as `studio-lint --format json` and the JWT hover. Skipped only when `nvim`
 * is not installed (.ci/run installs it).
 */
const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'server/out/server.js');
const CLI = path.join(ROOT, 'server/out/cli.js');
const USER_CONFIG = path.join(ROOT, 'test/e2e/nvim/studio-lsp.lua');
const DRIVER = path.join(ROOT, 'test/e2e/nvim/check-file.lua');
const JWT_FILE = path.join(ROOT, 'test/e2e/workspace/pasted-test-token.snippet');
const EXPORT_FILE = path.join(ROOT, 'test/e2e/workspace/order-status-export.xml');
const LOOKUP_FILE = path.join(ROOT, 'test/e2e/workspace/lookup-customer-pattern-a.snippet');

interface SeenDiagnostic {
  line: number;
  character: number;
  end_line: number;
  end_character: number;
  severity: number;
  code: string;
  message: string;
  source: string;
}

interface SeenLocation {
  uri: string;
  line: number;
  character: number;
  end_line: number;
  end_character: number;
}

interface Seen {
  filetype: string;
  attached: boolean;
  published: boolean;
  shown: number;
  diagnostics: SeenDiagnostic[];
  hover?: string;
  definition?: SeenLocation[];
  completion?: string[];
  errors: string[];
}

interface At {
  line: number;
  character: number;
}

interface CliFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  message: string;
}

function findNvim(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

const NVIM = findNvim();

/** Opens `file` in headless Neovim with the user config and returns what the driver recorded. */
function openInNeovim(
  file: string,
  options: { hover?: At; definition?: At; completion?: At; waitForPublish?: boolean } = {},
): Seen {
  const home = mkdtempSync(path.join(tmpdir(), 'stl-nvim-'));
  try {
    const out = path.join(home, 'seen.json');
    const lspCommand = `{ ${[process.execPath, SERVER, '--stdio'].map((part) => JSON.stringify(part)).join(', ')} }`;
    const result = spawnSync(
      NVIM ?? 'nvim',
      [
        '--headless',
        '-u',
        'NONE', // no user config: only the README's file below
        '-i',
        'NONE',
        '-n',
        '--cmd',
        'filetype on',
        '--cmd',
        `lua vim.g.studio_lsp_cmd = ${lspCommand}`,
        '--cmd',
        `luafile ${USER_CONFIG}`,
        '-c',
        `luafile ${DRIVER}`,
        file,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        env: {
          ...process.env,
          HOME: home,
          XDG_CONFIG_HOME: path.join(home, 'config'),
          XDG_DATA_HOME: path.join(home, 'data'),
          XDG_STATE_HOME: path.join(home, 'state'),
          XDG_CACHE_HOME: path.join(home, 'cache'),
          XDG_RUNTIME_DIR: home,
          NVIM_LOG_FILE: path.join(home, 'nvim.log'),
          STL_NVIM_OUT: out,
          STL_NVIM_WAIT_FOR_PUBLISH: options.waitForPublish === false ? '0' : '1',
          ...positionEnv('HOVER', options.hover),
          ...positionEnv('DEFINITION', options.definition),
          ...positionEnv('COMPLETION', options.completion),
        },
      },
    );
    assert.ok(
      existsSync(out),
      `nvim wrote no result (status ${result.status}, signal ${result.signal}): ` +
        `${result.stderr || result.stdout || result.error?.message}`,
    );
    return JSON.parse(readFileSync(out, 'utf8')) as Seen;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The driver's environment variables for a request at a position. */
function positionEnv(request: string, at: At | undefined): Record<string, string> {
  if (!at) return {};
  return { [`STL_NVIM_${request}_LINE`]: String(at.line), [`STL_NVIM_${request}_CHARACTER`]: String(at.character) };
}

/** The 0-based line and UTF-16 character of the first `marker` in a file, plus `delta` characters. */
function positionIn(file: string, marker: string, delta = 0): At {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(marker));
  assert.ok(line >= 0, `${marker} not in ${file}`);
  return { line, character: lines[line]!.indexOf(marker) + delta };
}

/** What the CLI reports for the same file, as 0-based LSP ranges. */
function cliDiagnostics(file: string): string[] {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [CLI, '--format', 'json', file], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    // Exit status 1 means "found something"; 2 with "nothing was linted" a file that is not ours (XML of another
    // kind): stdout still holds the JSON.
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    const notOurs = failed.status === 2 && /nothing was linted/.test(failed.stderr ?? '');
    if ((failed.status !== 1 && !notOurs) || failed.stdout === undefined) throw error;
    stdout = failed.stdout;
  }
  const findings = JSON.parse(stdout) as CliFinding[];
  return findings.map((f) => `${f.code} ${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1}`).sort();
}

function summary(seen: Seen): string[] {
  return seen.diagnostics.map((d) => `${d.code} ${d.line}:${d.character}-${d.end_line}:${d.end_character}`).sort();
}

/** Codes some XML fixtures must produce (besides matching studio-lint exactly). */
const XML_MUST_INCLUDE: Record<string, string[]> = {
  'malformed-export.xml': ['syntax-error'],
  'token-at-begin-used-after-menu.xml': ['token-reuse-without-expiry'],
};

/**
 * Files whose diagnostics Neovim must show, with the filetype the config gives them and codes that must be among them.
 */
const CASES: { file: string; filetype: string; mustInclude: string[] }[] = [
  ...readdirSync(path.join(ROOT, 'test/fixtures/export'))
    .filter((name) => name.endsWith('.xml'))
    .map((name) => ({
      file: `test/fixtures/export/${name}`,
      filetype: 'xml',
      mustInclude: XML_MUST_INCLUDE[name] ?? [],
    })),
  {
    file: 'test/fixtures/guide/pattern-a-token-once.studio',
    filetype: 'cxone-studio',
    mustInclude: ['token-reuse-without-expiry'],
  },
  {
    file: 'test/e2e/workspace/get-token-with-literal-secret.snippet',
    filetype: 'cxone-snippet',
    mustInclude: ['hardcoded-secret'],
  },
];

describe('Neovim 0.7 (headless) as the LSP client, with test/e2e/nvim/studio-lsp.lua', function () {
  this.timeout(60_000);

  before(function () {
    if (!NVIM) {
      console.log('    (skipped: `nvim` is not installed; apt-get install neovim — .ci/run installs it)');
      this.skip();
    }
    assert.ok(
      existsSync(SERVER) && existsSync(CLI),
      'server/out/server.js or cli.js is missing: run `npm run build` first',
    );
  });

  for (const { file, filetype, mustInclude } of CASES) {
    const expectation = mustInclude.length > 0 ? `including ${mustInclude.join(', ')}` : 'the same as studio-lint';
    it(`${file}: Neovim shows the diagnostics studio-lint reports (${expectation})`, () => {
      const expected = cliDiagnostics(path.join(ROOT, file));
      // A plain XML file is not ours: the server publishes nothing, so there is nothing to wait for.
      const isExport =
        !file.endsWith('.xml') || readFileSync(path.join(ROOT, file), 'utf8').includes('<ScriptContainer');
      const seen = openInNeovim(path.join(ROOT, file), { waitForPublish: isExport });
      assert.deepEqual(seen.errors, []);
      assert.equal(seen.filetype, filetype);
      assert.ok(seen.attached, 'the client did not attach to the buffer');
      if (isExport) assert.ok(seen.published, 'the server published no diagnostics for the buffer');
      assert.deepEqual(summary(seen), expected);
      assert.equal(seen.shown, seen.diagnostics.length, 'Neovim does not display every published diagnostic');
      for (const code of mustInclude)
        assert.ok(
          summary(seen).some((d) => d.startsWith(`${code} `)),
          `no ${code}`,
        );
      for (const d of seen.diagnostics) assert.equal(d.source, 'studio-token-lens');
    });
  }

  it('hover over a JWT literal shows the decoded token and "Signature not verified"', () => {
    const line = readFileSync(JWT_FILE, 'utf8').split('\n')[1] ?? '';
    const seen = openInNeovim(JWT_FILE, { hover: { line: 1, character: line.indexOf('eyJ') + 10 } });
    assert.deepEqual(seen.errors, []);
    assert.equal(seen.filetype, 'cxone-snippet');
    assert.ok(seen.hover, 'no hover');
    assert.match(seen.hover, /Signature not verified/);
    assert.match(seen.hover, /studio-ivr/);
  });

  it('goes from a variable in one SNIPPET action of an export to its assignment in another', () => {
    const seen = openInNeovim(EXPORT_FILE, { definition: positionIn(EXPORT_FILE, '{accessToken}', 3) });
    assert.deepEqual(seen.errors, []);
    assert.equal(seen.filetype, 'xml');
    const assignment = positionIn(EXPORT_FILE, 'ASSIGN accessToken', 'ASSIGN '.length);
    assert.deepEqual(seen.definition, [
      {
        uri: `file://${EXPORT_FILE}`,
        line: assignment.line,
        character: assignment.character,
        end_line: assignment.line,
        end_character: assignment.character + 'accessToken'.length,
      },
    ]);
  });

  it('completes the REST proxy members and the variables of a .snippet file', () => {
    const members = openInNeovim(LOOKUP_FILE, { completion: positionIn(LOOKUP_FILE, 'crmProxy.', 'crmProxy.'.length) });
    assert.deepEqual(members.errors, []);
    assert.ok(members.completion?.includes('MakeRestRequest'), `completion: ${members.completion?.join(', ')}`);
    assert.ok(members.completion?.includes('StatusCode'));
    const names = openInNeovim(LOOKUP_FILE, { completion: positionIn(LOOKUP_FILE, 'ASSIGN crmBase') });
    assert.ok(names.completion?.includes('GetRESTProxy'));
    assert.ok(names.completion?.includes('ASSIGN'));
  });
});
