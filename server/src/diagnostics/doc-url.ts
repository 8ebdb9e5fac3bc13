import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Each rule's documentation page ships with the product under docs/rules/<code>.md. Bundles live
 * two folders below the package root (server/out/*.js); sources three (server/src/rules/*.ts).
 * A file URI works offline in every editor and in SARIF viewers.
 */
function packageRoot(): string {
  const here = __dirname;
  return path.basename(path.dirname(here)) === 'server'
    ? path.resolve(here, '..', '..')
    : path.resolve(here, '..', '..', '..');
}

let root: string | undefined;

export function ruleDocUrl(code: string): string {
  root ??= packageRoot();
  return pathToFileURL(path.join(root, 'docs', 'rules', `${code}.md`)).href;
}
