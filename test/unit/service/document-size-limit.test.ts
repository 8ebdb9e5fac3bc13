import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../../server/src/common/settings';
import { Analysis } from '../../../server/src/service';
import { buildExport } from '../../helpers/export-builder';

const PATTERN_A = [
  'ASSIGN crm = GetRESTProxy()',
  'crm.AddHeader("Authorization", "Bearer {accessToken}")',
  'ASSIGN customer = crm.MakeRestRequest("https://api.example-crm.com/v2/customers/{ANI}", "", 0, "GET")',
  '',
].join('\n');

/** PATTERN_A padded with comment lines to at least `kib` KiB. */
function padded(kib: number): string {
  const line = `// ${'order history note '.repeat(5)}\n`;
  return PATTERN_A + line.repeat(Math.ceil((kib * 1024) / line.length));
}

describe('document size limit (studioTokenLens.maxDocumentSizeKB)', () => {
  it('reports one information finding for a document over the limit and nothing else', () => {
    const settings = sanitizeSettings({ maxDocumentSizeKB: 8 });
    const analysis = Analysis.of({ name: 'big.snippet', text: padded(12) }, settings)!;
    assert.deepEqual(
      analysis.findings.map((f) => [f.code, f.severity]),
      [['document-too-large', 'information']],
    );
    const [finding] = analysis.findings;
    assert.match(
      finding!.message,
      /^This document is 1[23] KiB, more than studioTokenLens\.maxDocumentSizeKB \(8 KiB\)/,
    );
    assert.deepEqual(analysis.fixesFor(finding!), []);
    assert.deepEqual(analysis.preferredFixes().fixes, []);
    assert.deepEqual(analysis.foldingRegions(), []);
    assert.equal(analysis.simulate().ok, false);
    assert.equal(analysis.text.length, padded(12).length, 'the text is the document, not the empty stand-in');
  });

  it('analyses the same text normally under the limit, and again when the limit is raised', () => {
    const text = padded(12);
    const small = Analysis.of({ name: 'big.snippet', text }, sanitizeSettings({ maxDocumentSizeKB: 8 }))!;
    const raised = small.withSettings(sanitizeSettings({ maxDocumentSizeKB: 64 }));
    assert.ok(raised.findings.some((f) => f.code === 'token-reuse-without-expiry'));
    assert.ok(!raised.findings.some((f) => f.code === 'document-too-large'));
    const direct = Analysis.of({ name: 'big.snippet', text }, DEFAULT_SETTINGS)!;
    assert.deepEqual(
      direct.findings.map((f) => f.code),
      raised.findings.map((f) => f.code),
    );
  });

  it('applies to exports and to the guide notation, and can be turned off like any code', () => {
    const exportText = buildExport([
      { id: 1, type: 'BEGIN', caption: 'Begin', parameters: ['', '', ''], next: 2 },
      { id: 2, type: 'SNIPPET', caption: 'Look up', code: padded(12) },
    ]);
    const settings = sanitizeSettings({ maxDocumentSizeKB: 8 });
    for (const [name, text] of [
      ['big.xml', exportText],
      ['big.studio', `SNIPPET\n${'// note\n'.repeat(2000)}END SNIPPET\n`],
    ] as const) {
      const analysis = Analysis.of({ name, text }, settings);
      assert.ok(analysis, name);
      assert.deepEqual(
        analysis.findings.map((f) => f.code),
        ['document-too-large'],
        name,
      );
    }
    const off = sanitizeSettings({ maxDocumentSizeKB: 8, rules: { 'document-too-large': 'off' } });
    assert.deepEqual(Analysis.of({ name: 'big.xml', text: exportText }, off)!.findings, []);
  });

  it('defaults to 5 MiB: a 6 MB .snippet of junk is not parsed', () => {
    const junk = 'ASSIGN x = a[[[[[[[[[[ "{{{{ \u0000\u0001 '.repeat(200_000);
    assert.ok(junk.length > 5 * 1024 * 1024);
    const analysis = Analysis.of({ name: 'junk.snippet', text: junk }, DEFAULT_SETTINGS)!;
    assert.deepEqual(
      analysis.findings.map((f) => f.code),
      ['document-too-large'],
    );
  });
});
