// `npm run try`: VS Code in the browser with this checkout's extension loaded and examples/ open,
// served by code-server on 127.0.0.1 until Ctrl+C. Uses the same tools as the e2e suite
// (.cache/e2e, installed on first use); run `npm run build` first.
//
//   node test/e2e/try.mjs [--port <n>] [--folder <dir>]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTools } from './install.mjs';
import { isolatedDirs, isolatedEnv, startCodeServer, writeUserSettings } from './lib/code-server.mjs';
import { BUNDLES, REPO } from './lib/paths.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string' }, folder: { type: 'string', default: join(REPO, 'examples') } },
});
const folder = resolve(values.folder);
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`try: --port needs a port number, got ${values.port}`);
  process.exit(2);
}
const missing = BUNDLES.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(
    `try: missing ${missing.map((f) => f.slice(REPO.length + 1)).join(', ')}: run \`npm run build\` first.`,
  );
  process.exit(2);
}

await ensureTools();
const dirs = isolatedDirs(mkdtempSync(join(tmpdir(), 'stl-try-')));
writeUserSettings(dirs);
let server;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await server?.stop();
  rmSync(dirs.root, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  // The workbench loads a development extension from the URL's payload only with the smoke-test driver on.
  server = await startCodeServer({ dirs, env: isolatedEnv(dirs), logFile: join(dirs.root, 'code-server.log'), port });
} catch (error) {
  console.error(`try: ${error.message}`);
  await stop(1);
}
const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${REPO}`]];
const query = `folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const url = `${server.url}/?${query}`;
console.log(
  `\nStudio Token Lens in VS Code (code-server), with ` +
    `${folder.startsWith(REPO) ? folder.slice(REPO.length + 1) : folder} open:\n\n  ${url}\n`,
);
console.log('Open the URL in a browser on this machine (or forward the port). Ctrl+C stops it.');
const { code, signal } = await server.exit;
if (!stopping) {
  console.error(`try: code-server exited (${signal ?? code}); its log: ${join(dirs.root, 'code-server.log')}`);
  stopping = true;
  process.exit(1);
}
