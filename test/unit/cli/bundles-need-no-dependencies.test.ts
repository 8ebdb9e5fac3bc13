import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { assertCliBundleIsFresh, ROOT, runBundle, makeTempFolder, removeTempFolders } from './cli-process';

const BUNDLES = ['server/out/cli.js', 'server/out/server.js', 'client/out/extension.js'];

/** Every module a bundle loads at run time: string literals given to require() or import(). */
function loadedModules(bundle: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
  return [...text.matchAll(/\b(?:require|import)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
}

describe('the bundles are self-contained, so installing the package pulls nothing', () => {
  before(assertCliBundleIsFresh);
  after(removeTempFolders);

  it('declares no runtime dependencies in package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), []);
  });

  it('loads only Node built-ins at run time (and vscode, which the editor provides, in the client)', () => {
    for (const bundle of BUNDLES) {
      const outside = loadedModules(bundle).filter(
        (name) =>
          !name.startsWith('node:') &&
          !builtinModules.includes(name) &&
          !(bundle.startsWith('client') && name === 'vscode'),
      );
      assert.deepEqual([...new Set(outside)], [], `${bundle} loads modules from node_modules`);
    }
  });

  it('runs studio-lint from a folder with no node_modules anywhere above it', () => {
    const dir = makeTempFolder('studio-lint-alone-');
    const bundle = path.join(dir, 'cli.js');
    fs.copyFileSync(path.join(ROOT, 'server', 'out', 'cli.js'), bundle);
    fs.mkdirSync(path.join(dir, '.vscode'));
    fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "studioTokenLens.bufferSeconds": 120, }');
    fs.copyFileSync(path.join(ROOT, 'examples', 'ivr-token-at-begin-used-after-hold.xml'), path.join(dir, 'ivr.xml'));
    const result = runBundle(['ivr.xml'], { bundle, cwd: dir });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /token-reuse-without-expiry/);
  });
});
