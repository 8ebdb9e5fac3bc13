import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Bundles the JSON language-server anchor (anchors/json-language-server.ts) the way our server is bundled (esbuild,
 * one CommonJS file for node), so both start from one file and neither pays for a TypeScript loader. Returns the path
 * of the bundle, in a fresh temporary folder the caller removes.
 */
export function bundleJsonLanguageServer(): { file: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-json-'));
  const file = path.join(dir, 'json-language-server.js');
  buildSync({
    entryPoints: [path.join(__dirname, 'json-language-server.ts')],
    bundle: true,
    platform: 'node',
    // vscode-json-languageservice's `main` is a UMD build whose requires esbuild cannot follow; its ESM build bundles.
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'node20',
    minify: true,
    outfile: file,
    logLevel: 'warning',
  });
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
