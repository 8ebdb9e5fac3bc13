import type { TextRange } from '../common/text-range';
import { RuntimeFault } from './runtime-fault';
import type { SnippetHost } from './snippet-host';
import { unsupported } from './studio-semantics';
import { describeValue, DynamicObject, fromJson, numericValue, type RestProxyHandle, type Value } from './values';

/** The proxy's documented defaults (studio-semantics.ts, REST PROXY). */
const DEFAULT_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const DEFAULT_TIMEOUT_SECONDS = 10;

export function newRestProxy(): RestProxyHandle {
  return {
    kind: 'rest-proxy',
    contentType: DEFAULT_CONTENT_TYPE,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    statusCode: '',
    statusDescription: '',
    headers: [],
  };
}

/** Reads `proxy.<name>` (names of properties are case-insensitive like every builtin). */
export function readProxyProperty(proxy: RestProxyHandle, folded: string, name: string, range: TextRange): Value {
  switch (folded) {
    case 'statuscode':
      return proxy.statusCode;
    case 'statusdescription':
      return proxy.statusDescription;
    case 'contenttype':
      return proxy.contentType;
    case 'proxytimeoutseconds':
      return proxy.timeoutSeconds;
    default:
      throw new RuntimeFault('unsupported', unsupported(`the REST proxy property ${name}`), range);
  }
}

/** Assigns `proxy.<name> = value`: ContentType and ProxyTimeoutSeconds can be set, the status cannot. */
export function writeProxyProperty(
  proxy: RestProxyHandle,
  folded: string,
  name: string,
  value: Value,
  text: (v: Value) => string,
  range: TextRange,
): void {
  switch (folded) {
    case 'contenttype':
      proxy.contentType = text(value);
      return;
    case 'proxytimeoutseconds': {
      const seconds = numericValue(value);
      if (seconds === undefined || seconds <= 0)
        throw new RuntimeFault(
          'script-error',
          `ProxyTimeoutSeconds must be a positive number, not ${describeValue(value)}`,
          range,
        );
      proxy.timeoutSeconds = seconds;
      return;
    }
    case 'statuscode':
    case 'statusdescription':
      throw new RuntimeFault('script-error', `the REST proxy's ${name} cannot be assigned`, range);
    default:
      throw new RuntimeFault('unsupported', unsupported(`the REST proxy property ${name}`), range);
  }
}

/** Calls `proxy.<method>(args)`: AddHeader and MakeRestRequest. */
export function callProxyMethod(
  proxy: RestProxyHandle,
  folded: string,
  name: string,
  args: readonly Value[],
  text: (v: Value) => string,
  host: SnippetHost,
  range: TextRange,
): Value {
  switch (folded) {
    case 'addheader':
      expectArguments(name, args, 2, range);
      proxy.headers.push([text(args[0]!), text(args[1]!)]);
      return '';
    case 'makerestrequest':
      expectArguments(name, args, 4, range);
      return makeRestRequest(proxy, args, text, host, range);
    default:
      throw new RuntimeFault(
        'unsupported',
        unsupported(`the REST proxy function ${name}()`, 'only AddHeader and MakeRestRequest are simulated'),
        range,
      );
  }
}

function expectArguments(name: string, args: readonly Value[], count: number, range: TextRange): void {
  if (args.length !== count)
    throw new RuntimeFault('script-error', `${name} takes ${count} arguments, not ${args.length}`, range);
}

/** Response parser selector: 0 JSON, 1 XML, 2 JSON without the body, 3 XML without the body. */
function responseType(value: Value, range: TextRange): 0 | 1 | 2 | 3 {
  const n = numericValue(value);
  if (n === 0 || n === 1 || n === 2 || n === 3) return n;
  throw new RuntimeFault(
    'unsupported',
    unsupported(`MakeRestRequest response type ${describeValue(value)}`, 'the simulator knows 0, 1, 2 and 3'),
    range,
  );
}

function makeRestRequest(
  proxy: RestProxyHandle,
  args: readonly Value[],
  text: (v: Value) => string,
  host: SnippetHost,
  range: TextRange,
): Value {
  const url = text(args[0]!);
  const body = text(args[1]!);
  const type = responseType(args[2]!, range);
  const verb = text(args[3]!).trim().toUpperCase();
  if (type === 1 || type === 3)
    throw new RuntimeFault('unsupported', unsupported('XML responses (MakeRestRequest type 1 or 3)'), range);
  if (verb === '') throw new RuntimeFault('script-error', 'MakeRestRequest needs an HTTP verb', range);
  const outcome = host.send({
    url,
    body,
    verb,
    contentType: proxy.contentType,
    timeoutSeconds: proxy.timeoutSeconds,
    headers: proxy.headers.map(([k, v]) => [k, v] as const),
    range,
  });
  if (outcome.kind === 'failure') {
    proxy.statusCode = '';
    proxy.statusDescription = '';
    throw new RuntimeFault('transport', `the REST request failed: ${outcome.reason}`, range);
  }
  proxy.statusCode = outcome.status;
  proxy.statusDescription = outcome.statusDescription;
  if (type === 2) return new DynamicObject();
  const result = fromJson(outcome.body);
  if (result instanceof DynamicObject) return result;
  throw new RuntimeFault('unsupported', unsupported('a JSON response body that is not an object or an array'), range);
}
