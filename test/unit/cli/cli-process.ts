import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * The bundle under test: server/out/cli.js, or another build named by STUDIO_LINT_BUNDLE (how a regression test is
 * shown to fail on the previous release: `STUDIO_LINT_BUNDLE=/tmp/old/cli.js npx mocha test/unit/cli/…`).
 */
export const CLI_BUNDLE = process.env.STUDIO_LINT_BUNDLE ?? path.join(ROOT, 'server', 'out', 'cli.js');

/** Fails with a clear message when the bundle is missing or older than any server source. */
export function assertCliBundleIsFresh(): void {
  if (!fs.existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: run npm run build`);
  if (process.env.STUDIO_LINT_BUNDLE) return;
  const bundleTime = fs.statSync(CLI_BUNDLE).mtimeMs;
  const stale: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      // A diagnostic's tests sit beside its code, and are no part of the bundle.
      else if (isBundledSource(entry.name) && fs.statSync(full).mtimeMs > bundleTime) stale.push(full);
    }
  };
  visit(path.join(ROOT, 'server', 'src'));
  if (stale.length > 0) throw new Error(`${CLI_BUNDLE} is older than ${stale[0]}: run npm run build`);
}

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the child had to be killed at the deadline: a hang, which is a failure of its own. */
  readonly timedOut: boolean;
}

export interface RunOptions {
  readonly cwd?: string;
  /** The child is killed (SIGKILL) after this long; every run is bounded. */
  readonly timeoutMs?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly bundle?: string;
}

/** Runs the bundled `studio-lint` in a child process, bounded by a deadline. */
export function runBundle(args: readonly string[], options: RunOptions = {}): CliRun {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [options.bundle ?? CLI_BUNDLE, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (result.error && !timedOut) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, timedOut };
}

const created: string[] = [];

/** A fresh empty folder, removed by `removeTempFolders`. */
export function makeTempFolder(prefix = 'studio-lint-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder the tests made (an `after` hook of each suite). */
export function removeTempFolders(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh folder holding the given files (text as UTF-8, or exact bytes). */
export function tempFolder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = makeTempFolder();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The snippet of examples/: a literal client secret, which the preferred fix moves to `{SECURE_CLIENT_SECRET}`. */
export const LITERAL_SECRET_SNIPPET = fs.readFileSync(
  path.join(ROOT, 'examples', 'get-token-with-literal-secret.snippet'),
  'utf8',
);

/**
 * A call whose 401/403 is never checked (`unchecked-auth-status`) with a token of unknown age
 * (`token-reuse-without-expiry`).
 */
export const UNCHECKED_STATUS_SNIPPET = [
  '// SNIPPET "Lookup customer": the token comes from a secure variable, the status is never checked.',
  'ASSIGN crmProxy = GetRESTProxy()',
  'crmProxy.AddHeader("Authorization", "Bearer {SECURE_API_TOKEN}")',
  'ASSIGN customer = crmProxy.MakeRestRequest("https://api.example-crm.com/v2/customers/{ANI}", "", 0, "GET")',
  'ASSIGN customerName = customer.name',
  '',
].join('\n');

function isBundledSource(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.test.ts');
}
