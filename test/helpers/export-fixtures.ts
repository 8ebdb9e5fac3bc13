import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function xmlFilesUnder(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...xmlFilesUnder(full));
    else if (entry.name.endsWith('.xml')) found.push(full);
  }
  return found;
}

/**
 * Every `.xml` file under examples/, test/fixtures/ and the e2e workspace, sorted (a stable order for seeds). Some are
 * no export or are malformed on purpose: callers filter with readExport.
 */
export function exportFixtureFiles(): string[] {
  return [
    ...xmlFilesUnder(join(ROOT, 'examples')),
    ...xmlFilesUnder(join(ROOT, 'test', 'fixtures')),
    ...xmlFilesUnder(join(ROOT, 'test', 'e2e', 'workspace')),
  ].sort();
}
