import { ErrorCodes, ParameterStructures, RequestType, ResponseError } from 'vscode-languageserver';
import { DECODE_JWT_REQUEST, type DecodeJwtParams, type DecodeJwtResult } from '../common/protocol-ids';
import { sanitizeSettings } from '../common/settings';
import { decodeJwtText } from '../service';
import { nodeRuntime, type RuntimeEnvironment } from './runtime';

/**
 * By name: params must be one object. A string method (or positional params) would hand the handler a cancellation
 * token where it expects the params whenever a client sends none or an array.
 */
export const DecodeJwtRequestType = new RequestType<DecodeJwtParams, DecodeJwtResult, void>(
  DECODE_JWT_REQUEST,
  ParameterStructures.byName,
);

/**
 * `studioTokenLens/decodeJwt` (the "Decode JWT" command of any client): the hover's report for a token that is in no
 * document. Bad text is an answer (`{ error }`), not a failure; only params that are not `{ text: string }` are
 * InvalidParams.
 */
export function handleDecodeJwt(params: unknown, runtime: RuntimeEnvironment = nodeRuntime): DecodeJwtResult {
  const { text, bufferSeconds } = readParams(params);
  return decodeJwtText(text, { now: runtime.now(), bufferSeconds });
}

function readParams(params: unknown): { text: string; bufferSeconds: number } {
  const record = typeof params === 'object' && params !== null ? (params as Partial<DecodeJwtParams>) : {};
  if (typeof record.text !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, `${DECODE_JWT_REQUEST}: text must be a string`);
  }
  // The settings' own sanitising: a missing or wrong value is the default, an out-of-range one is clamped.
  return { text: record.text, bufferSeconds: sanitizeSettings({ bufferSeconds: record.bufferSeconds }).bufferSeconds };
}
