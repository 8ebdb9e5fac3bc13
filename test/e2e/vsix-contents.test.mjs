// Checks the packaged extension (`npm run package` → .e2e-artifacts/studio-token-lens.vsix, or the
// file in STL_VSIX): only the allow-listed files are inside, everything the manifest points at is,
// and it stays small. Run: node --test test/e2e/vsix-contents.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { ARTIFACTS, REPO } from './lib/paths.mjs';

const VSIX = resolve(process.env.STL_VSIX ?? join(ARTIFACTS, 'studio-token-lens.vsix'));
const MAX_BYTES = 1024 * 1024;

/** What vsce adds around the extension's own files. */
const PACKAGING = ['[Content_Types].xml', 'extension.vsixmanifest'];

/**
 * The extension's files: .vscodeignore's allow-list as vsce writes it (LICENSE → LICENSE.txt, README.md → readme.md).
 */
const ALLOWED = [
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/icon\.png$/,
  /^extension\/client\/out\/extension\.js$/,
  /^extension\/client\/out\/simulation-view\.(?:js|css)$/,
  /^extension\/server\/out\/server\.js$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/snippets\/[\w.-]+\.json$/,
  /^extension\/docs\/rules\/[\w.-]+\.md$/,
  /^extension\/docs\/images\/[\w.-]+\.png$/,
];

const FORBIDDEN = [
  /\.ts$/,
  /\.map$/,
  /(^|\/)node_modules\//,
  /(^|\/)test\//,
  /(^|\/)\.cache\//,
  /(^|\/)\.e2e-artifacts\//,
  /(^|\/)src\//,
  /\.vsix$/,
];

/** A zip's entries from its central directory (names, sizes, and where each one's data starts). */
function zipEntries(buffer) {
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  assert.ok(end >= 0, `${VSIX} is not a zip file (no end of central directory)`);
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    assert.equal(buffer.readUInt32LE(offset), 0x02014b50, 'corrupt central directory');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localHeader = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, size, method, compressedSize, localHeader });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntry(buffer, entry) {
  const start =
    entry.localHeader + 30 + buffer.readUInt16LE(entry.localHeader + 26) + buffer.readUInt16LE(entry.localHeader + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? data : inflateRawSync(data);
}

test('the .vsix exists (npm run package writes it)', () => {
  assert.ok(existsSync(VSIX), `${VSIX} does not exist: run \`npm run build && npm run package\` first`);
});

test('the .vsix is under 1 MiB', { skip: !existsSync(VSIX) }, (t) => {
  const size = statSync(VSIX).size;
  t.diagnostic(`${VSIX.slice(REPO.length + 1)}: ${(size / 1024).toFixed(1)} KiB`);
  assert.ok(size < MAX_BYTES, `${size} bytes`);
});

test('the .vsix holds only the allow-listed files', { skip: !existsSync(VSIX) }, () => {
  const names = zipEntries(readFileSync(VSIX))
    .map((e) => e.name)
    .filter((name) => !name.endsWith('/'));
  const forbidden = names.filter((name) => FORBIDDEN.some((pattern) => pattern.test(name)));
  assert.deepEqual(forbidden, [], 'sources, tests, caches or dependencies slipped in');
  const unexpected = names.filter(
    (name) => !PACKAGING.includes(name) && !ALLOWED.some((pattern) => pattern.test(name)),
  );
  assert.deepEqual(unexpected, [], 'files outside the .vscodeignore allow-list');
});

test('everything the packaged manifest points at is inside', { skip: !existsSync(VSIX) }, () => {
  const buffer = readFileSync(VSIX);
  const entries = zipEntries(buffer);
  const names = new Set(entries.map((e) => e.name));
  const manifestEntry = entries.find((e) => e.name === 'extension/package.json');
  assert.ok(manifestEntry, 'no extension/package.json');
  const manifest = JSON.parse(readEntry(buffer, manifestEntry).toString('utf8'));
  const inside = (path) => `extension/${path.replace(/^\.\//, '')}`;
  const required = [
    manifest.main,
    'server/out/server.js',
    'readme.md',
    'changelog.md',
    'LICENSE.txt',
    ...(manifest.contributes?.languages ?? []).map((l) => l.configuration).filter(Boolean),
    ...(manifest.contributes?.grammars ?? []).map((g) => g.path),
    ...(manifest.contributes?.snippets ?? []).map((s) => s.path),
    ...(manifest.icon ? [manifest.icon] : []),
  ];
  // Every diagnostic's codeDescription links to docs/rules/<code>.md inside the installed extension.
  const codes = manifest.contributes?.configuration?.properties?.['studioTokenLens.rules']?.propertyNames?.enum ?? [];
  assert.ok(codes.length > 0, 'no rule codes in contributes.configuration studioTokenLens.rules');
  required.push('docs/rules/README.md', ...codes.map((code) => `docs/rules/${code}.md`));
  const missing = required.filter((path) => !names.has(inside(path)));
  assert.deepEqual(missing, [], 'files the manifest or the diagnostics point at are missing');
});
