import {
  createConnection,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { PRODUCT_VERSION } from './common/version';
import { parseServerArgs, SERVER_USAGE, type Transport } from './lsp/server-args';
import { startServer } from './lsp/start-server';

/**
 * `studio-lsp`: the language server's command line. Only --help, --version and usage errors print;
 * once a transport runs, stdout belongs to the protocol (with --stdio) and console.* goes to the client.
 */
function connect(transport: Transport): Connection {
  switch (transport.kind) {
    case 'stdio':
      return createConnection(process.stdin, process.stdout);
    case 'node-ipc':
      return createConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
    case 'socket': {
      const [reader, writer] = createServerSocketTransport(transport.port);
      return createConnection(reader, writer);
    }
  }
}

function main(argv: readonly string[]): void {
  const args = parseServerArgs(argv);
  switch (args.kind) {
    case 'help':
      process.stdout.write(`${SERVER_USAGE}\n`);
      return;
    case 'version':
      process.stdout.write(`studio-lsp ${PRODUCT_VERSION}\n`);
      return;
    case 'usage-error':
      process.stderr.write(`studio-lsp: ${args.message}\n\n${SERVER_USAGE}\n`);
      process.exitCode = 2;
      return;
    case 'run':
      startServer(connect(args.transport));
  }
}

main(process.argv.slice(2));
