import { escapeXmlText } from '../service';
/**
 * Snippet code the server lints while it is idle after start (lsp/jit-warm-up.ts): the constructs real token code is
 * made of (a token fetched at the start and reused: Pattern A; a cached token refreshed before expiry: Strategy B;
 * status checks in IF and SELECT, a FUNCTION, FOREACH, interpolation, comments), so the JIT has compiled the parser,
 * the flow model and every rule on these shapes before the first document arrives. No real credentials: the secrets
 * are SECURE_ variables.
 */
export const WARM_UP_SAMPLE = `// SNIPPET "Get OAuth token": once per contact (Pattern A when reused later)
ASSIGN tokenProxy = GetRESTProxy()
tokenProxy.ContentType = "application/x-www-form-urlencoded"
ASSIGN tokenBody = "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}"
ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://auth.example-idp.com/oauth/token", tokenBody, 0, "POST")
ASSIGN accessToken = tokenResult.access_token

// customer lookup with the token fetched above
ASSIGN crmBase = "https://api.example-crm.com/v2"
ASSIGN crmProxy = GetRESTProxy()
crmProxy.ContentType = "application/json"
crmProxy.ProxyTimeoutSeconds = 2
crmProxy.AddHeader("Authorization", "Bearer {accessToken}")
ASSIGN customer = crmProxy.MakeRestRequest("{crmBase}/customers/{ANI}?expand=orders", "", 0, "GET")
ASSIGN customerStatus = "{crmProxy.StatusCode}"
SELECT
{
  CASE customerStatus = 401
  CASE customerStatus = 403
  {
    ASSIGN accessToken = ""
    ASSIGN apiError = "AUTH_FAILURE"
  }
  CASE customerStatus = 200
  {
    FOREACH order IN customer.orders
    {
      IF order.total > 100 & order.state != "closed"
      {
        ASSIGN summary = "{summary}|{order.id.left(8)}:{order.total * 1.2}"
      }
    }
  }
  DEFAULT
  {
    ASSIGN apiError = "HTTP_{customerStatus}"
  }
}

// Strategy B: a cached token refreshed a buffer before it expires
IF refreshBufferSeconds = ""
{
  ASSIGN refreshBufferSeconds = 120 + (ContactID % 361)
}
IF cachedToken = "" | tokenExpiry = "" | tokenExpiry - utc <= refreshBufferSeconds / 86400
{
  ASSIGN cachedTokenProxy = GetRESTProxy()
  cachedTokenProxy.ProxyTimeoutSeconds = 2
  ASSIGN tokenUrl = "https://auth.example-idp.com/oauth/token"
  ASSIGN cachedTokenResult = cachedTokenProxy.MakeRestRequest(tokenUrl, tokenBody, 0, "POST")
  IF cachedTokenProxy.StatusCode = 200
  {
    ASSIGN cachedToken = "{cachedTokenResult.access_token}"
    ASSIGN cachedTokenLifetime = 600
    IF cachedTokenResult.expires_in != ""
    {
      ASSIGN cachedTokenLifetime = cachedTokenResult.expires_in
    }
    ASSIGN tokenExpiry = utc + (cachedTokenLifetime / 86400)
  }
  ELSE
  {
    ASSIGN cachedToken = ""
    ASSIGN tokenExpiry = ""
  }
}

// order lookup as a FUNCTION, called in a loop
FUNCTION LookupOrder(orderId)
{
  ASSIGN lookupProxy = GetRESTProxy()
  lookupProxy.AddHeader("Authorization", "Bearer {cachedToken}")
  ASSIGN found = lookupProxy.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")
  IF lookupProxy.StatusCode = 401 | lookupProxy.StatusCode = 403
  {
    ASSIGN cachedToken = ""
    RETURN ""
  }
  RETURN found.state
}
FOR i = 1 TO 3
{
  ASSIGN state[i] = LookupOrder("{ANI}-{i}")
}

// a call whose 401/403 nobody looks at, and a token fetched again on every pass of a loop
ASSIGN auditProxy = GetRESTProxy()
auditProxy.AddHeader("Authorization", "Bearer {accessToken}")
ASSIGN audit = auditProxy.MakeRestRequest("https://api.example-crm.com/v2/audit/{ContactID}", "", 0, "POST")
FOR attempt = 1 TO 3
{
  ASSIGN retryProxy = GetRESTProxy()
  ASSIGN retryResult = retryProxy.MakeRestRequest("https://auth.example-idp.com/oauth/token", tokenBody, 0, "POST")
  ASSIGN retryToken = retryResult.access_token
}
TRACE "customer {customer.name} orders {summary}"
`;

/** Copies of the sample in one warm-up text (see `warmUpText`). */
export const WARM_UP_COPIES = 3;

/**
 * What the warm-up lints: the sample `copies` times over, each copy's FUNCTION under its own name (a script declares a
 * FUNCTION once). What the JIT needs is enough statements through the parser, the flow model and the rules; measured
 * on the first 20 edits of a 2,000-line script after 40 runs (in process, three runs each): the sample alone (~230 ms
 * of warm-up) left their p95 at 65–80 ms against 70–80 with no warm-up, three copies (~550 ms) brought it to 43–48
 * and the first analysis of the script from 53–74 to 24–30 ms; steady state is 18–23 ms.
 */
export function warmUpText(copies: number = WARM_UP_COPIES): string {
  return Array.from({ length: copies }, (_, k) => sampleCopy(WARM_UP_SAMPLE, k)).join('\n');
}

/** Copy `k` (from 0) of sample code: its FUNCTION under a name of its own (a script declares a FUNCTION once). */
function sampleCopy(code: string, k: number): string {
  return code.replace(/LookupOrder/g, `LookupOrder${k + 1}`);
}

/** Copies of the sample's parts in the warm-up export: about 40 SNIPPET actions, as a real IVR script has. */
export const WARM_UP_EXPORT_COPIES = 8;

/** One action of the warm-up export, in the shape Desktop Studio writes (language.md §4). */
function actionStruct(id: number, type: string, caption: string, parameters: readonly string[], next?: number): string {
  const strings = parameters.map((p) =>
    p === '' ? '        <string />' : `        <string>${escapeXmlText(p)}</string>`,
  );
  const nextAction =
    next === undefined
      ? ['      <DefaultNextAction />']
      : [
          '      <DefaultNextAction>',
          '        <Text />',
          `        <ActionID>${next}</ActionID>`,
          '        <Index>0</Index>',
          '        <Segments />',
          '      </DefaultNextAction>',
        ];
  return [
    '    <ActionStruct>',
    `      <ActionID>${id}</ActionID>`,
    `      <Action>${type}</Action>`,
    `      <Caption>${escapeXmlText(caption)}</Caption>`,
    '      <Parameters>',
    ...strings,
    '      </Parameters>',
    ...nextAction,
    '      <Branches />',
    '      <Cases />',
    '    </ActionStruct>',
  ].join('\r\n');
}

/**
 * The sample as a Desktop Studio export, the warm-up's document when the user works on exports: BEGIN, then each
 * `// …`-headed part of the sample as a SNIPPET action, `copies` times over (each copy's FUNCTION renamed), with a
 * MENU or a WAIT after each, so that the export reader, the action graph and the token age across actions are
 * compiled too. Measured in process: after 200 runs on a 46-action export, the first edits of another one took 3–5 ms
 * against 9–21 ms after the .snippet warm-up alone.
 */
export function warmUpExport(copies: number = WARM_UP_EXPORT_COPIES): string {
  const parts = WARM_UP_SAMPLE.split(/\n(?=\/\/ )/).map((part) => part.trimEnd());
  const codes = Array.from({ length: copies }, (_, k) => parts.map((part) => sampleCopy(part, k))).flat();
  const actions = [actionStruct(1, 'BEGIN', 'Begin', ['', '', ''], 2)];
  codes.forEach((code, i) => {
    const id = 2 + 2 * i;
    actions.push(actionStruct(id, 'SNIPPET', `Step ${i + 1}`, [code, 'Limit2K'], id + 1));
    if (i === codes.length - 1) actions.push(actionStruct(id + 1, 'END', 'End', []));
    else if (i % 2 === 0)
      actions.push(actionStruct(id + 1, 'MENU', `Menu ${i + 1}`, ['"%Press 1."', '', 'True', '1'], id + 2));
    else actions.push(actionStruct(id + 1, 'WAIT', `Wait ${i + 1}`, ['30'], id + 2));
  });
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
