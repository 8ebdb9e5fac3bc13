import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readDiagnosticData, toDiagnostic } from '../../../server/src/lsp/to-diagnostic';
import { type Finding, ruleDocUrl } from '../../../server/src/service';

describe('finding to LSP diagnostic', () => {
  // CRLF and a non-BMP character before the finding: positions are UTF-16 and lines break at \r\n.
  const text =
    '// 🔑 token\r\nASSIGN strToken = GetOAuthToken()\r\nproxy.AddHeader("Authorization", "Bearer {strToken}")\r\n';
  const textDocument = TextDocument.create('file:///ivr/lookup.snippet', 'snippet', 12, text);
  const use = text.indexOf('{strToken}');
  const acquired = text.indexOf('GetOAuthToken()');

  it('maps every field', () => {
    const finding: Omit<Finding, 'facts'> = {
      code: 'token-reuse-without-expiry',
      severity: 'warning',
      message: 'strToken is used with no expiry check.',
      range: { start: use, end: use + '{strToken}'.length },
      related: [
        {
          range: { start: acquired, end: acquired + 'GetOAuthToken()'.length },
          message: 'The token is acquired here, once.',
        },
      ],
    };
    assert.deepEqual(toDiagnostic(finding, textDocument), {
      range: { start: { line: 2, character: 41 }, end: { line: 2, character: 51 } },
      severity: DiagnosticSeverity.Warning,
      code: 'token-reuse-without-expiry',
      codeDescription: { href: ruleDocUrl('token-reuse-without-expiry') },
      source: 'studio-token-lens',
      message: 'strToken is used with no expiry check.',
      data: { version: 12 },
      relatedInformation: [
        {
          location: {
            uri: 'file:///ivr/lookup.snippet',
            range: { start: { line: 1, character: 18 }, end: { line: 1, character: 33 } },
          },
          message: 'The token is acquired here, once.',
        },
      ],
    });
  });

  it('maps every severity and marks unnecessary code', () => {
    const base: Omit<Finding, 'facts'> = {
      code: 'syntax-error',
      severity: 'error',
      message: 'x',
      range: { start: 0, end: 2 },
    };
    const severities = (['error', 'warning', 'information', 'hint'] as const).map(
      (severity) => toDiagnostic({ ...base, severity }, textDocument).severity,
    );
    assert.deepEqual(severities, [
      DiagnosticSeverity.Error,
      DiagnosticSeverity.Warning,
      DiagnosticSeverity.Information,
      DiagnosticSeverity.Hint,
    ]);
    assert.deepEqual(toDiagnostic({ ...base, unnecessary: true }, textDocument).tags, [DiagnosticTag.Unnecessary]);
    assert.equal(toDiagnostic(base, textDocument).tags, undefined);
    assert.equal(toDiagnostic(base, textDocument).relatedInformation, undefined);
  });

  it('reads its data back tolerantly', () => {
    assert.deepEqual(readDiagnosticData({ version: 3 }), { version: 3 });
    assert.equal(readDiagnosticData({ version: '3' }), undefined);
    assert.equal(readDiagnosticData(null), undefined);
    assert.equal(readDiagnosticData(undefined), undefined);
  });
});
