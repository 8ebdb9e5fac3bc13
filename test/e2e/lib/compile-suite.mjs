// Compiles test/e2e/suite/*.ts with esbuild into test/e2e/out/suite/: index.js (mocha bundled in)
// and one bundle per *.e2e.ts, `vscode` external. CommonJS for Node 18 (VS Code 1.82) through 24.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './paths.mjs';

export const SUITE_SRC = join(REPO, 'test', 'e2e', 'suite');
export const SUITE_OUT = join(REPO, 'test', 'e2e', 'out', 'suite');
export const SUITE_INDEX = join(SUITE_OUT, 'index.js');

export async function compileSuite() {
  const { build } = await import('esbuild');
  rmSync(SUITE_OUT, { recursive: true, force: true });
  const entryPoints = readdirSync(SUITE_SRC)
    .filter((file) => file === 'index.ts' || file.endsWith('.e2e.ts'))
    .map((file) => join(SUITE_SRC, file));
  await build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return SUITE_INDEX;
}
