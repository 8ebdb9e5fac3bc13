import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PAYLOAD_NOT_DECRYPTED, SIGNATURE_NOT_VERIFIED } from '../../../server/src/jwt/report';

/**
 * What the extension ships as client/out/extension.js: built here with the exact `build:client` command from
 * package.json (into a temporary folder, with esbuild's metafile), so the check never reads a stale bundle.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const ESBUILD = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'esbuild.cmd' : 'esbuild');
const SHARED_IDS = 'server/src/common/protocol-ids.ts';

/**
 * Bytes of our own code in the bundle (client/src and the shared ids): 3650 before issue 11, 9281 with the "Simulate
 * Long Contact" command, prompts and view panel (the view itself is its own bundle), 20508 with issue 15's file
 * system of SNIPPET actions and the Show Script Flow page (its zoom script and CSP); the JWT decoder alone was 11063.
 */
const MAX_OWN_BYTES = 24 * 1024;
/**
 * The whole bundle: about 380000 bytes with the client code of issues 11 and 15 (363293 before them), of which
 * vscode-languageclient 9 and its dependencies are 358918; jose and the server's JWT code would add about 12000. A new
 * vscode-languageclient may need this raised: say why when you do.
 */
const MAX_BUNDLE_BYTES = 392_000;

/** Strings of jose and of the JWT report that survive minification (error codes, fixed report texts). */
const SERVER_ONLY_STRINGS = [
  'ERR_JOSE_GENERIC',
  'ERR_JWT_INVALID',
  'JOSEError',
  SIGNATURE_NOT_VERIFIED,
  PAYLOAD_NOT_DECRYPTED,
];

interface Metafile {
  readonly outputs: Record<
    string,
    { readonly bytes: number; readonly inputs: Record<string, { bytesInOutput: number }> }
  >;
}

interface Bundle {
  readonly text: string;
  readonly bytes: number;
  /** Input path (relative to the root, `/`-separated) → bytes it contributes. */
  readonly inputs: ReadonlyMap<string, number>;
}

function buildClient(): Bundle {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (manifest.scripts['build:client'] ?? '').trim().split(/\s+/);
  assert.equal(command, 'esbuild', 'build:client is expected to be one esbuild command');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-bundle-'));
  const outfile = path.join(dir, 'extension.js');
  const metafile = path.join(dir, 'meta.json');
  const options = args.map((arg) => (arg.startsWith('--outfile=') ? `--outfile=${outfile}` : arg));
  assert.ok(options.includes(`--outfile=${outfile}`), 'build:client has no --outfile');
  const run = spawnSync(ESBUILD, [...options, `--metafile=${metafile}`, '--log-level=error'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const meta = JSON.parse(fs.readFileSync(metafile, 'utf8')) as Metafile;
  const output = Object.values(meta.outputs).find((entry) => entry.bytes > 0 && Object.keys(entry.inputs).length > 0);
  assert.ok(output, 'esbuild wrote no output');
  const inputs = new Map(Object.entries(output.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput]));
  const text = fs.readFileSync(outfile, 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  return { text, bytes: Buffer.byteLength(text), inputs };
}

/** The package an input belongs to (`node_modules/a/node_modules/@s/b/x.js` → `@s/b`), or undefined for ours. */
function packageOf(input: string): string | undefined {
  const marker = input.lastIndexOf('node_modules/');
  if (marker < 0) return undefined;
  const parts = input.slice(marker + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** `name` and the names of everything it depends on, resolved as Node does (nested node_modules first). */
function dependencyClosure(name: string): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const visit = (dependency: string, from: string): void => {
    const candidates = [path.join(from, 'node_modules', dependency), path.join(ROOT, 'node_modules', dependency)];
    const dir = candidates.find((candidate) => fs.existsSync(path.join(candidate, 'package.json')));
    assert.ok(dir, `${dependency} is not installed`);
    if (visited.has(dir)) return;
    visited.add(dir);
    names.add(dependency);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const next of Object.keys(manifest.dependencies ?? {})) visit(next, dir);
  };
  visit(name, ROOT);
  return names;
}

describe('client bundle', function () {
  this.timeout(60_000);
  let bundle: Bundle;
  before(() => {
    bundle = buildClient();
  });

  it('holds only client code, the shared ids and vscode-languageclient with its dependencies', () => {
    const allowedPackages = dependencyClosure('vscode-languageclient');
    const foreign = [...bundle.inputs.keys()].filter((input) => {
      const name = packageOf(input);
      if (name !== undefined) return !allowedPackages.has(name);
      return !input.startsWith('client/src/') && input !== SHARED_IDS;
    });
    assert.deepEqual(foreign, []);
    assert.ok(bundle.inputs.has('client/src/extension.ts'), 'the metafile lists no client source');
  });

  it('contains neither jose nor the JWT report', () => {
    const found = SERVER_ONLY_STRINGS.filter((marker) => bundle.text.includes(marker));
    assert.deepEqual(found, []);
  });

  it(`stays small: our code at most ${MAX_OWN_BYTES} bytes, the bundle at most ${MAX_BUNDLE_BYTES}`, () => {
    const own = [...bundle.inputs].filter(([input]) => packageOf(input) === undefined);
    const ownBytes = own.reduce((sum, [, bytes]) => sum + bytes, 0);
    assert.ok(ownBytes <= MAX_OWN_BYTES, `our code is ${ownBytes} bytes: ${JSON.stringify(own)}`);
    assert.ok(bundle.bytes <= MAX_BUNDLE_BYTES, `the bundle is ${bundle.bytes} bytes`);
  });
});
