import * as assert from 'node:assert/strict';
import { parseServerArgs } from '../../../server/src/lsp/server-args';

describe('studio-lsp arguments', () => {
  it('reads each transport', () => {
    assert.deepEqual(parseServerArgs(['--stdio']), { kind: 'run', transport: { kind: 'stdio' } });
    assert.deepEqual(parseServerArgs(['--node-ipc', '--clientProcessId=4242']), {
      kind: 'run',
      transport: { kind: 'node-ipc' },
    });
    assert.deepEqual(parseServerArgs(['--socket=5007']), { kind: 'run', transport: { kind: 'socket', port: 5007 } });
    assert.deepEqual(parseServerArgs(['--socket', '5007']), { kind: 'run', transport: { kind: 'socket', port: 5007 } });
    assert.deepEqual(parseServerArgs(['--clientProcessId', '17', '--stdio']), {
      kind: 'run',
      transport: { kind: 'stdio' },
    });
  });

  it('answers --help and --version before anything else', () => {
    assert.deepEqual(parseServerArgs(['--stdio', '--help']), { kind: 'help' });
    assert.deepEqual(parseServerArgs(['--version']), { kind: 'version' });
  });

  it('refuses to guess a transport', () => {
    assert.deepEqual(parseServerArgs([]), { kind: 'usage-error', message: 'no transport given' });
    assert.equal(parseServerArgs(['--stdio', '--node-ipc']).kind, 'usage-error');
  });

  it('rejects unknown arguments and bad values', () => {
    assert.deepEqual(parseServerArgs(['--stdio', '--verbose']), {
      kind: 'usage-error',
      message: 'unknown argument "--verbose"',
    });
    assert.equal(parseServerArgs(['--socket=http']).kind, 'usage-error');
    assert.equal(parseServerArgs(['--socket=70000']).kind, 'usage-error');
    assert.equal(parseServerArgs(['--socket']).kind, 'usage-error');
    assert.equal(parseServerArgs(['--stdio', '--clientProcessId']).kind, 'usage-error');
  });
});
