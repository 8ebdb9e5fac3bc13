import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { MessageType } from 'vscode-languageserver-protocol/node';
import { PRODUCT_VERSION } from '../../server/src/common/version';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../server/src/service';
import {
  assertBundleIsFresh,
  countJsonRpcFrames,
  PULL_CAPABILITIES,
  PUSH_CAPABILITIES,
  SERVER_BUNDLE,
  TestClient,
} from './lsp-client';

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SERVER_BUNDLE, ...args], {
    encoding: 'utf8',
    timeout: 10_000,
    input: '',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('protocol: studio-lsp process and lifecycle', () => {
  before(assertBundleIsFresh);

  describe('command line', () => {
    it('prints its version', () => {
      assert.deepEqual(run('--version'), { status: 0, stdout: `studio-lsp ${PRODUCT_VERSION}\n`, stderr: '' });
    });

    it('prints help naming every transport', () => {
      const { status, stdout, stderr } = run('--help');
      assert.equal(status, 0);
      assert.equal(stderr, '');
      for (const option of ['--stdio', '--node-ipc', '--socket=<port>', '--version', '--help'])
        assert.ok(stdout.includes(option), option);
    });

    it('exits 2 with the usage on stderr when no transport is given', () => {
      const { status, stdout, stderr } = run();
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /^studio-lsp: no transport given\n\nUsage: studio-lsp/);
    });

    it('exits 2 on an unknown argument', () => {
      const { status, stderr } = run('--stdio', '--turbo');
      assert.equal(status, 2);
      assert.match(stderr, /unknown argument "--turbo"/);
    });
  });

  describe('initialize', () => {
    it('offers a pulling client incremental sync, hover, code actions, authoring, pull diagnostics', async () => {
      const client = await TestClient.start({ capabilities: PULL_CAPABILITIES });
      try {
        assert.deepEqual(client.initializeResult, {
          capabilities: {
            textDocumentSync: { openClose: true, change: 2 },
            hoverProvider: true,
            foldingRangeProvider: true,
            codeActionProvider: {
              codeActionKinds: ['quickfix', 'source.fixAll.studioTokenLens'],
              resolveProvider: false,
            },
            documentSymbolProvider: { label: 'Studio script' },
            workspaceSymbolProvider: true,
            definitionProvider: true,
            referencesProvider: true,
            documentHighlightProvider: true,
            renameProvider: { prepareProvider: true },
            completionProvider: { triggerCharacters: ['.', '{', ':'], resolveProvider: false },
            signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
            semanticTokensProvider: {
              legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
              full: { delta: true },
              range: true,
            },
            documentFormattingProvider: true,
            documentRangeFormattingProvider: true,
            codeLensProvider: { resolveProvider: false },
            diagnosticProvider: {
              identifier: 'studio-token-lens',
              interFileDependencies: true,
              workspaceDiagnostics: false,
            },
          },
          serverInfo: { name: 'studio-token-lens', version: PRODUCT_VERSION },
        });
      } finally {
        await client.dispose();
      }
    });

    it(
      'logs through window/logMessage, exits 0 after shutdown, and writes nothing but JSON-RPC to ' + 'stdout',
      async () => {
        const client = await TestClient.start({ capabilities: PUSH_CAPABILITIES });
        // A round trip after `initialized`: the ready line was sent before its answer.
        await client.connection.sendRequest('textDocument/hover', {
          textDocument: { uri: 'file:///nowhere.snippet' },
          position: { line: 0, character: 0 },
        });
        assert.deepEqual(
          client.logMessages.filter((m) => m.message.includes('ready')),
          [
            {
              type: MessageType.Log,
              message:
                `Studio Token Lens ${PRODUCT_VERSION} ready (push diagnostics, settings from ` +
                `initializationOptions).`,
            },
          ],
        );
        assert.equal(await client.shutdown(), 0);
        assert.ok(countJsonRpcFrames(client.stdout) >= 3);
        assert.equal(client.stderr, '');
      },
    );

    it('exits 1 on exit without shutdown, as the protocol asks', async () => {
      const client = await TestClient.start({ capabilities: PULL_CAPABILITIES });
      await client.connection.sendNotification('exit');
      assert.equal(await client.exit(), 1);
      client.connection.dispose();
    });
  });
});
