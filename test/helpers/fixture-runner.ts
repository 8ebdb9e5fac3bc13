import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sanitizeSettings, type Settings } from '../../server/src/common/settings';
import type { Finding } from '../../server/src/diagnostics/finding';
import { lintText } from '../../server/src/service/lint';
import { describeRange, readAnnotated, type ExpectedAnnotation } from './annotated';

export const FIXTURE_EXTENSIONS = ['.snippet', '.studio', '.xml'];

/** Every fixture file under a folder (one level of subfolders), sorted. */
export function fixtureFiles(root: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(root).sort()) {
    const path = join(root, entry);
    if (statSync(path).isDirectory()) {
      for (const inner of readdirSync(path).sort())
        if (FIXTURE_EXTENSIONS.some((e) => inner.endsWith(e))) files.push(join(path, inner));
    } else if (FIXTURE_EXTENSIONS.some((e) => entry.endsWith(e))) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Settings a fixture asks for on its first line: `// settings: {"bufferSeconds": 120}` (Snippet and the
 * guide's notation) or `<!-- settings: {...} -->` (XML, after the declaration is not allowed, so first line).
 */
export function fixtureSettings(text: string): Settings {
  const firstLines = text.split(/\r?\n/, 2).join('\n');
  const match = /(?:\/\/|<!--)\s*settings:\s*(\{.*?\})\s*(?:-->)?\s*$/m.exec(firstLines);
  return sanitizeSettings(match ? JSON.parse(match[1]!) : {});
}

export interface LintedFixture {
  readonly text: string;
  readonly expected: ExpectedAnnotation[];
  readonly findings: readonly Finding[];
}

export function lintFixture(path: string): LintedFixture {
  const source = readFileSync(path, 'utf8');
  const { text, expected } = readAnnotated(source);
  const linted = lintText(path, undefined, text, fixtureSettings(text));
  assert.ok(linted, `${path} is not a document the linter reads`);
  return { text, expected, findings: linted.findings };
}

function line(text: string, code: string, range: { start: number; end: number }): string {
  return `${code} ${describeRange(text, range)}`;
}

/**
 * The findings must be exactly the annotations (code + range), syntax errors included: an unannotated syntax
 * error fails the fixture. An annotation with a message also checks that the finding's message contains it.
 */
export function assertMatchesAnnotations(path: string, fixture: LintedFixture): void {
  const { text, expected, findings } = fixture;
  const actual = findings.map((f) => line(text, f.code, f.range)).sort();
  const wanted = expected.map((e) => line(text, e.code, e.range)).sort();
  assert.deepEqual(
    actual,
    wanted,
    `${path}: findings (actual) differ from annotations (expected)\n` +
      `  actual:\n    ${actual.join('\n    ') || '(none)'}\n  expected:\n    ${wanted.join('\n    ') || '(none)'}`,
  );
  for (const annotation of expected) {
    if (annotation.message === undefined) continue;
    const match = findings.find(
      (f) =>
        f.code === annotation.code && f.range.start === annotation.range.start && f.range.end === annotation.range.end,
    );
    assert.ok(
      match?.message.includes(annotation.message),
      `${path}: ${line(text, annotation.code, annotation.range)}: message ${JSON.stringify(match?.message)} does not ` +
        `contain ${JSON.stringify(annotation.message)}`,
    );
  }
}
