import * as assert from 'node:assert/strict';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { runSafe, runSafeNotification } from '../../../server/src/lsp/run-safe';

describe('runSafe', () => {
  let logged: string[];
  let original: typeof console.error;
  beforeEach(() => {
    logged = [];
    original = console.error;
    console.error = (message: string) => logged.push(message);
  });
  afterEach(() => {
    console.error = original;
  });

  it('returns the handler result', async () => {
    assert.equal(await runSafe('test/ok', new CancellationTokenSource().token, () => 42), 42);
  });

  it('answers a crash with InternalError, logs it, and hides secrets in the answer', async () => {
    const secret = 'client_secret=abcdefghijklmnop';
    const result = await runSafe('textDocument/hover', new CancellationTokenSource().token, () => {
      throw new TypeError(`cannot read ${secret}`);
    });
    assert.ok(result instanceof ResponseError);
    assert.equal(result.code, ErrorCodes.InternalError);
    assert.equal(result.message, 'textDocument/hover failed: cannot read client_secret=abcd… (16 chars)');
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /^textDocument\/hover failed: TypeError: cannot read/);
  });

  it('passes deliberate ResponseErrors through without logging', async () => {
    const error = new ResponseError(ErrorCodes.InvalidParams, 'bad');
    assert.equal(await runSafe('x', new CancellationTokenSource().token, () => Promise.reject(error)), error);
    assert.deepEqual(logged, []);
  });

  it('checks cancellation before and after the work', async () => {
    const before = new CancellationTokenSource();
    before.cancel();
    let ran = false;
    const skipped = await runSafe('x', before.token, () => (ran = true));
    assert.ok(skipped instanceof ResponseError && skipped.code === LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);

    const during = new CancellationTokenSource();
    const late = await runSafe('x', during.token, async () => {
      during.cancel();
      return 1;
    });
    assert.ok(late instanceof ResponseError && late.code === LSPErrorCodes.RequestCancelled);
  });

  it('keeps notification handlers from throwing', async () => {
    runSafeNotification('textDocument/didOpen', () => {
      throw new Error('boom');
    });
    runSafeNotification('textDocument/didChange', () => Promise.reject(new Error('later')));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(logged.length, 2);
  });
});
