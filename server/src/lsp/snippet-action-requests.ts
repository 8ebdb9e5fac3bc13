import { ErrorCodes, ParameterStructures, RequestType, ResponseError } from 'vscode-languageserver';
import {
  OPEN_SNIPPET_ACTION_REQUEST,
  type OpenSnippetActionParams,
  type OpenSnippetActionResult,
  SAVE_SNIPPET_ACTION_REQUEST,
  type SaveSnippetActionParams,
  type SaveSnippetActionResult,
  SCRIPT_FLOW_REQUEST,
  type ScriptFlowParams,
  type ScriptFlowResult,
  SNIPPET_ACTIONS_REQUEST,
  type SnippetActionsParams,
  type SnippetActionsResult,
  type WirePosition,
} from '../common/protocol-ids';

export { OPEN_SNIPPET_ACTION_REQUEST, SAVE_SNIPPET_ACTION_REQUEST, SCRIPT_FLOW_REQUEST, SNIPPET_ACTIONS_REQUEST };

// By name, as DecodeJwtRequestType: params are one object.
export const SnippetActionsRequestType = new RequestType<SnippetActionsParams, SnippetActionsResult, void>(
  SNIPPET_ACTIONS_REQUEST,
  ParameterStructures.byName,
);
export const OpenSnippetActionRequestType = new RequestType<OpenSnippetActionParams, OpenSnippetActionResult, void>(
  OPEN_SNIPPET_ACTION_REQUEST,
  ParameterStructures.byName,
);
export const SaveSnippetActionRequestType = new RequestType<SaveSnippetActionParams, SaveSnippetActionResult, void>(
  SAVE_SNIPPET_ACTION_REQUEST,
  ParameterStructures.byName,
);
export const ScriptFlowRequestType = new RequestType<ScriptFlowParams, ScriptFlowResult, void>(
  SCRIPT_FLOW_REQUEST,
  ParameterStructures.byName,
);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function invalid(method: string, what: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${what}`);
}

function isPosition(value: unknown): value is WirePosition {
  const p = record(value);
  return Number.isInteger(p.line) && Number.isInteger(p.character);
}

/** `{ uri: string, position?: {line, character} }`; anything else is InvalidParams. */
export function requireUriParams(method: string, params: unknown): { uri: string; position?: WirePosition } {
  const { uri, position } = record(params);
  if (typeof uri !== 'string') throw invalid(method, 'uri must be a string');
  if (position !== undefined && !isPosition(position)) throw invalid(method, 'position must be {line, character}');
  return position === undefined ? { uri } : { uri, position };
}

export function requireSaveParams(params: unknown): SaveSnippetActionParams {
  const { uri, text, fingerprint } = record(params);
  if (typeof uri !== 'string' || typeof text !== 'string' || typeof fingerprint !== 'string')
    throw invalid(SAVE_SNIPPET_ACTION_REQUEST, 'uri, text and fingerprint must be strings');
  return { uri, text, fingerprint };
}
