import { ErrorCodes, ResponseError, type Position, type Range } from 'vscode-languageserver';

/**
 * The connection passes whatever JSON a client sent; these checks turn a malformed request into an
 * `InvalidParams` answer instead of a TypeError deep inside a handler.
 */
function invalid(method: string, what: string): ResponseError<never> {
  return new ResponseError<never>(ErrorCodes.InvalidParams, `${method}: ${what}`);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function isPosition(value: unknown): value is Position {
  const p = record(value);
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isRange(value: unknown): value is Range {
  const r = record(value);
  return !!r && isPosition(r.start) && isPosition(r.end);
}

export function requireDocumentUri(method: string, params: unknown): string {
  const uri = record(record(params)?.textDocument)?.uri;
  if (typeof uri !== 'string') throw invalid(method, 'textDocument.uri must be a string');
  return uri;
}

export function requirePosition(method: string, params: unknown): Position {
  const position = record(params)?.position;
  if (!isPosition(position)) throw invalid(method, 'position must be {line, character} integers');
  return position;
}

export function requireRange(method: string, params: unknown): Range {
  const range = record(params)?.range;
  if (!isRange(range)) throw invalid(method, 'range must be {start, end} positions');
  return range;
}

export function requireString(method: string, params: unknown, name: string): string {
  const value = record(params)?.[name];
  if (typeof value !== 'string') throw invalid(method, `${name} must be a string`);
  return value;
}
