import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { scrubSecrets } from './log-scrubber';

export function requestCancelled<E>(): ResponseError<E> {
  return new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/**
 * Runs a request handler so that nothing it does can take the server down (the JSON language
 * server's `runSafeAsync`): cancellation is checked before and after the work, a `ResponseError`
 * thrown on purpose is answered as is, anything else is logged and answered as an internal error.
 * The first await lets a `$/cancelRequest` sent right behind the request arrive before work starts.
 */
export async function runSafe<T, E = void>(
  method: string,
  token: CancellationToken,
  work: () => T | Promise<T>,
): Promise<T | ResponseError<E>> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) return requestCancelled<E>();
  try {
    const result = await work();
    if (token.isCancellationRequested) return requestCancelled<E>();
    return result;
  } catch (error) {
    if (error instanceof ResponseError) return error as ResponseError<E>;
    console.error(`${method} failed: ${describe(error)}`);
    const message = error instanceof Error ? error.message : String(error);
    return new ResponseError<E>(ErrorCodes.InternalError, scrubSecrets(`${method} failed: ${message}`));
  }
}

/** The same protection for notification handlers, which have nobody to answer. */
export function runSafeNotification(method: string, work: () => void | Promise<void>): void {
  try {
    const pending = work();
    if (pending) pending.catch((error: unknown) => console.error(`${method} failed: ${describe(error)}`));
  } catch (error) {
    console.error(`${method} failed: ${describe(error)}`);
  }
}
