import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { readExport } from '../../server/src/syntax/export/read-export';
import { readAnnotated } from '../helpers/annotated';
import { EXPORT_ERROR_OFFSET, EXPORT_WITH_ENTITIES, SNIPPET_CLEAN, SNIPPET_WITH_ERROR } from './documents';
import {
  assertBundleIsFresh,
  fileUri,
  fixture,
  PULL_CAPABILITIES,
  PUSH_CAPABILITIES,
  ROOT,
  SYNTAX_ONLY_RULES,
  TestClient,
} from './lsp-client';
import { positionOf, rangeOf, textAt } from './positions';

function full(report: DocumentDiagnosticReport): FullDocumentDiagnosticReport {
  assert.equal(report.kind, 'full', `expected a full report, got ${JSON.stringify(report)}`);
  return report as FullDocumentDiagnosticReport;
}

/** Syntax diagnostics reduced to what annotations state: range, code, message. */
function syntaxErrors(items: readonly Diagnostic[]): { range: Diagnostic['range']; code: unknown; message: string }[] {
  return items.filter((d) => d.code === 'syntax-error').map(({ range, code, message }) => ({ range, code, message }));
}

function expectedSyntaxErrors(source: string): { text: string; expected: ReturnType<typeof syntaxErrors> } {
  const { text, expected } = readAnnotated(source);
  const errors = expected
    .filter((e) => e.code === 'syntax-error')
    .map((e) => ({ range: rangeOf(text, e.range), code: e.code, message: e.message ?? '' }));
  return { text, expected: errors };
}

/** Ranges and codes must be equal; a message must start with the annotated one, where there is one. */
function assertSameErrors(
  actual: ReturnType<typeof syntaxErrors>,
  expected: ReturnType<typeof syntaxErrors>,
  what: string,
): void {
  assert.deepEqual(
    actual.map(({ range, code }) => ({ range, code })),
    expected.map(({ range, code }) => ({ range, code })),
    what,
  );
  expected.forEach((e, i) => {
    if (e.message)
      assert.ok(
        actual[i]!.message.startsWith(e.message),
        `${what}: "${actual[i]!.message}" should start with "${e.message}"`,
      );
  });
}

/** Annotated .studio and .snippet fixtures: the server must report exactly their syntax errors. */
function annotatedFixtures(): { name: string; languageId: string; source: string }[] {
  const found: { name: string; languageId: string; source: string }[] = [];
  for (const [folder, extension, languageId] of [
    ['snippet', '.snippet', 'cxone-snippet'],
    ['guide', '.studio', 'cxone-studio'],
    ['studio', '.studio', 'cxone-studio'],
  ] as const) {
    const dir = path.join(ROOT, 'test', 'fixtures', folder);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith(extension))
      .sort()) {
      found.push({ name: `${folder}/${name}`, languageId, source: fixture(`${folder}/${name}`) });
    }
  }
  return found;
}

describe('protocol: diagnostics', () => {
  before(assertBundleIsFresh);

  describe('pull mode (textDocument/diagnostic)', () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ capabilities: PULL_CAPABILITIES, settings: { rules: SYNTAX_ONLY_RULES } });
    });
    after(async () => client?.dispose());

    it('reports a .snippet syntax error at its exact range, with code, source and docs link', async () => {
      const { text, expected } = expectedSyntaxErrors(SNIPPET_WITH_ERROR);
      const uri = fileUri('lookup-account.snippet');
      await client.open(uri, 'cxone-snippet', text);
      const report = full(await client.pull(uri));
      assertSameErrors(syntaxErrors(report.items), expected, 'snippet');
      const [diagnostic] = report.items;
      assert.equal(diagnostic?.severity, DiagnosticSeverity.Error);
      assert.equal(diagnostic?.source, 'studio-token-lens');
      assert.match(diagnostic?.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\/syntax-error\.md$/);
      assert.deepEqual(diagnostic?.data, { version: 1 });
      await client.close(uri);
    });

    it('reports exactly the syntax errors annotated in every .studio/.snippet fixture', async () => {
      const fixtures = annotatedFixtures();
      assert.ok(fixtures.length > 0, 'no fixtures found');
      for (const { name, languageId, source } of fixtures) {
        const { text, expected } = expectedSyntaxErrors(source);
        const uri = fileUri(name.replace('/', '-'));
        await client.open(uri, languageId, text);
        assertSameErrors(syntaxErrors(full(await client.pull(uri)).items), expected, name);
        await client.close(uri);
      }
    });

    it('decides the kind from the file name when the language id is plain text', async () => {
      const { text, expected } = expectedSyntaxErrors(SNIPPET_WITH_ERROR);
      const uri = fileUri('renamed.snippet');
      await client.open(uri, 'plaintext', text);
      assert.deepEqual(
        syntaxErrors(full(await client.pull(uri)).items).map((d) => d.range),
        expected.map((e) => e.range),
      );
      await client.close(uri);
    });

    it('maps an error inside an XML export to the file position, past entities', async () => {
      const uri = fileUri('get-token.xml');
      await client.open(uri, 'xml', EXPORT_WITH_ENTITIES);
      const [diagnostic, ...rest] = full(await client.pull(uri)).items;
      assert.deepEqual(rest, []);
      const expected = {
        start: positionOf(EXPORT_WITH_ENTITIES, EXPORT_ERROR_OFFSET),
        end: positionOf(EXPORT_WITH_ENTITIES, EXPORT_ERROR_OFFSET + 1),
      };
      assert.deepEqual(expected, { start: { line: 12, character: 54 }, end: { line: 12, character: 55 } });
      assert.deepEqual(diagnostic?.range, expected);
      assert.equal(textAt(EXPORT_WITH_ENTITIES, diagnostic.range), '"');
      assert.match(diagnostic.message, /^Unterminated string/);
      await client.close(uri);
    });

    it('keeps XML positions exact with CRLF line endings', async () => {
      const text = EXPORT_WITH_ENTITIES.replace(/\n/g, '\r\n');
      const uri = fileUri('get-token-crlf.xml');
      await client.open(uri, 'xml', text);
      const [diagnostic] = full(await client.pull(uri)).items;
      assert.deepEqual(diagnostic?.range.start, { line: 12, character: 54 });
      assert.equal(textAt(text, diagnostic!.range), '"');
      await client.close(uri);
    });

    it('reports malformed export XML at the offending tag', async () => {
      const text = fixture('export/malformed-export.xml');
      const uri = fileUri('malformed-export.xml');
      await client.open(uri, 'xml', text);
      const [diagnostic, ...rest] = full(await client.pull(uri)).items;
      assert.deepEqual(rest, []);
      const at = text.indexOf('</Captoin>');
      assert.deepEqual(diagnostic?.range, rangeOf(text, { start: at, end: at + '</Captoin>'.length }));
      assert.equal(diagnostic?.code, 'syntax-error');
      await client.close(uri);
    });

    it('ignores XML that is not a Studio export: no diagnostics, no error', async () => {
      const uri = fileUri('pom.xml');
      await client.open(uri, 'xml', fixture('export/not-a-studio-export.xml'));
      assert.deepEqual(full(await client.pull(uri)).items, []);
      await client.close(uri);
    });

    it('follows incremental edits and answers unchanged for an unchanged version', async () => {
      const { text } = readAnnotated(SNIPPET_WITH_ERROR);
      const uri = fileUri('incremental.snippet');
      await client.open(uri, 'cxone-snippet', text);
      const first = full(await client.pull(uri));
      assert.equal(first.items.length, 1);
      assert.deepEqual(await client.pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });

      // Type the missing brace right before the stray quote: the error is gone.
      const quote = first.items[0]!.range.start;
      await client.change(uri, [{ range: { start: quote, end: quote }, text: '}' }]);
      const fixed = full(await client.pull(uri, first.resultId));
      assert.deepEqual(fixed.items, []);
      assert.notEqual(fixed.resultId, first.resultId);

      // Break line 2 instead: delete the closing quote of the base URL.
      const line1 = text.split('\n')[1]!;
      const closing = { line: 1, character: line1.length - 1 };
      await client.change(uri, [{ range: { start: closing, end: { line: 1, character: line1.length } }, text: '' }]);
      const broken = full(await client.pull(uri, fixed.resultId));
      assert.deepEqual(
        broken.items.map((d) => [d.range.start.line, d.message.split(':')[0]]),
        [[1, 'Unterminated string']],
      );
      assert.deepEqual(broken.items[0]!.data, { version: 3 });
      await client.close(uri);
    });

    it('never answers unchanged for a reopened document, even at the same version', async () => {
      const uri = fileUri('reopened.snippet');
      await client.open(uri, 'cxone-snippet', SNIPPET_CLEAN);
      const clean = full(await client.pull(uri));
      assert.deepEqual(clean.items, []);
      await client.close(uri);
      await client.open(uri, 'cxone-snippet', readAnnotated(SNIPPET_WITH_ERROR).text);
      assert.equal(full(await client.pull(uri, clean.resultId)).items.length, 1);
      await client.close(uri);
    });

    it('answers a pull for a document that is not open with an empty report', async () => {
      assert.deepEqual(await client.pull(fileUri('never-opened.snippet')), { kind: 'full', items: [] });
    });

    it('applies a changed rule level after asking the client to refresh', async () => {
      const { text } = readAnnotated(SNIPPET_WITH_ERROR);
      const uri = fileUri('settings.snippet');
      await client.open(uri, 'cxone-snippet', text);
      const before = full(await client.pull(uri));
      assert.deepEqual(
        before.items.map((d) => d.severity),
        [DiagnosticSeverity.Error],
      );

      const refresh = client.nextRefresh();
      await client.changeSettings({ rules: { ...SYNTAX_ONLY_RULES, 'syntax-error': 'warning' } });
      await refresh;
      const after = full(await client.pull(uri, before.resultId));
      assert.deepEqual(
        after.items.map((d) => d.severity),
        [DiagnosticSeverity.Warning],
      );

      const off = client.nextRefresh();
      await client.changeSettings({ rules: { ...SYNTAX_ONLY_RULES, 'syntax-error': 'off' } });
      await off;
      assert.deepEqual(full(await client.pull(uri)).items, []);

      await client.changeSettings({ rules: SYNTAX_ONLY_RULES });
      await client.close(uri);
    });
  });

  describe('push mode (publishDiagnostics, for clients without pull)', () => {
    let client: TestClient;
    before(async () => {
      // Settings come from initializationOptions: this client has no workspace/configuration.
      client = await TestClient.start({
        capabilities: PUSH_CAPABILITIES,
        initializationOptions: { studioTokenLens: { validationDelayMs: 20, rules: SYNTAX_ONLY_RULES } },
      });
    });
    after(async () => client?.dispose());

    it('advertises no pull diagnostics', () => {
      assert.equal(client.initializeResult?.capabilities.diagnosticProvider, undefined);
    });

    it('publishes on open with the document version, and follows incremental edits', async () => {
      const { text, expected } = expectedSyntaxErrors(SNIPPET_WITH_ERROR);
      const uri = fileUri('push.snippet');
      const opened = client.nextPublish(uri);
      await client.open(uri, 'cxone-snippet', text);
      const first = await opened;
      assert.equal(first.version, 1);
      assertSameErrors(syntaxErrors(first.diagnostics), expected, 'push open');

      // Several quick edits: only the last version is published (debounced, never stale).
      const quote = first.diagnostics[0]!.range.start;
      const nextPublish = client.nextPublish(uri);
      await client.change(uri, [{ range: { start: quote, end: quote }, text: '}' }]);
      const v3 = await client.change(uri, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// edited\n' },
      ]);
      const afterEdits = await nextPublish;
      assert.equal(afterEdits.version, v3, 'version 2 must not be published');
      assert.deepEqual(afterEdits.diagnostics, []);
      await client.close(uri);
    });

    it('publishes nothing for XML that is not a Studio export', async () => {
      const pom = fileUri('push-pom.xml');
      const studio = fileUri('push-after-pom.snippet');
      const marker = client.nextPublish(studio);
      await client.open(pom, 'xml', fixture('export/not-a-studio-export.xml'));
      await client.open(studio, 'cxone-snippet', SNIPPET_CLEAN);
      await marker; // validations run in order: had the POM produced diagnostics, they would be here by now
      assert.ok(!client.published.some((p) => p.uri === pom), 'published for a non-Studio XML file');
      await client.close(pom);
      await client.close(studio);
    });

    it('re-validates open documents with the settings from didChangeConfiguration', async () => {
      const { text } = readAnnotated(SNIPPET_WITH_ERROR);
      const uri = fileUri('push-settings.snippet');
      const opened = client.nextPublish(uri);
      await client.open(uri, 'cxone-snippet', text);
      assert.deepEqual(
        (await opened).diagnostics.map((d) => d.severity),
        [DiagnosticSeverity.Error],
      );
      const republished = client.nextPublish(uri);
      await client.changeSettings({ rules: { ...SYNTAX_ONLY_RULES, 'syntax-error': 'hint' }, validationDelayMs: 20 });
      assert.deepEqual(
        (await republished).diagnostics.map((d) => d.severity),
        [DiagnosticSeverity.Hint],
      );
      await client.changeSettings({ rules: SYNTAX_ONLY_RULES, validationDelayMs: 20 });
      await client.close(uri);
    });

    it('publishes an empty list when a document closes', async () => {
      const { text } = readAnnotated(SNIPPET_WITH_ERROR);
      const uri = fileUri('push-close.snippet');
      const opened = client.nextPublish(uri);
      await client.open(uri, 'cxone-snippet', text);
      assert.equal((await opened).diagnostics.length, 1);
      const cleared = client.nextPublish(uri);
      await client.close(uri);
      assert.deepEqual((await cleared).diagnostics, []);
    });
  });

  describe('an export edited inside its actions’ code', () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ capabilities: PULL_CAPABILITIES });
    });
    after(async () => client?.dispose());

    /** What a report says, positions included. */
    const said = (report: DocumentDiagnosticReport): unknown =>
      full(report).items.map(({ range, code, message, severity }) => ({ range, code, message, severity }));

    it('reports after every edit what a fresh open of the same text reports', async () => {
      // Each edit lands inside a SNIPPET action's code (the server applies it to its previous export and keeps the
      // other actions' parses and units); some change what other actions read (a token, an expiry, a status check).
      const pieces = [
        'x',
        '\r\n',
        'ASSIGN accessToken = ""\r\n',
        'ASSIGN tokenExpiry = utc + 3300 / 86400\r\n',
        '&amp;',
      ];
      let text = fs.readFileSync(path.join(ROOT, 'examples', 'ivr-token-at-begin-used-after-hold.xml'), 'utf8');
      const uri = fileUri('edited-export.xml');
      await client.open(uri, 'xml', text);
      await client.pull(uri);
      // Where each SNIPPET action's code starts, read from the current text (the tests' own reading of the export).
      const codeStarts = (): number[] => readExport(text)!.snippets.map((s) => s.contentRange.start);
      assert.ok(codeStarts().length >= 2, 'the example has SNIPPET actions to edit');
      for (let i = 0; i < 12; i++) {
        // Through the actions in turn, at the start of their code.
        const starts = codeStarts();
        const at = starts[i % starts.length]!;
        const piece = pieces[i % pieces.length]!;
        const position = positionOf(text, at);
        await client.change(uri, [{ range: { start: position, end: position }, text: piece }]);
        text = text.slice(0, at) + piece + text.slice(at);
        const fresh = fileUri(`fresh-${i}.xml`);
        await client.open(fresh, 'xml', text);
        assert.deepEqual(said(await client.pull(uri)), said(await client.pull(fresh)), `after edit ${i + 1}`);
        await client.close(fresh);
      }
      await client.close(uri);
    });
  });
});
