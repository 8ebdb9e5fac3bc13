import { format, inspect } from 'node:util';
import { scrubSecrets } from './log-scrubber';

/** The part of the connection's remote console the server logs through. */
export interface LogSink {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

/**
 * Sends every `console.*` call to the client as `window/logMessage` (yaml-language-server does the
 * same): in `--stdio` mode stdout IS the protocol stream, and one stray line corrupts it. Every
 * line is scrubbed of secrets first. vscode-languageserver patches some methods for stdio only and
 * without scrubbing; this replaces them for every transport.
 */
export function redirectConsole(sink: LogSink, target: Console = console): void {
  const line = (args: unknown[]): string => scrubSecrets(format(...args));
  target.log = (...args: unknown[]) => sink.log(line(args));
  target.info = (...args: unknown[]) => sink.info(line(args));
  target.debug = (...args: unknown[]) => sink.log(line(args));
  target.warn = (...args: unknown[]) => sink.warn(line(args));
  target.error = (...args: unknown[]) => sink.error(line(args));
  target.trace = (...args: unknown[]) => {
    const stack = (new Error().stack ?? '').split('\n').slice(2).join('\n');
    sink.log(`${line(['Trace:', ...args])}\n${scrubSecrets(stack)}`);
  };
  target.dir = (value: unknown) => sink.log(scrubSecrets(inspect(value)));
  target.table = (value: unknown) => sink.log(scrubSecrets(inspect(value)));
  target.assert = (condition?: boolean, ...args: unknown[]) => {
    if (!condition) sink.error(line(['Assertion failed:', ...args]));
  };
}
