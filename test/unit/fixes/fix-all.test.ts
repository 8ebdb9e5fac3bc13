import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../../server/src/common/settings';
import { documentKindOf } from '../../../server/src/documents/document-kind';
import { parseDocument, syntaxErrorsOf } from '../../../server/src/documents/parsed-document';
import { fixAllText, preferredFixes } from '../../../server/src/service/fix-all';
import { fixesFor, registerFixProvider } from '../../../server/src/diagnostics/fix-registry';
import { RULE_CATALOG } from '../../../server/src/diagnostics/catalog';
import { lintText } from '../../../server/src/service/lint';
import { readExport } from '../../../server/src/syntax/export/read-export';
import { readAnnotated } from '../../helpers/annotated';

const ROOT = join(__dirname, '..', '..', '..');
const TEST_CODE = 'test-fix-all-whole-fixes';

function documentsUnder(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.(?:snippet|studio|xml)$/.test(entry.name)) found.push(full);
    }
  };
  visit(folder);
  return found.sort();
}

const DOCUMENTS = [...documentsUnder(join(ROOT, 'examples')), ...documentsUnder(join(ROOT, 'test', 'fixtures'))];

describe('fix-all', () => {
  it('providers offer nothing (and do not throw) for a finding they cannot place', () => {
    const text = 'ASSIGN x = 1\n';
    const document = lintText('x.snippet', undefined, text, DEFAULT_SETTINGS)!.document;
    for (const code of RULE_CATALOG.map((r) => r.code)) {
      // A provider given a finding it cannot place offers nothing, but does not throw.
      assert.deepEqual(
        fixesFor(document, { code, severity: 'warning', message: '', range: { start: 0, end: 1 } }, DEFAULT_SETTINGS),
        [],
      );
    }
  });

  for (const jitter of [false, true]) {
    const settings = sanitizeSettings({ jitter: { enabled: jitter } });
    it(`converges on every example and fixture, with no new syntax errors and no new warnings${jitter ? ' (jitter on)' : ''}`, () => {
      let fixedSomething = 0;
      for (const file of DOCUMENTS) {
        const name = relative(ROOT, file);
        const text = readAnnotated(readFileSync(file, 'utf8')).text;
        const before = lintText(name, undefined, text, settings);
        if (!before) continue;
        const once = fixAllText(name, undefined, text, settings);
        const twice = fixAllText(name, undefined, once.text, settings);
        assert.equal(twice.text, once.text, `${name}: fix-all does not converge`);
        assert.equal(twice.applied, 0, `${name}: fix-all still applies fixes`);
        if (once.applied > 0) fixedSomething++;
        const kind = documentKindOf(name, undefined, once.text)!;
        const errors = (t: string): number => syntaxErrorsOf(parseDocument(kind, t)!).length;
        assert.ok(errors(once.text) <= errors(text), `${name}: new syntax errors`);
        if (kind === 'export' && before.document.kind === 'export' && before.document.export.errors.length === 0) {
          assert.deepEqual(readExport(once.text)!.errors, [], `${name}: the export is no longer well-formed`);
        }
        const after = lintText(name, undefined, once.text, settings)!;
        // Every fixable warning or error is gone; what is left has no fix (or only a hint's).
        for (const finding of after.findings) {
          if (finding.severity === 'hint' || finding.code === 'syntax-error') continue;
          const preferred = fixesFor(after.document, finding, settings).filter((f) => f.preferred);
          assert.deepEqual(
            preferred.map((f) => f.title),
            [],
            `${name}: ${finding.code} still has a preferred fix after fix-all`,
          );
        }
        const crlf = /\r\n/.test(text) && !/(?<!\r)\n/.test(text);
        if (crlf) assert.ok(!/(?<!\r)\n/.test(once.text), `${name}: CRLF document got LF lines`);
      }
      assert.ok(fixedSomething >= 20, `only ${fixedSomething} documents were fixed`);
    });
  }

  it('takes a fix whole or not at all: a fix that overlaps one already taken waits for the next pass', () => {
    // Fixes of a code no rule produces, described by their findings' messages: [start, end, newText][].
    registerFixProvider(TEST_CODE, (_document, finding) => [
      {
        title: 'test',
        code: TEST_CODE,
        preferred: true,
        edits: (JSON.parse(finding.message) as [number, number, string][]).map(([start, end, newText]) => ({
          range: { start, end },
          newText,
        })),
      },
    ]);
    const document = lintText('t.snippet', undefined, 'ASSIGN x = 1\nASSIGN y = 2\n', DEFAULT_SETTINGS)!.document;
    const finding = (edits: [number, number, string][]) => ({
      code: TEST_CODE,
      severity: 'warning' as const,
      message: JSON.stringify(edits),
      range: { start: 0, end: 1 },
    });
    const first = finding([
      [0, 0, '// a\n'],
      [7, 8, 'a'],
    ]);
    const overlapping = finding([
      [7, 12, 'b = 3'],
      [13, 13, '// never half-applied\n'],
    ]);
    const samePoint = finding([[0, 0, '// b\n']]);
    const independent = finding([[20, 24, '3']]);
    const { fixes, edits } = preferredFixes(document, [first, overlapping, samePoint, independent], DEFAULT_SETTINGS);
    assert.equal(fixes.length, 2);
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['// a\n', 'a', '3'],
    );
  });

  it('takes the same fix offered for several findings once', () => {
    const text = [
      'ASSIGN a = GetRESTProxy()',
      'a.AddHeader("Authorization", "Bearer {accessToken}")',
      'ASSIGN r1 = a.MakeRestRequest("https://api.example.com/1", "", 0, "GET")',
      'ASSIGN b = GetRESTProxy()',
      'b.AddHeader("Authorization", "Bearer {accessToken}")',
      'ASSIGN r2 = b.MakeRestRequest("https://api.example.com/2", "", 0, "GET")',
      '',
    ].join('\n');
    const linted = lintText('two.snippet', undefined, text, DEFAULT_SETTINGS)!;
    const reuse = linted.findings.filter((f) => f.code === 'token-reuse-without-expiry');
    assert.equal(reuse.length, 2);
    const { fixes } = preferredFixes(linted.document, reuse, DEFAULT_SETTINGS);
    assert.equal(fixes.length, 1);
  });
});
