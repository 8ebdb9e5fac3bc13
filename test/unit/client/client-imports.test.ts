import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * The VS Code client is a thin shell around vscode-languageclient: every language feature, the JWT decoder included,
 * lives in the server. Its only window into server code is the shared ids module, which holds constants and types.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLIENT_SRC = path.join(ROOT, 'client', 'src');
const SERVER_SRC = path.join(ROOT, 'server', 'src');
const SHARED_IDS = path.join(SERVER_SRC, 'common', 'protocol-ids.ts');
/** Packages the client may import: the editor API and the LSP client (Node built-ins are external too). */
const CLIENT_PACKAGES = ['vscode', 'vscode-languageclient'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: `import`, `import type`, `export … from`, `import()` and `require()`. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

function withoutExtension(file: string): string {
  return file.replace(/\.(?:[cm]?ts|[cm]?js)$/, '');
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Why `specifier`, imported by `file`, is not allowed in the client; undefined when it is. */
function violation(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) {
    const allowed =
      specifier.startsWith('node:') ||
      CLIENT_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));
    return allowed ? undefined : 'a package the client does not bundle';
  }
  const target = withoutExtension(path.resolve(path.dirname(file), specifier));
  if (isInside(CLIENT_SRC, target)) return undefined;
  if (target === withoutExtension(SHARED_IDS)) return undefined;
  return isInside(SERVER_SRC, target) ? 'server code other than the shared ids' : 'a file outside client/src';
}

/** True when `node` is a literal, or an object or array (possibly `as const`) made only of literals. */
function isConstantData(node: ts.Expression): boolean {
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) {
    return isConstantData(node.expression);
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node)) return true;
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isConstantData);
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(
      (property) => ts.isPropertyAssignment(property) && isConstantData(property.initializer),
    );
  }
  return false;
}

/** Statements of the shared ids module that are not a constant, an interface or a type alias. */
function nonConstantStatements(text: string): string[] {
  const source = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, true);
  return source.statements
    .filter((statement) => {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return false;
      if (!ts.isVariableStatement(statement)) return true;
      const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      return (
        !isConst || !statement.declarationList.declarations.every((d) => d.initializer && isConstantData(d.initializer))
      );
    })
    .map((statement) => statement.getText(source).split('\n')[0] ?? '');
}

describe('client imports', () => {
  const files = sourceFiles(CLIENT_SRC);

  it('scans the client sources, and the scanner sees every kind of import', () => {
    assert.ok(
      files.some((file) => file.endsWith('extension.ts')),
      'client/src/extension.ts not found',
    );
    const probe = path.join(CLIENT_SRC, 'probe.ts');
    const text = [
      "import type { Settings } from '../../server/src/common/settings';",
      "export { findJwts } from '../../server/src/jwt/find';",
      "const report = import('../../server/src/jwt/report');",
      "const jose = require('jose');",
    ].join('\n');
    const found = ts.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName);
    assert.deepEqual(
      found.map((specifier) => violation(probe, specifier)),
      [
        'server code other than the shared ids',
        'server code other than the shared ids',
        'server code other than the shared ids',
        'a package the client does not bundle',
      ],
    );
  });

  it('imports nothing from the server but the shared ids, and no package but vscode and the LSP client', () => {
    const violations = files.flatMap((file) =>
      importsOf(file).flatMap((specifier) => {
        const why = violation(file, specifier);
        return why ? [`${path.relative(ROOT, file)} imports '${specifier}': ${why}`] : [];
      }),
    );
    assert.deepEqual(violations, []);
  });

  it('keeps the shared ids module to constants and types that import nothing', () => {
    assert.deepEqual(importsOf(SHARED_IDS), []);
    assert.deepEqual(nonConstantStatements(fs.readFileSync(SHARED_IDS, 'utf8')), []);
  });

  it('tells logic from constants (so the check above can fail)', () => {
    const text = [
      "export const ID = 'a';",
      "export const IDS = { a: 'a', b: ['b', 2] } as const;",
      'export interface P { readonly text: string }',
      'export type R = { markdown: string } | { error: string };',
      'export let counter = 0;',
      'export const now = Date.now();',
      'export const format = (id: string) => `${ID}.${id}`;',
      'export function tokenIn(text: string): string { return text; }',
    ].join('\n');
    assert.deepEqual(nonConstantStatements(text), [
      'export let counter = 0;',
      'export const now = Date.now();',
      'export const format = (id: string) => `${ID}.${id}`;',
      'export function tokenIn(text: string): string { return text; }',
    ]);
  });
});
