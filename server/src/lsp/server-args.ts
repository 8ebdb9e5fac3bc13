/** How `studio-lsp` talks to its client. */
export type Transport = { kind: 'stdio' } | { kind: 'node-ipc' } | { kind: 'socket'; port: number };

export type ServerArgs =
  | { kind: 'run'; transport: Transport }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string };

export const SERVER_USAGE = `Usage: studio-lsp --stdio | --node-ipc | --socket=<port>

Studio Token Lens language server for NICE CXone Studio scripts (.snippet, .studio and
Desktop Studio XML exports): diagnostics, quick fixes and JWT hovers over LSP.

Transport (exactly one):
  --stdio                  JSON-RPC over stdin/stdout (Neovim, Emacs, Helix, ...)
  --node-ipc               Node IPC, when a Node client forks the server (VS Code)
  --socket=<port>          connect to a client listening on TCP <port>

Other options:
  --clientProcessId=<pid>  exit when that process exits (sent by VS Code)
  --version                print the version and exit
  --help                   print this help and exit`;

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const port = Number(value);
  return port > 0 && port < 65536 ? port : undefined;
}

/**
 * Reads the command line. No transport is a usage error rather than a guess: a server started by
 * hand on stdio would sit silently waiting for JSON-RPC.
 */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  const transports: Transport[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inlineValue] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    switch (name) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--version':
      case '-v':
        return { kind: 'version' };
      case '--stdio':
        transports.push({ kind: 'stdio' });
        break;
      case '--node-ipc':
        transports.push({ kind: 'node-ipc' });
        break;
      case '--socket': {
        const value = inlineValue ?? argv[++i];
        const port = parsePort(value);
        if (port === undefined)
          return { kind: 'usage-error', message: `--socket needs a TCP port, got ${JSON.stringify(value ?? '')}` };
        transports.push({ kind: 'socket', port });
        break;
      }
      case '--clientProcessId': {
        // vscode-languageserver reads it from process.argv itself; only check it is there.
        const value = inlineValue ?? argv[++i];
        if (value === undefined || !/^\d+$/.test(value))
          return { kind: 'usage-error', message: '--clientProcessId needs a process id' };
        break;
      }
      default:
        return { kind: 'usage-error', message: `unknown argument ${JSON.stringify(arg)}` };
    }
  }
  if (transports.length === 0) return { kind: 'usage-error', message: 'no transport given' };
  if (transports.length > 1) return { kind: 'usage-error', message: 'give exactly one transport' };
  return { kind: 'run', transport: transports[0]! };
}
