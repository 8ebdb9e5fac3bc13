/**
 * Words of the JavaScript-like SNIPPET bodies of the guide's notation that real Snippet has no counterpart for.
 * Names are folded (lower case).
 */

/** Well-known globals: never script variables, never condition reads. */
const GLOBAL_NAMES: ReadonlySet<string> = new Set([
  'math',
  'date',
  'json',
  'parseint',
  'parsefloat',
  'number',
  'string',
  'boolean',
  'array',
  'object',
  'undefined',
  'nan',
  'infinity',
  'console',
  'cxone',
  'btoa',
  'atob',
  'encodeuricomponent',
  'decodeuricomponent',
  'encodeuri',
  'decodeuri',
  'isnan',
  'isfinite',
  'regexp',
  'error',
  'buffer',
  'null',
  'true',
  'false',
]);

export function isJavaScriptGlobalName(folded: string): boolean {
  return GLOBAL_NAMES.has(folded);
}

/** Array methods whose callback runs once per element: code inside it runs in a loop. */
const LOOP_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'foreach',
  'map',
  'filter',
  'reduce',
  'some',
  'every',
  'find',
  'flatmap',
]);

export function isLoopCallbackMethod(folded: string): boolean {
  return LOOP_CALLBACK_METHODS.has(folded);
}

/** Methods that return their object's value in another form: `x.toString()`, `x.trim()`, `x.valueOf()`. */
const VALUE_KEEPING_METHODS: ReadonlySet<string> = new Set(['tostring', 'trim', 'valueof']);
/** Functions that return their argument's value in another form: `String(x)`, `parseInt(x)`, `Number(x)`. */
const VALUE_KEEPING_FUNCTIONS: ReadonlySet<string> = new Set(['string', 'parseint', 'parsefloat', 'number']);

export function isValueKeepingMethod(folded: string): boolean {
  return VALUE_KEEPING_METHODS.has(folded);
}

export function isValueKeepingFunction(folded: string): boolean {
  return VALUE_KEEPING_FUNCTIONS.has(folded);
}

/** `Buffer.from("user:password")`: base64 input, as `btoa` takes. */
export function isBufferFrom(objectName: string, methodFolded: string): boolean {
  return objectName === 'Buffer' && methodFolded === 'from';
}

/** `JSON.stringify({...})`, `encodeURIComponent(x)`: text built from a value (by the function's name). */
export function isStringifyName(folded: string): boolean {
  return folded === 'stringify';
}

/** Functions and methods whose result is their argument's (or object's) text: `encodeURIComponent(x)`, `x.trim()`. */
const TEXT_KEEPING_FUNCTIONS: ReadonlySet<string> = new Set(['encodeuricomponent', 'encodeuri', 'tostring', 'trim']);
const TEXT_KEEPING_METHODS: ReadonlySet<string> = new Set(['tostring', 'trim']);

export function isTextKeepingFunction(folded: string): boolean {
  return TEXT_KEEPING_FUNCTIONS.has(folded);
}

export function isTextKeepingMethod(folded: string): boolean {
  return TEXT_KEEPING_METHODS.has(folded);
}
