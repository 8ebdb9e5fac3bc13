// `npm run package`: packages the extension with @vscode/vsce (from .cache/e2e) into
// .e2e-artifacts/studio-token-lens.vsix. The bundles are esbuild's (`npm run build` first), so
// node_modules is not packaged (--no-dependencies); .vscodeignore is the allow-list of files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureTools } from './install.mjs';
import { ARTIFACTS, BUNDLES, NODE_BIN, REPO, VSCE_BIN } from './lib/paths.mjs';

export const VSIX = join(ARTIFACTS, 'studio-token-lens.vsix');

export async function packageVsix() {
  const missing = BUNDLES.filter((file) => !existsSync(file));
  if (missing.length > 0)
    throw new Error(`missing ${missing.map((f) => f.slice(REPO.length + 1)).join(', ')}: run \`npm run build\` first`);
  await ensureTools();
  mkdirSync(ARTIFACTS, { recursive: true });
  const started = performance.now();
  const result = spawnSync(
    NODE_BIN,
    [
      VSCE_BIN,
      'package',
      '--no-dependencies',
      '--no-update-package-json',
      '--no-rewrite-relative-links',
      '--out',
      VSIX,
    ],
    {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, VSCE_TELEMETRY: 'off' },
    },
  );
  if (result.status !== 0) throw new Error(`vsce package failed (${result.error?.message ?? `exit ${result.status}`})`);
  const kb = statSync(VSIX).size / 1024;
  console.log(
    `[package] ${VSIX.slice(REPO.length + 1)}: ${kb.toFixed(1)} KiB in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return VSIX;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  packageVsix().catch((error) => {
    console.error(`[package] FAILED: ${error.message}`);
    process.exit(1);
  });
}
