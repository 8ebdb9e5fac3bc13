/**
 * Realistic documents for the protocol tests, each with the one syntax error it shows marked by a
 * caret annotation (test/helpers/annotated.ts) or, for XML, located by searching the text.
 */

/** A lookup with a broken interpolation in the 401/403 branch. */
export const SNIPPET_WITH_ERROR = `// Look up the caller's account with the cached token
ASSIGN baseUrl = "https://api.example-crm.com/v2"
ASSIGN proxy = GetRESTProxy()
proxy.ContentType = "application/json"
proxy.AddHeader("Authorization", "Bearer {cachedToken}")
ASSIGN account = proxy.MakeRestRequest("{baseUrl}/accounts/{ANI}", "", 0, "GET")
IF proxy.StatusCode = 401 | proxy.StatusCode = 403
{
  ASSIGN cachedToken = ""
  ASSIGN apiError = "AUTH_{proxy.StatusCode"
                                           ^ syntax-error: Unterminated string: add the closing " on this line
}
`;

/** The same lookup without the error. */
export const SNIPPET_CLEAN = `// Look up the caller's account with the cached token
ASSIGN baseUrl = "https://api.example-crm.com/v2"
ASSIGN proxy = GetRESTProxy()
proxy.ContentType = "application/json"
proxy.AddHeader("Authorization", "Bearer {cachedToken}")
ASSIGN account = proxy.MakeRestRequest("{baseUrl}/accounts/{ANI}", "", 0, "GET")
IF proxy.StatusCode = 401 | proxy.StatusCode = 403
{
  ASSIGN cachedToken = ""
  ASSIGN apiError = "AUTH_{proxy.StatusCode}"
}
`;

/**
 * A Desktop Studio export whose SNIPPET code has entities (&amp; &lt; &gt;) before a syntax error:
 * the error's position must be the file's, not the decoded code's. Long line: the token body, as authors write it.
 */
export const EXPORT_WITH_ENTITIES = `<?xml version="1.0" encoding="utf-8"?>
<ScriptContainer xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Actions>
    <ActionStruct>
      <ActionID>3</ActionID>
      <Action>SNIPPET</Action>
      <Caption>Get OAuth token</Caption>
      <Parameters>
        <string>ASSIGN tokenBody = "grant_type=client_credentials&amp;client_id={SECURE_CLIENT_ID}&amp;client_secret={SECURE_CLIENT_SECRET}"
ASSIGN tokenResult = tokenProxy.MakeRestRequest(tokenUrl, tokenBody, 0, "POST")
IF tokenProxy.StatusCode &lt; 200 | tokenProxy.StatusCode &gt;= 300
{
  ASSIGN apiError = "TOKEN_HTTP_{tokenProxy.StatusCode"
}</string>
        <string>Limit2K</string>
      </Parameters>
      <DefaultNextAction>
        <Text />
        <ActionID>-1</ActionID>
        <Index>0</Index>
        <Segments />
      </DefaultNextAction>
      <Branches />
      <Cases />
    </ActionStruct>
  </Actions>
</ScriptContainer>
`;

/** Where the export's error is: the quote that opens a string inside the unclosed interpolation. */
export const EXPORT_ERROR_OFFSET = EXPORT_WITH_ENTITIES.indexOf('StatusCode"') + 'StatusCode'.length;

/** A header made of base64url JSON parts, as a JWT is: built here, no real credential. */
export function sampleJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signature = Buffer.from('not-a-real-signature').toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })}.${part(claims)}.${signature}`;
}

/** Deterministic bytes of every value (NUL, control characters, invalid UTF-8 decoded as U+FFFD). */
export function binaryJunk(length: number): string {
  const bytes = Buffer.alloc(length);
  let seed = 0x2545f491;
  for (let i = 0; i < length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  return bytes.toString('utf8');
}
