// `npm run test:e2e:electron`: the same suite (test/e2e/suite) in desktop VS Code through
// @vscode/test-electron, against the minimum version package.json supports (engines.vscode) and
// 'stable'. It downloads VS Code from Microsoft's update service, so it needs a network; offline
// (CI here) use `npm run test:e2e`, which runs the suite in code-server.
//
//   node test/e2e/electron.mjs [version ...]      default: <engines.vscode minimum> stable
//
// On Linux without a display, run it under `xvfb-run -a`.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSuite } from './lib/compile-suite.mjs';
import { BUNDLES, REPO } from './lib/paths.mjs';

const NETWORK_ERRORS = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo/;

function minimumVersion() {
  const range = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).engines?.vscode ?? '';
  const match = /(\d+\.\d+\.\d+)/.exec(range);
  if (!match) throw new Error(`package.json engines.vscode (${JSON.stringify(range)}) names no version`);
  return match[1];
}

async function main() {
  const missing = BUNDLES.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(
      `test:e2e:electron: missing ${missing.map((f) => f.slice(REPO.length + 1)).join(', ')}: run \`npm run build\` ` +
        `first.`,
    );
    return 2;
  }
  let testElectron;
  try {
    testElectron = await import('@vscode/test-electron');
  } catch {
    console.error(
      'test:e2e:electron: @vscode/test-electron is not installed (it is a devDependency: run `npm install`).',
    );
    return 2;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY) {
    console.warn(
      'test:e2e:electron: no DISPLAY; VS Code needs one on Linux. Run: xvfb-run -a npm run test:e2e:electron',
    );
  }
  const versions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [minimumVersion(), 'stable'];
  const extensionTestsPath = await compileSuite();
  let failures = 0;
  for (const version of versions) {
    const root = mkdtempSync(join(tmpdir(), 'stl-e2e-electron-'));
    const workspace = join(root, 'workspace');
    cpSync(join(REPO, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
    console.log(`[e2e:electron] VS Code ${version}`);
    try {
      await testElectron.runTests({
        version,
        extensionDevelopmentPath: REPO,
        extensionTestsPath,
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--user-data-dir',
          join(root, 'user-data'),
          '--extensions-dir',
          join(root, 'extensions'),
        ],
        extensionTestsEnv: { STL_E2E_DEADLINE_MS: process.env.STL_E2E_DEADLINE_MS ?? '10000' },
      });
      console.log(`[e2e:electron] VS Code ${version}: passed`);
    } catch (error) {
      failures++;
      const text = `${error?.code ?? ''} ${error?.message ?? error}`;
      if (NETWORK_ERRORS.test(text)) {
        console.error(
          `[e2e:electron] VS Code ${version}: could not download VS Code (${text.trim()}).\n` +
            "  @vscode/test-electron fetches VS Code from Microsoft's update service, which needs a network.\n" +
            '  Offline, run the same suite in code-server instead: npm run test:e2e',
        );
        break; // every other version would fail the same way
      }
      console.error(`[e2e:electron] VS Code ${version}: failed (${text.trim()})`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e:electron] ${error?.stack ?? error}`);
    process.exit(1);
  },
);
