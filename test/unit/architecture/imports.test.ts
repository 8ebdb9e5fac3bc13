import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The invariants of ARCHITECTURE.md that imports can show: who may depend on whom. Each check lists every offending
 * import, so a failure says what to move.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'server', 'src');

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder)) {
    const full = join(folder, entry);
    if (statSync(full).isDirectory()) found.push(...sourceFiles(full));
    else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

interface Import {
  readonly file: string;
  readonly specifier: string;
  /** Path relative to server/src of a relative import, else undefined (a package). */
  readonly target?: string;
}

// Long line: one regular expression (static, re-export, require and dynamic import), clearer whole.
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3]!;
    if (specifier.startsWith('.')) {
      found.push({ file, specifier, target: relative(SRC, resolve(dirname(file), specifier)) });
    } else {
      found.push({ file, specifier });
    }
  }
  return found;
}

function under(folder: string): Import[] {
  return sourceFiles(join(SRC, folder)).flatMap(importsOf);
}

function describeImport(i: Import): string {
  return `${relative(ROOT, i.file)} imports '${i.specifier}'`;
}

const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('architecture: who imports whom', () => {
  it('finds imports (the scanner itself)', () => {
    const imports = importsOf(join(SRC, 'service', 'analysis.ts'));
    assert.ok(imports.some((i) => i.target === join('analysis', 'build-flow-model')));
    assert.ok(under('lsp').some((i) => i.specifier === 'vscode-languageserver'));
  });

  it('the front ends (lsp/, cli/) reach the core only through service/ and common/', () => {
    const allowed = (i: Import): boolean => {
      if (i.target === undefined) return true; // packages and node: built-ins
      const [top] = i.target.split(/[\\/]/);
      return top === 'service' || top === 'common' || top === 'lsp' || top === 'cli';
    };
    const bad = [...under('lsp'), ...under('cli'), ...importsOf(join(SRC, 'server.ts'))].filter((i) => !allowed(i));
    assert.deepEqual(bad.map(describeImport), []);
  });

  it('rules and the flow model never see a syntax tree', () => {
    const rules = readdirSync(join(SRC, 'diagnostics'))
      .map((entry) => join(SRC, 'diagnostics', entry, 'rule.ts'))
      .filter((file) => {
        try {
          return statSync(file).isFile();
        } catch {
          return false;
        }
      });
    assert.ok(rules.length >= 10, 'every rule lives in diagnostics/<code>/rule.ts');
    const files = [
      ...rules,
      ...['rule.ts', 'run-rules.ts', 'finding.ts', 'messages.ts', 'codes.ts'].map((f) => join(SRC, 'diagnostics', f)),
      ...sourceFiles(join(SRC, 'analysis', 'model')),
    ];
    const forbidden = /^(?:syntax|editing|templates|service)[\\/]|^documents[\\/]parsed-document$/;
    const bad = files.flatMap(importsOf).filter((i) => i.target !== undefined && forbidden.test(i.target));
    assert.deepEqual(bad.map(describeImport), []);
    const packages = files.flatMap(importsOf).filter((i) => i.target === undefined);
    assert.deepEqual(packages.map(describeImport), [], 'no parser package (acorn, saxes) either');
  });

  it('nothing outside lsp/ and server.ts knows LSP or VS Code', () => {
    const core = sourceFiles(SRC).filter(
      (file) => !relative(SRC, file).startsWith('lsp') && !file.endsWith('server.ts'),
    );
    const bad = core.flatMap(importsOf).filter((i) => /^vscode(?:-|$)/.test(i.specifier));
    assert.deepEqual(bad.map(describeImport), []);
  });

  it('jwt/ is a plain library: jose, node built-ins and common/ only', () => {
    const bad = under('jwt').filter((i) =>
      i.target === undefined
        ? i.specifier !== 'jose' && !NODE.has(i.specifier)
        : !/^(?:common|jwt)[\\/]/.test(i.target),
    );
    assert.deepEqual(bad.map(describeImport), []);
  });

  it('the syntax layer depends on nothing above it', () => {
    const bad = under('syntax').filter(
      (i) => i.target !== undefined && !i.target.startsWith('syntax') && !i.target.startsWith('common'),
    );
    assert.deepEqual(bad.map(describeImport), []);
  });

  it('export editing and the flow diagram are core: no front end, service or rule reaches into them', () => {
    const forbidden = /^(?:service|lsp|cli|diagnostics)[\\/]/;
    const bad = [...under('export-editing'), ...under('flow-diagram')].filter(
      (i) => i.target !== undefined && forbidden.test(i.target),
    );
    assert.deepEqual(bad.map(describeImport), []);
  });

  it('the analysis depends only on syntax, documents and common/ (never on rules, fixes or front ends)', () => {
    const forbidden = /^(?:diagnostics|editing|templates|service|lsp|cli)[\\/]/;
    const bad = under('analysis').filter((i) => i.target !== undefined && forbidden.test(i.target));
    assert.deepEqual(bad.map(describeImport), []);
  });

  it('runtime/ is a plain library: parsers, documents, vocabulary and common/ (no rules, fixes, front ends)', () => {
    const allowed = /^(?:runtime|syntax|documents|common)[\\/]|^analysis[\\/]vocabulary(?:[\\/]|$)/;
    const packages = new Set(['jose', 'zod']);
    // A package's own subpath (`zod/mini`) is that package.
    const packageOf = (specifier: string) => specifier.split('/')[0]!;
    const bad = under('runtime').filter((i) =>
      i.target === undefined
        ? !packages.has(packageOf(i.specifier)) && !NODE.has(i.specifier)
        : !allowed.test(i.target),
    );
    assert.deepEqual(bad.map(describeImport), []);
  });

  it('authoring/ reads syntax trees and documents; it never reaches rules, the model or the front ends', () => {
    const forbidden =
      /^(?:diagnostics|service|lsp|cli|runtime|templates)[\\/]|^analysis[\\/](?:model|snippet|guide|export)[\\/]/;
    const bad = under('authoring').filter((i) => i.target !== undefined && forbidden.test(i.target));
    assert.deepEqual(bad.map(describeImport), []);
  });
});
