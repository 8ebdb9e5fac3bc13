// `npm run test:e2e`: runs test/e2e/suite in a real VS Code (code-server 4.139.1 = VS Code 1.139.1)
// driven by headless Debian chromium, offline. Recipe and measurements: shared/real-vscode.md.
//
//   node test/e2e/run.mjs [--dev | --vsix <file>] [--grep <regexp>] [--timeout <seconds>] [--keep]
//
//   --dev            (default) load the extension from this checkout (extensionDevelopmentPath)
//   --vsix <file>    install the packaged extension into an empty extensions folder and test that copy
//   --grep <re>      run only the tests whose full title matches
//   --timeout <s>    deadline for the whole suite (default 300)
//   --keep           keep the run's temporary folder (HOME, user data, logs, workspace copy)
//
// It builds nothing of the product: run `npm run build` first (it checks the bundles exist). It
// installs its tools into .cache/e2e on first use (test/e2e/install.mjs) and compiles the suite.
// Screenshots and logs go to .e2e-artifacts/. Exit status: the suite's (0 = all passed).
import {
  cpSync,
  existsSync,
  readFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { format, parseArgs } from 'node:util';
import { compileSuite } from './lib/compile-suite.mjs';
import { codeServerCli, isolatedDirs, isolatedEnv, startCodeServer, writeUserSettings } from './lib/code-server.mjs';
import { ARTIFACTS, BUNDLES, CHROMIUM, EXTENSION_ID, PLAYWRIGHT_CORE, REPO } from './lib/paths.mjs';
import { ensureTools } from './install.mjs';

const HARNESS = join(REPO, 'test', 'e2e', 'harness');
const WORKSPACE_FIXTURES = join(REPO, 'test', 'e2e', 'workspace');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const LOGS = join(ARTIFACTS, 'logs');
const UI_WAIT_MS = 10_000;
/** Prefix of every line the suite prints (suite/index.ts). */
const SUITE_TAG = '~e2e~ ';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function usage(message) {
  console.error(
    `test:e2e: ${message}\nusage: node test/e2e/run.mjs [--dev | --vsix <file>] [--grep <regexp>] [--timeout ` +
      `<seconds>] [--keep]`,
  );
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        dev: { type: 'boolean' },
        vsix: { type: 'string' },
        grep: { type: 'string' },
        timeout: { type: 'string', default: '300' },
        keep: { type: 'boolean' },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    usage(error.message);
  }
  if (parsed.dev && parsed.vsix) usage('--dev and --vsix exclude each other');
  const timeoutSeconds = Number(parsed.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    usage(`--timeout needs a number of seconds, got ${parsed.timeout}`);
  return {
    vsix: parsed.vsix ? resolve(parsed.vsix) : undefined,
    grep: parsed.grep,
    timeoutMs: timeoutSeconds * 1000,
    keep: parsed.keep === true,
  };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Cleanup steps run once, in reverse order, on exit, failure, SIGINT or SIGTERM. */
const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`[e2e] cleanup: ${error.message}`);
      }
    }
  })();
  return cleaning;
}
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.on(signal, () => {
    console.error(`\n[e2e] ${signal}: stopping code-server and chromium`);
    void cleanup().then(() => process.exit(code));
  });
}

async function main() {
  const opts = options();
  const started = performance.now();
  if (opts.vsix) {
    if (!existsSync(opts.vsix))
      usage(`no such .vsix: ${opts.vsix} (npm run package writes .e2e-artifacts/studio-token-lens.vsix)`);
  } else {
    const missing = BUNDLES.filter((file) => !existsSync(file));
    if (missing.length > 0) {
      console.error(
        `test:e2e: missing ${missing.map((f) => f.slice(REPO.length + 1)).join(', ')}: run \`npm run build\` first.`,
      );
      process.exit(2);
    }
  }

  await ensureTools();
  const suiteIndex = await compileSuite();

  rmSync(SCREENSHOTS, { recursive: true, force: true });
  rmSync(LOGS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const runLog = join(ARTIFACTS, 'e2e-run.log');
  writeFileSync(runLog, '');

  const dirs = isolatedDirs(mkdtempSync(join(tmpdir(), 'stl-e2e-')));
  const removeRunDir = () => {
    if (!opts.keep) rmSync(dirs.root, { recursive: true, force: true });
  };
  cleanups.push(() => {
    if (opts.keep) console.log(`[e2e] kept ${dirs.root}`);
    removeRunDir();
  });
  process.on('exit', removeRunDir); // also when cleanup is cut short
  const workspace = join(dirs.root, 'workspace');
  cpSync(WORKSPACE_FIXTURES, workspace, { recursive: true });
  writeUserSettings(dirs);

  const env = isolatedEnv(dirs, { STL_E2E_ARTIFACTS: SCREENSHOTS, ...(opts.grep ? { STL_E2E_GREP: opts.grep } : {}) });
  let developmentPath = REPO;
  if (opts.vsix) {
    // VS Code runs extension tests only in an extension development host, so a development path is
    // required; an empty harness extension fills it and ours loads as an ordinary installed one.
    await codeServerCli(dirs, env, ['--install-extension', opts.vsix], join(dirs.root, 'install-extension.log'));
    const installed = readdirSync(dirs.extensions).find((name) => name.toLowerCase().startsWith(`${EXTENSION_ID}-`));
    if (!installed)
      throw new Error(
        `code-server --install-extension ${basename(opts.vsix)} left no ${EXTENSION_ID}-* folder in ${dirs.extensions}`,
      );
    env.STL_E2E_EXTENSION_PATH = join(dirs.extensions, installed);
    developmentPath = HARNESS;
    console.log(`[e2e] installed ${basename(opts.vsix)} as ${installed}`);
  }

  const server = await startCodeServer({ dirs, env, logFile: join(dirs.root, 'code-server.log') });
  cleanups.push(() => server.stop());
  const authority = `127.0.0.1:${server.port}`;
  const remote = (path) => `vscode-remote://${authority}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(developmentPath)],
    ['extensionTestsPath', remote(suiteIndex)],
    ['skipWelcome', 'true'],
  ];
  const query = `folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const workbenchUrl = `${server.url}/?${query}`;

  const { chromium } = createRequire(import.meta.url)(PLAYWRIGHT_CORE);
  const context = await chromium.launchPersistentContext(dirs.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    env,
    // Our own SIGINT/SIGTERM handlers stop chromium and code-server in order; playwright's would exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());

  const metrics = {};
  let result;
  const uiFailures = [];
  let screenshotQueue = Promise.resolve();
  const takeScreenshot = async (name, selector) => {
    const file = join(SCREENSHOTS, `${name}.png`);
    try {
      await page.locator(selector).first().waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    } catch {
      uiFailures.push(`${name}: "${selector}" was not visible within ${UI_WAIT_MS / 1000} s`);
    }
    await page.screenshot({ path: `${file}.tmp.png` });
    renameSync(`${file}.tmp.png`, file); // the suite polls for the final name
    console.log(`[e2e] screenshot ${file.slice(REPO.length + 1)}`);
  };
  // A click inside the active webview (its content frame), as a user would; a marker file tells the suite it happened.
  const clickInWebview = async (name, selector) => {
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    try {
      await frame.locator(selector).first().click({ timeout: UI_WAIT_MS });
      writeFileSync(join(SCREENSHOTS, `${name}.clicked`), selector);
    } catch (error) {
      uiFailures.push(`${name}: clicking "${selector}" in the webview failed: ${error.message}`);
      writeFileSync(join(SCREENSHOTS, `${name}.clicked`), `failed: ${error.message}`);
    }
  };
  const onLine = (line) => {
    const click = /^\[webview-click\] (\S+) (.+)$/.exec(line);
    if (click) {
      const [, name, selector] = click;
      screenshotQueue = screenshotQueue.then(() => clickInWebview(name, selector));
      return;
    }
    const screenshot = /^\[screenshot\] (\S+) (.+)$/.exec(line);
    if (screenshot) {
      const [, name, selector] = screenshot;
      screenshotQueue = screenshotQueue
        .then(() => takeScreenshot(name, selector))
        .catch((error) => uiFailures.push(`${name}: ${error.message}`));
      return;
    }
    const metric = /^\[metric\] (\S+) (\d+)$/.exec(line);
    if (metric) metrics[metric[1]] = Number(metric[2]);
    const summary = /^\[result\] passed (\d+) failed (\d+) pending (\d+)$/.exec(line);
    if (summary) result = { passed: Number(summary[1]), failed: Number(summary[2]), pending: Number(summary[3]) };
  };

  let suiteStartedLogging = false;
  let resolveExit;
  const suiteExit = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    appendFileSync(runLog, `${type}: ${text}\n`);
    // The workbench forwards its own log too: echo what the suite printed (tagged by suite/index.ts).
    for (const line of text.split('\n')) {
      if (!line.startsWith(SUITE_TAG)) continue;
      suiteStartedLogging = true;
      const own = line.slice(SUITE_TAG.length);
      onLine(own);
      if (!/^\[(screenshot|webview-click|result|metric)\]/.test(own)) console.log(own);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  page.on('crash', () => resolveExit('the page crashed'));

  const suiteStarted = performance.now();
  console.log(
    `[e2e] VS Code ` +
      `${opts.vsix ? `with ${basename(opts.vsix)} installed` : 'with this checkout as the development extension'} at ` +
      `${server.url}`,
  );
  await page.goto(workbenchUrl);
  const timeout = new Promise((r) =>
    setTimeout(() => r(`no result within ${seconds(opts.timeoutMs)}`), opts.timeoutMs).unref(),
  );
  const serverGone = server.exit.then(({ code, signal }) => `code-server exited (${signal ?? code})`);
  const outcome = await Promise.race([suiteExit, timeout, serverGone]);
  await screenshotQueue;
  const suiteMs = performance.now() - suiteStarted;

  const failed = outcome !== 0 || uiFailures.length > 0;
  if (failed) {
    await page.screenshot({ path: join(SCREENSHOTS, 'at-failure.png') }).catch(() => {});
    saveLogs(dirs);
  }
  for (const failure of uiFailures) console.error(`[e2e] UI check failed: ${failure}`);
  if (typeof outcome !== 'number') console.error(`[e2e] ${outcome}; logs in ${LOGS.slice(REPO.length + 1)}/`);
  if (failed && !suiteStartedLogging) {
    console.error(
      `[e2e] the suite printed nothing; the workbench's log ends ` +
        `with:\n${readFileSync(runLog, 'utf8').split('\n').slice(-40).join('\n')}`,
    );
  }
  for (const [name, value] of Object.entries(metrics)) console.log(`[e2e] ${name}: ${value}`);
  console.log(
    `[e2e] suite ${seconds(suiteMs)}, total ${seconds(performance.now() - started)}; screenshots in ` +
      `${SCREENSHOTS.slice(REPO.length + 1)}/`,
  );
  if (result)
    console.log(
      `e2e: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} skipped` : ''}`,
    );
  return failed ? 1 : 0;
}

/** Copies code-server's and VS Code's logs (extension host, language server output) next to the screenshots. */
function saveLogs(dirs) {
  mkdirSync(LOGS, { recursive: true });
  for (const [from, to] of [
    [join(dirs.root, 'code-server.log'), 'code-server.log'],
    [join(dirs.root, 'install-extension.log'), 'install-extension.log'],
    [join(dirs.userData, 'logs'), 'vscode'],
  ]) {
    if (existsSync(from)) cpSync(from, join(LOGS, to), { recursive: true });
  }
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(`[e2e] FAILED: ${error?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
