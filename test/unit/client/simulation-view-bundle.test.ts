import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The simulation view (client/simulation-view) runs in a webview: it bundles Chart.js and nothing of the server or of
 * the extension but the message types and the protocol's types. Built here with the exact `build:simulation-view`
 * command from package.json, so the check never reads a stale bundle.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const VIEW_SRC = path.join(ROOT, 'client', 'simulation-view');
const ESBUILD = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'esbuild.cmd' : 'esbuild');
/** The only files outside its folder the view may import (the second for its types only). */
const SHARED = ['client/src/simulation-messages.ts', 'server/src/common/protocol-ids.ts'];
/** Packages the view bundles: Chart.js and its one dependency. */
const VIEW_PACKAGES = ['chart.js', '@kurkle/color'];
/**
 * The script: 172398 bytes today, of which Chart.js (tree-shaken to scatter, lines, linear scales, legend and
 * tooltip) and @kurkle/color are about 164000. All of Chart.js (`chart.js/auto`) would be 205000.
 */
const MAX_SCRIPT_BYTES = 185_000;
const MAX_STYLE_BYTES = 4_000;

interface Built {
  readonly script: string;
  readonly style: string;
  /** Input path (relative to the root, `/`-separated) → bytes it contributes to the script. */
  readonly inputs: ReadonlyMap<string, number>;
}

function buildView(): Built {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (manifest.scripts['build:simulation-view'] ?? '').trim().split(/\s+/);
  assert.equal(command, 'esbuild', 'build:simulation-view is expected to be one esbuild command');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulation-view-'));
  const outfile = path.join(dir, 'simulation-view.js');
  const metafile = path.join(dir, 'meta.json');
  const options = args.map((arg) => (arg.startsWith('--outfile=') ? `--outfile=${outfile}` : arg));
  assert.ok(options.includes(`--outfile=${outfile}`), 'build:simulation-view has no --outfile');
  const run = spawnSync(ESBUILD, [...options, `--metafile=${metafile}`, '--log-level=error'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const meta = JSON.parse(fs.readFileSync(metafile, 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const output = Object.entries(meta.outputs).find(([file]) => file.endsWith('.js'))?.[1];
  assert.ok(output, 'esbuild wrote no script');
  const built = {
    script: fs.readFileSync(outfile, 'utf8'),
    style: fs.readFileSync(outfile.replace(/\.js$/, '.css'), 'utf8'),
    inputs: new Map(Object.entries(output.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput])),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return built;
}

function packageOf(input: string): string | undefined {
  const marker = input.lastIndexOf('node_modules/');
  if (marker < 0) return undefined;
  const parts = input.slice(marker + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

describe('simulation view (webview)', function () {
  this.timeout(60_000);
  let built: Built;
  before(() => {
    built = buildView();
  });

  it('imports only Chart.js, its own folder, the view messages and (types only) the protocol', () => {
    const violations: string[] = [];
    for (const file of fs.readdirSync(VIEW_SRC).filter((name) => name.endsWith('.ts'))) {
      const full = path.join(VIEW_SRC, file);
      const text = fs.readFileSync(full, 'utf8');
      for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
        if (!fileName.startsWith('.')) {
          if (fileName !== 'chart.js' && fileName !== 'chart.js/helpers')
            violations.push(`${file} imports the package ${fileName}`);
          continue;
        }
        const target = path.relative(ROOT, path.resolve(VIEW_SRC, fileName)).split(path.sep).join('/');
        const inFolder = !path.relative(VIEW_SRC, path.resolve(VIEW_SRC, fileName)).startsWith('..');
        if (!inFolder && !SHARED.includes(`${target}.ts`)) violations.push(`${file} imports ${fileName}`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('bundles its own code, the view messages and Chart.js: no server code, no LSP client, no VS Code API', () => {
    const foreign = [...built.inputs.keys()].filter((input) => {
      const name = packageOf(input);
      if (name !== undefined) return !VIEW_PACKAGES.includes(name);
      return !input.startsWith('client/simulation-view/') && !SHARED.includes(input);
    });
    assert.deepEqual(foreign, []);
    assert.ok(built.inputs.has('client/simulation-view/main.ts'), 'the metafile lists no view source');
    assert.ok(
      [...built.inputs.keys()].some((input) => packageOf(input) === 'chart.js'),
      'Chart.js is not in the bundle',
    );
    // The protocol module is types only: nothing of it may reach the script.
    assert.equal(built.inputs.get('server/src/common/protocol-ids.ts') ?? 0, 0);
  });

  it('keeps the licence notices of what it bundles, and needs no eval (the policy grants none)', () => {
    assert.match(built.script, /Chart\.js v4\.[\s\S]*Released under the MIT License/);
    assert.match(built.script, /@kurkle\/color v0\.[\s\S]*Released under the MIT License/);
    assert.doesNotMatch(built.script, /\beval\(|new Function\(/);
  });

  it(`stays small: the script at most ${MAX_SCRIPT_BYTES} bytes, the stylesheet at most ${MAX_STYLE_BYTES}`, () => {
    assert.ok(Buffer.byteLength(built.script) <= MAX_SCRIPT_BYTES, `the script is ${built.script.length} bytes`);
    assert.ok(Buffer.byteLength(built.style) <= MAX_STYLE_BYTES, `the stylesheet is ${built.style.length} bytes`);
    assert.ok(built.style.includes('var(--vscode-foreground)'), 'the stylesheet is the view.css');
  });
});
