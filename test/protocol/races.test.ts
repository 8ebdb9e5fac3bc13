import * as assert from 'node:assert/strict';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { readAnnotated } from '../helpers/annotated';
import { SNIPPET_WITH_ERROR } from './documents';
import {
  assertBundleIsFresh,
  fileUri,
  PULL_CAPABILITIES,
  PUSH_CAPABILITIES,
  SYNTAX_ONLY_RULES,
  TestClient,
} from './lsp-client';

/** A document changes while the server waits for its settings: nothing stale may come out. */
describe('protocol: edits racing the settings request', () => {
  before(assertBundleIsFresh);

  it(
    'pull: cancels the request as ServerCancelled with retriggerRequest, then answers for the new ' + 'version',
    async () => {
      const client = await TestClient.start({
        capabilities: PULL_CAPABILITIES,
        settings: { rules: SYNTAX_ONLY_RULES },
      });
      try {
        const { text } = readAnnotated(SNIPPET_WITH_ERROR);
        const uri = fileUri('race-pull.snippet');
        await client.open(uri, 'cxone-snippet', text);
        const release = client.holdConfiguration();
        const pending = client.pull(uri).then(
          (report) => ({ report }),
          (error: unknown) => ({ error }),
        );
        await client.change(uri, [{ text: 'ASSIGN a = 1\n' }]);
        release();
        const outcome = await pending;
        assert.ok('error' in outcome && outcome.error instanceof ResponseError, JSON.stringify(outcome));
        assert.equal(outcome.error.code, LSPErrorCodes.ServerCancelled);
        assert.deepEqual(outcome.error.data, { retriggerRequest: true });
        const retried = await client.pull(uri);
        assert.deepEqual(retried.kind === 'full' ? retried.items : retried, []);
      } finally {
        await client.dispose();
      }
    },
  );

  it('push: publishes only the version that is current when its settings arrive', async () => {
    const client = await TestClient.start({
      capabilities: { ...PUSH_CAPABILITIES, workspace: { configuration: true } },
      settings: { validationDelayMs: 0, rules: SYNTAX_ONLY_RULES },
    });
    try {
      const { text } = readAnnotated(SNIPPET_WITH_ERROR);
      const uri = fileUri('race-push.snippet');
      const release = client.holdConfiguration();
      const published = client.nextPublish(uri);
      await client.open(uri, 'cxone-snippet', text);
      const v2 = await client.change(uri, [{ text: 'ASSIGN a = 1\n' }]);
      release();
      const first = await published;
      assert.equal(first.version, v2, 'the diagnostics of version 1 must never be published');
      assert.deepEqual(first.diagnostics, []);
    } finally {
      await client.dispose();
    }
  });
});
