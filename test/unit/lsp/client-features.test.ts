import * as assert from 'node:assert/strict';
import type { ClientCapabilities } from 'vscode-languageserver';
import { readClientFeatures } from '../../../server/src/lsp/client-features';
import { sectionOf } from '../../../server/src/lsp/settings-store';

describe('client features', () => {
  it('reads what VS Code announces', () => {
    const vscodeLike: ClientCapabilities = {
      textDocument: {
        diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        completion: { completionItem: { snippetSupport: true } },
      },
      workspace: {
        configuration: true,
        diagnostics: { refreshSupport: true },
        workspaceEdit: { documentChanges: true },
      },
    };
    assert.deepEqual(readClientFeatures(vscodeLike), {
      pullDiagnostics: true,
      diagnosticRefresh: true,
      configuration: true,
      documentChanges: true,
      hierarchicalDocumentSymbols: true,
      completionSnippets: true,
    });
  });

  it('treats anything missing or malformed as unsupported', () => {
    const none = {
      pullDiagnostics: false,
      diagnosticRefresh: false,
      configuration: false,
      documentChanges: false,
      hierarchicalDocumentSymbols: false,
      completionSnippets: false,
    };
    assert.deepEqual(readClientFeatures(undefined), none);
    assert.deepEqual(readClientFeatures({}), none);
    const odd = {
      textDocument: null,
      workspace: { configuration: 'yes', diagnostics: 1 },
    } as unknown as ClientCapabilities;
    assert.deepEqual(readClientFeatures(odd), none);
  });

  it('accepts settings with or without the section name around them', () => {
    assert.deepEqual(sectionOf({ studioTokenLens: { bufferSeconds: 60 } }), { bufferSeconds: 60 });
    assert.deepEqual(sectionOf({ bufferSeconds: 60 }), { bufferSeconds: 60 });
    assert.equal(sectionOf(null), null);
  });
});
