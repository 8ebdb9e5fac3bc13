/**
 * Writes snippets/cxone-snippet.json and snippets/cxone-studio.json from the templates.
 * Run from anywhere: `npx tsx test/tools/write-snippets.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderSnippetFiles } from '../../server/src/templates/vscode-snippets';

const root = resolve(__dirname, '..', '..');
for (const [path, text] of Object.entries(renderSnippetFiles())) {
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
