import type { ExtensionContext } from 'vscode';
import { TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_OPTIONS } from './server-node-options';

/**
 * The bundled server, forked with Node IPC (VS Code's own Node runs it) with `SERVER_NODE_OPTIONS`. Debug runs (F5 in
 * an extension development host) start it with an inspector on port 6009 so a debugger can attach to the server.
 */
export function serverOptions(context: ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath('server/out/server.js');
  return {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'] },
    },
  };
}
