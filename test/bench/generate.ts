/**
 * Realistic generated Studio code for benchmarks: REST proxies, Authorization headers, status
 * checks with SELECT/CASE, loops, interpolations and comments, as real SNIPPET actions hold them.
 */
const SNIPPET_BLOCK = (i: number): string => `// customer lookup ${i}: fetch the account, then its open orders
ASSIGN baseUrl${i} = "https://api.example-crm.com/v2"
ASSIGN proxy${i} = GetRESTProxy()
proxy${i}.ContentType = "application/json"
proxy${i}.AddHeader("Authorization", "Bearer {cachedToken}")
ASSIGN account${i} = proxy${i}.MakeRestRequest("{baseUrl${i}}/accounts/{ANI}?expand=orders", "", 0, "GET")
ASSIGN status${i} = "{proxy${i}.StatusCode}"
SELECT
{
  CASE status${i} = 401
  CASE status${i} = 403
  {
    ASSIGN cachedToken = ""
    ASSIGN apiError = "AUTH_FAILURE"
  }
  CASE status${i} = 200
  {
    FOREACH order IN account${i}.orders
    {
      IF order.total > 100 & order.state != "closed"
      {
        ASSIGN summary = "{summary}|{order.id.left(8)}:{order.total * 1.2}"
      }
    }
  }
  DEFAULT
  {
    ASSIGN apiError = "HTTP_{status${i}}"
  }
}
`;

const LINES_PER_SNIPPET_BLOCK = SNIPPET_BLOCK(0).split('\n').length - 1;

/** About `lines` lines of real Snippet code. */
export function generateSnippet(lines: number): string {
  const parts: string[] = [];
  for (let i = 0; parts.length * LINES_PER_SNIPPET_BLOCK < lines; i++) parts.push(SNIPPET_BLOCK(i));
  return parts.join('');
}

const JS_BLOCK = (i: number): string => `// customer lookup ${i}: fetch the account, then its open orders
var baseUrl${i} = "https://api.example-crm.com/v2";
var req${i} = new CXone.HttpRequest();
req${i}.headers["Authorization"] = "Bearer " + cachedToken;
var resp${i} = req${i}.send(baseUrl${i} + "/accounts/" + ani + "?expand=orders");
if (resp${i}.statusCode == 401 || resp${i}.statusCode == 403) {
  cachedToken = "";
  apiError = "AUTH_FAILURE";
} else if (resp${i}.statusCode == 200) {
  for (var order of JSON.parse(resp${i}.body).orders) {
    if (order.total > 100 && order.state != "closed") {
      summary = summary + "|" + order.id.slice(0, 8) + ":" + order.total * 1.2;
    }
  }
} else {
  apiError = "HTTP_" + resp${i}.statusCode;
}
`;

/** JavaScript of (at least) `bytes` characters, cut at a block boundary: acorn's input in the comparison. */
export function generateJavaScript(bytes: number): string {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += JS_BLOCK(i);
  return text;
}

/**
 * A Desktop Studio export of about `lines` lines: the blocks of `generateSnippet`, one SNIPPET action each, chained
 * by their default links (CRLF and escaped code, as Studio writes it).
 */
export function generateExport(lines: number): string {
  const escapeXml = (code: string): string => code.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const actions: string[] = [];
  let total = 0;
  for (let i = 0; total < lines; i++) {
    const code = SNIPPET_BLOCK(i).replace(/\n$/, '').replace(/\n/g, '\r\n');
    const action = [
      '    <ActionStruct>',
      `      <ActionID>${i + 2}</ActionID>`,
      '      <Action>SNIPPET</Action>',
      `      <Caption>Customer lookup ${i}</Caption>`,
      '      <Parameters>',
      `        <string>${escapeXml(code)}</string>`,
      '        <string>Limit32K</string>',
      '      </Parameters>',
      '      <DefaultNextAction>',
      '        <Text />',
      `        <ActionID>${i + 3}</ActionID>`,
      '        <Index>0</Index>',
      '        <Segments />',
      '      </DefaultNextAction>',
      '    </ActionStruct>',
    ].join('\r\n');
    actions.push(action);
    total += action.split('\r\n').length;
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <Actions>',
    ...actions,
    '  </Actions>',
    '</ScriptContainer>',
    '',
  ].join('\r\n');
}

const FUNCTION_BLOCK = (i: number): string => `// order lookup ${i}, as a FUNCTION the script calls later
FUNCTION LookupOrder${i}(orderId)
{
  ASSIGN lookupUrl${i} = "https://api.example-crm.com/v2/orders/{orderId}"
  ASSIGN lookupProxy${i} = GetRESTProxy()
  lookupProxy${i}.AddHeader("Authorization", "Bearer {cachedToken}")
  ASSIGN order${i} = lookupProxy${i}.MakeRestRequest(lookupUrl${i}, "", 0, "GET")
  IF lookupProxy${i}.StatusCode = 401 | lookupProxy${i}.StatusCode = 403
  {
    ASSIGN cachedToken = ""
    RETURN ""
  }
  RETURN order${i}.state
}
ASSIGN state${i} = LookupOrder${i}("{ANI}-${i}")
`;

const LINES_PER_FUNCTION_BLOCK = FUNCTION_BLOCK(0).split('\n').length - 1;

/** About `lines` lines of Snippet code made of many FUNCTIONs (each read with the state of the code around it). */
export function generateManyFunctions(lines: number): string {
  const parts: string[] = [];
  for (let i = 0; parts.length * LINES_PER_FUNCTION_BLOCK < lines; i++) parts.push(FUNCTION_BLOCK(i));
  return parts.join('');
}

const SHARED_STATUS_BLOCK = (
  i: number,
): string => `// step ${i}: one proxy and one status variable for every call, as long scripts often have
proxy.AddHeader("Authorization", "Bearer {cachedToken}")
ASSIGN step${i} = proxy.MakeRestRequest("https://api.example-crm.com/v2/steps/${i}", "", 0, "GET")
ASSIGN status = "{proxy.StatusCode}"
IF status = 401 | status = 403
{
  ASSIGN cachedToken = ""
  ASSIGN apiError = "AUTH_FAILURE"
}
`;

const LINES_PER_SHARED_STATUS_BLOCK = SHARED_STATUS_BLOCK(0).split('\n').length - 1;

/** About `lines` lines of Snippet code where many calls on one proxy share one status variable. */
export function generateSharedStatus(lines: number): string {
  const parts: string[] = ['ASSIGN proxy = GetRESTProxy()\n'];
  for (let i = 0; parts.length * LINES_PER_SHARED_STATUS_BLOCK < lines; i++) parts.push(SHARED_STATUS_BLOCK(i));
  return parts.join('');
}

/** One entry of the JSON anchor's document: a REST endpoint description, about the bytes per line of our Snippet. */
const JSON_ENTRY = (i: number): string => `  {
    "id": ${i},
    "baseUrl": "https://api.example-crm.com/v2",
    "path": "/accounts/{ANI}?expand=orders",
    "method": "GET",
    "headers": { "Authorization": "Bearer {cachedToken}", "Content-Type": "application/json" },
    "retry": { "count": 3, "delayMs": 250, "on": [401, 403, 429, 503] },
    "onStatus": { "401": "refresh-token", "403": "refresh-token", "200": "summarise-orders" },
    "summary": "{summary}|{order.id.left(8)}:{order.total * 1.2}",
    "enabled": true
  }`;

/** A JSON document of `bytes` bytes or a little more (the language-server bench's anchor edits its URLs). */
export function generateJson(bytes: number): string {
  const entries: string[] = [];
  let size = 4;
  for (let i = 0; size < bytes; i++) {
    const entry = JSON_ENTRY(i);
    entries.push(entry);
    size += entry.length + 2;
  }
  return `[\n${entries.join(',\n')}\n]\n`;
}
