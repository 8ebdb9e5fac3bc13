// Starts and stops code-server (the real VS Code workbench with a Node extension host) the way
// shared/real-vscode.md measured it: isolated HOME/XDG/TMPDIR, 127.0.0.1 on a free port, its own
// process group (a file-watcher child outlives a plain kill), ready when /healthz answers.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CODE_SERVER_ENTRY, NODE_BIN } from './paths.mjs';

/** Folders every process of one run writes to, under `root`; nothing else on the machine is touched. */
export function isolatedDirs(root) {
  const dirs = {
    root,
    home: join(root, 'home'),
    config: join(root, 'xdg-config'),
    data: join(root, 'xdg-data'),
    cache: join(root, 'xdg-cache'),
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    browserProfile: join(root, 'browser-profile'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

export function isolatedEnv(dirs, extra = {}) {
  return {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.tmp,
    TMPDIR: dirs.tmp,
    NODE_COMPILE_CACHE: join(dirs.cache, 'node-compile-cache'),
    VSCODE_CLI_DISABLE_TELEMETRY: '1',
    // A gallery without serviceUrl turns the marketplace off: no update or recommendation lookups.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/** User settings: no telemetry, no update or extension-gallery checks, no welcome page. */
export function writeUserSettings(dirs, settings = {}) {
  const userDir = join(dirs.userData, 'User');
  mkdirSync(userDir, { recursive: true });
  const all = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...settings,
  };
  writeFileSync(join(userDir, 'settings.json'), `${JSON.stringify(all, null, 2)}\n`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Runs code-server once as a CLI (e.g. --install-extension) with the run's folders; rejects with its output. */
export function codeServerCli(dirs, env, args, logFile) {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(
      NODE_BIN,
      [CODE_SERVER_ENTRY, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...args],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', reject);
    child.on('close', (code) =>
      log.end(() =>
        code === 0 ? resolve() : reject(new Error(`code-server ${args.join(' ')} exited ${code}:\n${tail(logFile)}`)),
      ),
    );
  });
}

/**
 * Starts code-server and resolves once /healthz answers, or rejects (and stops it) after `timeoutMs`
 * or when it exits early. `stop()` kills the whole process group and waits for it.
 */
export async function startCodeServer({ dirs, env, logFile, smokeTestDriver = true, timeoutMs = 60_000, port }) {
  const chosenPort = port ?? (await freePort());
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr',
    `127.0.0.1:${chosenPort}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
  ];
  // Without it the workbench ignores the test payload and nothing runs.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(NODE_BIN, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  // Whatever happens to the caller, the group does not outlive it (`exit` handlers run synchronously).
  const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
  process.on('exit', killOnExit);
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (!exited) {
        signalGroup(child.pid, 'SIGTERM');
        const killed = await Promise.race([
          exit.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 5_000)),
        ]);
        if (!killed) signalGroup(child.pid, 'SIGKILL');
        await exit;
      }
      // Children (watchers, the extension host, our language server) share the group.
      signalGroup(child.pid, 'SIGKILL');
    })();
    return stopping;
  };

  const url = `http://127.0.0.1:${chosenPort}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited before it was ready:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port: chosenPort, pid: child.pid, stop, exit };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}
