import type { EquivalentPrograms } from './cross-notation-helpers';

/**
 * Hand-written programs, each in real Snippet, in the guide's notation and as SNIPPET actions of an export, with
 * the codes every notation must report on each marked line. Every diagnostic code has a program that reports it.
 * Lines of script code are as long as authors write them (a token request is one statement on one line): a line
 * over 120 columns here is script text, which cannot be wrapped without changing what it says.
 */

const TOKEN_REQUEST_SNIPPET = `ASSIGN tokenProxy = GetRESTProxy()
tokenProxy.ContentType = "application/x-www-form-urlencoded"
ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://login.example-idp.com/oauth2/v1/token", "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}", 0, "POST")`;

const TOKEN_REQUEST_GUIDE = `var tokenReq = new CXone.HttpRequest();
tokenReq.method = "POST";
tokenReq.url = "https://login.example-idp.com/oauth2/v1/token";
tokenReq.body = "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";
var tokenResp = tokenReq.send();`;

/** Pattern A: the token was fetched when the contact started, and the main menu lies between. */
const patternA: EquivalentPrograms = {
  name: 'a token fetched before the main menu is sent without an expiry check',
  snippet: `// SNIPPET "Lookup customer": accessToken was fetched by "Get token" before the main menu
ASSIGN crmProxy = GetRESTProxy()
crmProxy.AddHeader("Authorization", "Bearer {accessToken}") // @use
ASSIGN customer = crmProxy.MakeRestRequest("https://api.example-crm.com/customers/{ANI}", "", 0, "GET")
ASSIGN crmStatus = "{crmProxy.StatusCode}"
IF crmStatus = 401 | crmStatus = 403
{
  ASSIGN accessToken = ""
  ASSIGN apiError = "AUTH_{crmStatus}"
}
`,
  guide: `ASSIGN accessToken = GetOAuthToken();
MENU "Main menu"
SNIPPET
var crmReq = new CXone.HttpRequest();
crmReq.url = "https://api.example-crm.com/customers/{ANI}";
crmReq.headers["Authorization"] = "Bearer {accessToken}"; // @use
var customer = crmReq.send();
if (customer.statusCode == 401 || customer.statusCode == 403) {
  SET accessToken = "";
  SET apiError = "AUTH_" + customer.statusCode;
}
END SNIPPET
`,
  export: [
    { caption: 'Get token', snippet: 'ASSIGN accessToken = GetOAuthToken()' },
    { caption: 'Main menu', action: 'MENU' },
    {
      caption: 'Lookup customer',
      snippet: `ASSIGN crmProxy = GetRESTProxy()
crmProxy.AddHeader("Authorization", "Bearer {accessToken}") // @use
ASSIGN customer = crmProxy.MakeRestRequest("https://api.example-crm.com/customers/{ANI}", "", 0, "GET")
ASSIGN crmStatus = "{crmProxy.StatusCode}"
IF crmStatus = 401 | crmStatus = 403
{
  ASSIGN accessToken = ""
  ASSIGN apiError = "AUTH_{crmStatus}"
}`,
    },
  ],
  expected: { '@use': ['token-reuse-without-expiry'] },
};

/** The reported bug: an expiry named `tokExp`, set by an earlier action, guards the refresh. */
const tokExpRefresh: EquivalentPrograms = {
  name: 'an expiry check on tokExp guards the refresh of crmToken',
  snippet: `ASSIGN refreshBuffer = 120 + (ContactID % 361)
IF crmToken = "" | utc >= tokExp - (refreshBuffer / 86400) // @check
{
  ASSIGN crmToken = GetOAuthToken()
}
ASSIGN crmProxy = GetRESTProxy()
crmProxy.AddHeader("Authorization", "Bearer {crmToken}") // @use
ASSIGN order = crmProxy.MakeRestRequest("https://api.example-crm.com/orders/{orderId}", "", 0, "GET")
IF crmProxy.StatusCode = 401 | crmProxy.StatusCode = 403
{
  ASSIGN crmToken = ""
  ASSIGN apiError = "AUTH_FAILURE"
}
`,
  guide: `SNIPPET
var now = Math.floor(Date.now() / 1000);
var refreshBuffer = 120 + Math.floor(Math.random() * 361);
if ("{crmToken}" == "" || now >= parseInt("{tokExp}") - refreshBuffer) { // @check
  SET crmToken = GetOAuthToken();
}
var crmReq = new CXone.HttpRequest();
crmReq.url = "https://api.example-crm.com/orders/{orderId}";
crmReq.headers["Authorization"] = "Bearer {crmToken}"; // @use
var order = crmReq.send();
if (order.statusCode == 401 || order.statusCode == 403) {
  SET crmToken = "";
  SET apiError = "AUTH_FAILURE";
}
END SNIPPET
`,
  export: [
    {
      caption: 'Get order',
      snippet: `ASSIGN refreshBuffer = 120 + (ContactID % 361)
IF crmToken = "" | utc >= tokExp - (refreshBuffer / 86400) // @check
{
  ASSIGN crmToken = GetOAuthToken()
}
ASSIGN crmProxy = GetRESTProxy()
crmProxy.AddHeader("Authorization", "Bearer {crmToken}") // @use
ASSIGN order = crmProxy.MakeRestRequest("https://api.example-crm.com/orders/{orderId}", "", 0, "GET")
IF crmProxy.StatusCode = 401 | crmProxy.StatusCode = 403
{
  ASSIGN crmToken = ""
  ASSIGN apiError = "AUTH_FAILURE"
}`,
    },
  ],
  expected: {},
};

interface StrategyBVariant {
  readonly name: string;
  /** Lines before the check (a buffer), in each notation. */
  readonly snippetSetup: string;
  readonly guideSetup: string;
  /** The refresh condition. */
  readonly snippetCheck: string;
  readonly guideCheck: string;
  /** The value stored as the expiry. */
  readonly snippetExpiry: string;
  readonly guideExpiry: string;
  readonly expected: EquivalentPrograms['expected'];
  readonly settings?: Record<string, unknown>;
}

/**
 * Strategy B as the guide writes it (cached token, expiry from expires_in, buffered check, 401 handler), with the
 * parts a variant changes. The export holds the Snippet code as one SNIPPET action.
 */
function strategyB(variant: StrategyBVariant): EquivalentPrograms {
  const snippet = `${variant.snippetSetup}IF cachedToken = "" | tokenExpiry = "" | ${variant.snippetCheck} // @check
{
${TOKEN_REQUEST_SNIPPET}
  IF tokenProxy.StatusCode = 200
  {
    ASSIGN cachedToken = tokenResult.access_token // @store
    ASSIGN tokenExpiry = ${variant.snippetExpiry} // @expiry
  }
  ELSE
  {
    ASSIGN cachedToken = ""
    ASSIGN tokenExpiry = ""
    ASSIGN apiError = "TOKEN_HTTP_{tokenProxy.StatusCode}"
  }
}
ASSIGN orderProxy = GetRESTProxy()
orderProxy.AddHeader("Authorization", "Bearer {cachedToken}") // @use
ASSIGN order = orderProxy.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET") // @call
IF orderProxy.StatusCode = 401 | orderProxy.StatusCode = 403
{
  ASSIGN cachedToken = ""
  ASSIGN tokenExpiry = ""
  ASSIGN apiError = "AUTH_FAILURE"
}`;
  const guide = `SNIPPET
var currentTime = Math.floor(Date.now() / 1000);
var tokenExpiry = parseInt("{strTokenExpiry}") || 0;
${variant.guideSetup}if ("{strCachedToken}" == "" || ${variant.guideCheck}) { // @check
${TOKEN_REQUEST_GUIDE}
  if (tokenResp.statusCode == 200) {
    var tokenData = JSON.parse(tokenResp.body);
    SET strCachedToken = tokenData.access_token; // @store
    SET strTokenExpiry = ${variant.guideExpiry}; // @expiry
  } else {
    SET strCachedToken = "";
    SET strTokenExpiry = "0";
    SET strApiError = "TOKEN_HTTP_" + tokenResp.statusCode;
  }
}
var orderReq = new CXone.HttpRequest();
orderReq.url = "https://api.example-oms.com/orders/{orderId}";
orderReq.headers["Authorization"] = "Bearer {strCachedToken}"; // @use
var orderResp = orderReq.send(); // @call
if (orderResp.statusCode == 401 || orderResp.statusCode == 403) {
  SET strCachedToken = "";
  SET strTokenExpiry = "0";
  SET strApiError = "AUTH_FAILURE";
}
END SNIPPET
`;
  return {
    name: variant.name,
    snippet: `${snippet}\n`,
    guide,
    export: [{ caption: 'Get order', snippet }],
    expected: variant.expected,
    ...(variant.settings ? { settings: variant.settings } : {}),
  };
}

const JITTERED_SNIPPET = `IF refreshBuffer = ""
{
  ASSIGN refreshBuffer = 120 + (ContactID % 361)
}
`;
const JITTERED_GUIDE = 'var refreshBuffer = 120 + Math.floor(Math.random() * 361);\n';

const strategyBJittered = strategyB({
  name: 'Strategy B with a jittered buffer and a 401 handler reports nothing',
  snippetSetup: JITTERED_SNIPPET,
  guideSetup: JITTERED_GUIDE,
  snippetCheck: 'utc >= tokenExpiry - (refreshBuffer / 86400)',
  guideCheck: 'currentTime >= tokenExpiry - refreshBuffer',
  snippetExpiry: 'utc + (tokenResult.expires_in / 86400)',
  guideExpiry: '(currentTime + tokenData.expires_in).toString()',
  expected: {},
});

const fixedLifetime = strategyB({
  name: 'an expiry computed from a fixed 3600 s lifetime',
  snippetSetup: JITTERED_SNIPPET,
  guideSetup: JITTERED_GUIDE,
  snippetCheck: 'utc >= tokenExpiry - (refreshBuffer / 86400)',
  guideCheck: 'currentTime >= tokenExpiry - refreshBuffer',
  snippetExpiry: 'utc + (3600 / 86400)',
  guideExpiry: '(currentTime + 3600).toString()',
  expected: { '@expiry': ['token-expires-in-ignored'] },
});

const noBuffer = strategyB({
  name: 'an expiry check without a buffer',
  snippetSetup: '',
  guideSetup: '',
  snippetCheck: 'utc >= tokenExpiry',
  guideCheck: 'currentTime >= tokenExpiry',
  snippetExpiry: 'utc + (tokenResult.expires_in / 86400)',
  guideExpiry: '(currentTime + tokenData.expires_in).toString()',
  expected: { '@check': ['token-expiry-no-buffer'] },
});

const fixedBuffer = strategyB({
  name: 'a fixed 300 s buffer',
  snippetSetup: '',
  guideSetup: '',
  snippetCheck: 'utc >= tokenExpiry - (300 / 86400)',
  guideCheck: 'currentTime >= tokenExpiry - 300',
  snippetExpiry: 'utc + (tokenResult.expires_in / 86400)',
  guideExpiry: '(currentTime + tokenData.expires_in).toString()',
  expected: { '@check': ['refresh-without-jitter'] },
});

const accessTokenExpiresAt = strategyB({
  name: 'an expiry named accessTokenExpiresAt checked against currentTime',
  snippetSetup: JITTERED_SNIPPET,
  guideSetup: JITTERED_GUIDE,
  snippetCheck: 'currentTime >= accessTokenExpiresAt - (refreshBuffer / 86400)',
  guideCheck: 'currentTime >= parseInt("{accessTokenExpiresAt}") - refreshBuffer',
  snippetExpiry: 'utc + (tokenResult.expires_in / 86400)',
  guideExpiry: '(currentTime + tokenData.expires_in).toString()',
  expected: {},
});

/** A program held in one SNIPPET action of the export, the same code as the `.snippet`. */
function oneAction(
  name: string,
  snippet: string,
  guide: string,
  expected: EquivalentPrograms['expected'],
  settings?: Record<string, unknown>,
): EquivalentPrograms {
  return {
    name,
    snippet: `${snippet}\n`,
    guide,
    export: [{ caption: 'Call the API', snippet }],
    expected,
    ...(settings ? { settings } : {}),
  };
}

const tokenPerOrder = oneAction(
  'a token fetched for every order of a loop',
  `FOREACH orderId IN orderIds
{
${TOKEN_REQUEST_SNIPPET} // @fetch
  IF tokenProxy.StatusCode = 200
  {
    ASSIGN freshToken = tokenResult.access_token
    ASSIGN api = GetRESTProxy()
    api.AddHeader("Authorization", "Bearer {freshToken}")
    ASSIGN order = api.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")
    IF api.StatusCode = 401 | api.StatusCode = 403
    {
      ASSIGN apiError = "AUTH_FAILURE"
    }
  }
}`,
  `SNIPPET
var orderIds = "{orderIds}".split(",");
for (var i = 0; i < orderIds.length; i++) {
  var tokenReq = new CXone.HttpRequest();
  tokenReq.method = "POST";
  tokenReq.url = "https://login.example-idp.com/oauth2/v1/token";
  tokenReq.body = "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&client_secret={SECURE_CLIENT_SECRET}";
  var tokenResp = tokenReq.send(); // @fetch
  if (tokenResp.statusCode == 200) {
    var freshToken = JSON.parse(tokenResp.body).access_token;
    var api = new CXone.HttpRequest();
    api.url = "https://api.example-oms.com/orders/" + orderIds[i];
    api.headers["Authorization"] = "Bearer " + freshToken;
    var order = api.send();
    if (order.statusCode == 401 || order.statusCode == 403) {
      SET apiError = "AUTH_FAILURE";
    }
  }
}
END SNIPPET
`,
  { '@fetch': ['token-fetch-in-loop'] },
);

const uncheckedStatus = oneAction(
  'an API call whose 401 is never handled',
  `ASSIGN freshToken = GetOAuthToken()
ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Bearer {freshToken}")
ASSIGN balance = api.MakeRestRequest("https://api.example-bank.com/v1/accounts/{ANI}/balance", "", 0, "GET") // @call
ASSIGN balanceText = balance.amount`,
  `SNIPPET
var freshToken = GetOAuthToken();
var api = new CXone.HttpRequest();
api.url = "https://api.example-bank.com/v1/accounts/{ANI}/balance";
api.headers["Authorization"] = "Bearer " + freshToken;
var balance = api.send(); // @call
SET balanceText = JSON.parse(balance.body).amount;
END SNIPPET
`,
  { '@call': ['unchecked-auth-status'] },
);

const statusCopiedToHttpCode = oneAction(
  'a 401 handled through a copy of the status named httpCode',
  `ASSIGN freshToken = GetOAuthToken()
ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Bearer {freshToken}")
ASSIGN balance = api.MakeRestRequest("https://api.example-bank.com/v1/accounts/{ANI}/balance", "", 0, "GET") // @call
ASSIGN httpCode = "{api.StatusCode}"
IF httpCode = 401 | httpCode = 403
{
  ASSIGN authErr = "AUTH_{httpCode}"
}`,
  `SNIPPET
var freshToken = GetOAuthToken();
var api = new CXone.HttpRequest();
api.url = "https://api.example-bank.com/v1/accounts/{ANI}/balance";
api.headers["Authorization"] = "Bearer " + freshToken;
var balance = api.send(); // @call
var httpCode = balance.statusCode;
if (httpCode == 401 || httpCode == 403) {
  SET authErr = "AUTH_" + httpCode;
}
END SNIPPET
`,
  {},
);

const literalSecret = oneAction(
  'a client secret written into the token request body',
  `ASSIGN tokenProxy = GetRESTProxy()
ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://login.example-idp.com/oauth2/v1/token", "grant_type=client_credentials&client_id=ivr-app&client_secret=Q7v2mK9xLp4Rt8sW", 0, "POST") // @body
IF tokenProxy.StatusCode = 200
{
  ASSIGN freshToken = tokenResult.access_token
}`,
  `SNIPPET
var tokenReq = new CXone.HttpRequest();
tokenReq.method = "POST";
tokenReq.url = "https://login.example-idp.com/oauth2/v1/token";
tokenReq.body = "grant_type=client_credentials&client_id=ivr-app&client_secret=Q7v2mK9xLp4Rt8sW"; // @body
var tokenResp = tokenReq.send();
if (tokenResp.statusCode == 200) {
  var freshToken = JSON.parse(tokenResp.body).access_token;
}
END SNIPPET
`,
  { '@body': ['hardcoded-secret'] },
);

/** A JWT as pasted from a debugger: header, payload (`sub`, `exp`), signature. */
const PASTED_JWT = [
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  'eyJzdWIiOiJpdnItYXBwIiwiZXhwIjoxNzAwMDAzNjAwfQ',
  'dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk4',
].join('.');

const pastedToken = oneAction(
  'a JWT pasted into the Authorization header',
  `ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Bearer ${PASTED_JWT}") // @header
ASSIGN order = api.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")
IF api.StatusCode = 401
{
  ASSIGN apiError = "AUTH_FAILURE"
}`,
  `SNIPPET
var api = new CXone.HttpRequest();
api.url = "https://api.example-oms.com/orders/{orderId}";
api.headers["Authorization"] = "Bearer ${PASTED_JWT}"; // @header
var order = api.send();
if (order.statusCode == 401) {
  SET apiError = "AUTH_FAILURE";
}
END SNIPPET
`,
  { '@header': ['hardcoded-token'] },
);

const tokenReadUnchecked = oneAction(
  'a token read from the response whatever the status',
  `${TOKEN_REQUEST_SNIPPET}
ASSIGN payBearer = tokenResult.access_token // @read
ASSIGN pay = GetRESTProxy()
pay.AddHeader("Authorization", "Bearer {payBearer}")
ASSIGN payment = pay.MakeRestRequest("https://api.example-pay.com/v2/payments/{paymentId}", "", 0, "GET")
IF pay.StatusCode = 401 | pay.StatusCode = 403
{
  ASSIGN apiError = "AUTH_FAILURE"
}`,
  `SNIPPET
${TOKEN_REQUEST_GUIDE}
var payBearer = JSON.parse(tokenResp.body).access_token; // @read
var pay = new CXone.HttpRequest();
pay.url = "https://api.example-pay.com/v2/payments/{paymentId}";
pay.headers["Authorization"] = "Bearer " + payBearer;
var payment = pay.send();
if (payment.statusCode == 401 || payment.statusCode == 403) {
  SET apiError = "AUTH_FAILURE";
}
END SNIPPET
`,
  { '@read': ['token-fetch-unchecked'] },
);

const exchangeWithoutOwnExpiry = oneAction(
  'a resource token refreshed on the client token expiry alone',
  `ASSIGN refreshBuffer = 120 + (ContactID % 361)
IF clientToken = "" | clientTokenExpiry = "" | utc >= clientTokenExpiry - (refreshBuffer / 86400)
{
${TOKEN_REQUEST_SNIPPET}
  IF tokenProxy.StatusCode = 200
  {
    ASSIGN clientToken = tokenResult.access_token
    ASSIGN clientTokenExpiry = utc + (tokenResult.expires_in / 86400)
    ASSIGN exchangeProxy = GetRESTProxy()
    ASSIGN exchangeResult = exchangeProxy.MakeRestRequest("https://login.example-idp.com/oauth2/v1/token", "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={clientToken}&subject_token_type=urn:ietf:params:oauth:token-type:access_token", 0, "POST")
    IF exchangeProxy.StatusCode = 200
    {
      ASSIGN resourceToken = exchangeResult.access_token // @resource
    }
  }
}
ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Bearer {resourceToken}")
ASSIGN account = api.MakeRestRequest("https://api.example-core.com/accounts/{ANI}", "", 0, "GET")
IF api.StatusCode = 401 | api.StatusCode = 403
{
  ASSIGN resourceToken = ""
  ASSIGN apiError = "AUTH_FAILURE"
}`,
  `SNIPPET
var currentTime = Math.floor(Date.now() / 1000);
var refreshBuffer = 120 + Math.floor(Math.random() * 361);
var clientExpiry = parseInt("{strClientTokenExpiry}") || 0;
if ("{strClientToken}" == "" || currentTime >= clientExpiry - refreshBuffer) {
${TOKEN_REQUEST_GUIDE}
  if (tokenResp.statusCode == 200) {
    var tokenData = JSON.parse(tokenResp.body);
    SET strClientToken = tokenData.access_token;
    SET strClientTokenExpiry = (currentTime + tokenData.expires_in).toString();
    var exReq = new CXone.HttpRequest();
    exReq.method = "POST";
    exReq.url = "https://login.example-idp.com/oauth2/v1/token";
    exReq.body = "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token={strClientToken}&subject_token_type=urn:ietf:params:oauth:token-type:access_token";
    var exResp = exReq.send();
    if (exResp.statusCode == 200) {
      SET strResourceToken = JSON.parse(exResp.body).access_token; // @resource
    }
  }
}
var api = new CXone.HttpRequest();
api.url = "https://api.example-core.com/accounts/{ANI}";
api.headers["Authorization"] = "Bearer {strResourceToken}";
var account = api.send();
if (account.statusCode == 401 || account.statusCode == 403) {
  SET strResourceToken = "";
  SET apiError = "AUTH_FAILURE";
}
END SNIPPET
`,
  { '@resource': ['resource-token-expiry-untracked'] },
);

const unterminatedUrl = oneAction(
  'an unterminated string',
  `ASSIGN api = GetRESTProxy()
ASSIGN orderUrl = "https://api.example-oms.com/orders/{orderId} // @broken
ASSIGN order = api.MakeRestRequest(orderUrl, "", 0, "GET") // @call`,
  `SNIPPET
var api = new CXone.HttpRequest();
var orderUrl = "https://api.example-oms.com/orders/{orderId} // @broken
api.url = orderUrl;
var order = api.send(); // @call
END SNIPPET
`,
  { '@broken': ['syntax-error'], '@call': ['unchecked-auth-status'] },
);

const strategyA = oneAction(
  'Strategy A: a fresh token right before the call, status checked',
  `${TOKEN_REQUEST_SNIPPET}
IF tokenProxy.StatusCode = 200
{
  ASSIGN crmJwt = tokenResult.access_token
  ASSIGN crm = GetRESTProxy()
  crm.AddHeader("Authorization", "Bearer {crmJwt}")
  ASSIGN contact = crm.MakeRestRequest("https://api.example-crm.com/contacts/{ANI}", "", 0, "GET")
  IF crm.StatusCode = 401 | crm.StatusCode = 403
  {
    ASSIGN authErr = "AUTH_FAILURE"
  }
}
ELSE
{
  ASSIGN authErr = "TOKEN_HTTP_{tokenProxy.StatusCode}"
}`,
  `SNIPPET
${TOKEN_REQUEST_GUIDE}
if (tokenResp.statusCode == 200) {
  var crmJwt = JSON.parse(tokenResp.body).access_token;
  var crm = new CXone.HttpRequest();
  crm.url = "https://api.example-crm.com/contacts/{ANI}";
  crm.headers["Authorization"] = "Bearer " + crmJwt;
  var contact = crm.send();
  if (contact.statusCode == 401 || contact.statusCode == 403) {
    SET authErr = "AUTH_FAILURE";
  }
} else {
  SET authErr = "TOKEN_HTTP_" + tokenResp.statusCode;
}
END SNIPPET
`,
  {},
);

const businessHours = oneAction(
  'a business-hours check against now is no expiry check',
  `ASSIGN closingTime = "{closingTimeSetting}"
IF utc >= closingTime - (300 / 86400) // @check
{
  ASSIGN transferToVoicemail = 1
}`,
  `SNIPPET
var currentTime = Math.floor(Date.now() / 1000);
var closingTime = parseInt("{closingTimeSetting}");
if (currentTime >= closingTime - 300) { // @check
  SET transferToVoicemail = 1;
}
END SNIPPET
`,
  {},
);

const expiryCopiedToLocal = oneAction(
  'an expiry copied into a neutral name still guards the refresh',
  `ASSIGN due = tokenExpiry
IF accessToken = "" | utc >= due - (300 / 86400) // @check
{
  ASSIGN accessToken = GetOAuthToken()
}
ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Bearer {accessToken}") // @use
ASSIGN account = api.MakeRestRequest("https://api.example-core.com/accounts/{ANI}", "", 0, "GET")
IF api.StatusCode = 401 | api.StatusCode = 403
{
  ASSIGN accessToken = ""
  ASSIGN apiError = "AUTH_FAILURE"
}`,
  `SNIPPET
var currentTime = Math.floor(Date.now() / 1000);
var due = parseInt("{tokenExpiry}") || 0;
if ("{accessToken}" == "" || currentTime >= due - 300) { // @check
  SET accessToken = GetOAuthToken();
}
var api = new CXone.HttpRequest();
api.url = "https://api.example-core.com/accounts/{ANI}";
api.headers["Authorization"] = "Bearer {accessToken}"; // @use
var account = api.send();
if (account.statusCode == 401 || account.statusCode == 403) {
  SET accessToken = "";
  SET apiError = "AUTH_FAILURE";
}
END SNIPPET
`,
  { '@check': ['refresh-without-jitter'] },
);

const nowPlusLifetime = oneAction(
  'now plus a lifetime held in a variable is a time the token is due at',
  `ASSIGN crmDue = utc + (lifetimeSeconds / 86400)
IF accessToken = "" | utc >= crmDue - (300 / 86400) // @check
{
  ASSIGN accessToken = GetOAuthToken()
}
ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Bearer {accessToken}") // @use
ASSIGN account = api.MakeRestRequest("https://api.example-core.com/accounts/{ANI}", "", 0, "GET")
IF api.StatusCode = 401
{
  ASSIGN accessToken = ""
  ASSIGN apiError = "AUTH_FAILURE"
}`,
  `SNIPPET
var currentTime = Math.floor(Date.now() / 1000);
var crmDue = currentTime + lifetimeSeconds;
if ("{accessToken}" == "" || currentTime >= crmDue - 300) { // @check
  SET accessToken = GetOAuthToken();
}
var api = new CXone.HttpRequest();
api.url = "https://api.example-core.com/accounts/{ANI}";
api.headers["Authorization"] = "Bearer {accessToken}"; // @use
var account = api.send();
if (account.statusCode == 401) {
  SET accessToken = "";
  SET apiError = "AUTH_FAILURE";
}
END SNIPPET
`,
  { '@check': ['refresh-without-jitter'] },
);

const secretInComment = oneAction(
  'a client secret left in a comment',
  `// old token body: grant_type=client_credentials&client_secret=Q7v2mK9xLp4Rt8sW // @comment
ASSIGN freshToken = GetOAuthToken()`,
  `SNIPPET
// old token body: grant_type=client_credentials&client_secret=Q7v2mK9xLp4Rt8sW // @comment
var freshToken = GetOAuthToken();
END SNIPPET
`,
  { '@comment': ['hardcoded-secret'] },
);

const secretInJsonBody = oneAction(
  'a client secret in a JSON token request body',
  `ASSIGN tokenProxy = GetRESTProxy()
tokenProxy.ContentType = "application/json"
ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://login.example-idp.com/oauth2/v1/token", $"\\{ \\"grant_type\\": \\"client_credentials\\", \\"client_secret\\": \\"Q7v2mK9xLp4Rt8sW\\" }", 0, "POST") // @body
IF tokenProxy.StatusCode = 200
{
  ASSIGN freshToken = tokenResult.access_token
}`,
  `SNIPPET
var tokenReq = new CXone.HttpRequest();
tokenReq.method = "POST";
tokenReq.url = "https://login.example-idp.com/oauth2/v1/token";
tokenReq.body = '{ "grant_type": "client_credentials", "client_secret": "Q7v2mK9xLp4Rt8sW" }'; // @body
var tokenResp = tokenReq.send(); // @body
if (tokenResp.statusCode == 200) {
  var freshToken = JSON.parse(tokenResp.body).access_token;
}
END SNIPPET
`,
  { '@body': ['hardcoded-secret'] },
);

const basicWithSubstitutedUser = oneAction(
  'Basic credentials with a substituted user and a literal password',
  `ASSIGN basicAuth = EncodeBase64("{clientId}:Q7v2mK9xLp4Rt8sW") // @basic
ASSIGN tokenProxy = GetRESTProxy()
tokenProxy.AddHeader("Authorization", "Basic {basicAuth}")
ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://login.example-idp.com/oauth2/v1/token", "grant_type=client_credentials", 0, "POST")
IF tokenProxy.StatusCode = 200
{
  ASSIGN freshToken = tokenResult.access_token
}`,
  `SNIPPET
var basicAuth = btoa("{clientId}:Q7v2mK9xLp4Rt8sW"); // @basic
var tokenReq = new CXone.HttpRequest();
tokenReq.method = "POST";
tokenReq.url = "https://login.example-idp.com/oauth2/v1/token";
tokenReq.headers["Authorization"] = "Basic " + basicAuth;
tokenReq.body = "grant_type=client_credentials";
var tokenResp = tokenReq.send();
if (tokenResp.statusCode == 200) {
  var freshToken = JSON.parse(tokenResp.body).access_token;
}
END SNIPPET
`,
  { '@basic': ['hardcoded-secret'] },
);

const sixteenCharacterToken = oneAction(
  'a 16-character API token pasted into a token variable',
  `ASSIGN apiToken = "a1b2c3d4e5f6g7h8" // @literal
ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Bearer {apiToken}") // @use
ASSIGN account = api.MakeRestRequest("https://api.example-core.com/accounts/{ANI}", "", 0, "GET") // @call
IF api.StatusCode = 401
{
  ASSIGN apiError = "AUTH_FAILURE"
}`,
  `SNIPPET
var apiToken = "a1b2c3d4e5f6g7h8"; // @literal
var api = new CXone.HttpRequest();
api.url = "https://api.example-core.com/accounts/{ANI}";
api.headers["Authorization"] = "Bearer " + apiToken; // @use
var account = api.send(); // @call
if (account.statusCode == 401) {
  SET apiError = "AUTH_FAILURE";
}
END SNIPPET
`,
  // A pasted token is kept like a cached one: a 401 that only sets an error flag leaves it to fail again.
  { '@literal': ['hardcoded-token'], '@use': ['token-reuse-without-expiry'], '@call': ['unchecked-auth-status'] },
);

const placeholderToken = oneAction(
  'a placeholder of letters only in a token variable is no token',
  `ASSIGN accessToken = "pasteYourAccessTokenHere" // @literal`,
  `SNIPPET
var accessToken = "pasteYourAccessTokenHere"; // @literal
END SNIPPET
`,
  {},
);

const basicSchemeWithoutCredentials = oneAction(
  'a Basic header whose value decodes to no user:password is no literal credential',
  `ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Basic XXXXXXXXXXXX") // @header
ASSIGN account = api.MakeRestRequest("https://api.example-core.com/accounts/{ANI}", "", 0, "GET")
IF api.StatusCode = 401
{
  ASSIGN apiError = "AUTH_FAILURE"
}`,
  `SNIPPET
var api = new CXone.HttpRequest();
api.url = "https://api.example-core.com/accounts/{ANI}";
api.headers["Authorization"] = "Basic XXXXXXXXXXXX"; // @header
var account = api.send();
if (account.statusCode == 401) {
  SET apiError = "AUTH_FAILURE";
}
END SNIPPET
`,
  {},
);

const errorResetToZero = oneAction(
  'an error variable set to "0" on failure is a reset, not an error path',
  `ASSIGN freshToken = GetOAuthToken()
ASSIGN api = GetRESTProxy()
api.AddHeader("Authorization", "Bearer {freshToken}")
ASSIGN account = api.MakeRestRequest("https://api.example-core.com/accounts/{ANI}", "", 0, "GET") // @call
IF api.StatusCode != 200
{
  ASSIGN apiError = "0"
}`,
  `SNIPPET
var freshToken = GetOAuthToken();
var api = new CXone.HttpRequest();
api.url = "https://api.example-core.com/accounts/{ANI}";
api.headers["Authorization"] = "Bearer " + freshToken;
var account = api.send(); // @call
if (account.statusCode != 200) {
  SET apiError = "0";
}
END SNIPPET
`,
  { '@call': ['unchecked-auth-status'] },
);

/** What a quick fix leaves when the token's acquisition is in another script: an endpoint to fill in. */
const endpointLeftToFill = oneAction(
  'a token request to the reserved placeholder host a fix left',
  `ASSIGN crmTokenProxy = GetRESTProxy()
crmTokenProxy.ProxyTimeoutSeconds = 2
ASSIGN crmTokenResult = crmTokenProxy.MakeRestRequest("https://token-endpoint.invalid/oauth/token", "grant_type=client_credentials&client_id={CRM_CLIENT_ID}&client_secret={CRM_CLIENT_SECRET}", 0, "POST") // @call
IF crmTokenProxy.StatusCode = 200
{
  ASSIGN crmToken = "{crmTokenResult.access_token}"
}
ELSE
{
  ASSIGN crmTokenError = "TOKEN_HTTP_{crmTokenProxy.StatusCode}"
}`,
  `SNIPPET
var tokenReq = new CXone.HttpRequest();
tokenReq.method = "POST";
tokenReq.url = "https://token-endpoint.invalid/oauth/token";
tokenReq.body = "grant_type=client_credentials&client_id={CRM_CLIENT_ID}&client_secret={CRM_CLIENT_SECRET}";
var tokenResp = tokenReq.send(); // @call
if (tokenResp.statusCode == 200) {
  SET crmToken = JSON.parse(tokenResp.body).access_token;
} else {
  SET crmTokenError = "TOKEN_HTTP_" + tokenResp.statusCode;
}
END SNIPPET
`,
  { '@call': ['unfilled-placeholder'] },
);

export const PROGRAMS: readonly EquivalentPrograms[] = [
  patternA,
  tokExpRefresh,
  strategyBJittered,
  fixedLifetime,
  noBuffer,
  fixedBuffer,
  accessTokenExpiresAt,
  tokenPerOrder,
  uncheckedStatus,
  statusCopiedToHttpCode,
  literalSecret,
  pastedToken,
  tokenReadUnchecked,
  exchangeWithoutOwnExpiry,
  unterminatedUrl,
  strategyA,
  businessHours,
  expiryCopiedToLocal,
  nowPlusLifetime,
  secretInComment,
  secretInJsonBody,
  basicWithSubstitutedUser,
  sixteenCharacterToken,
  placeholderToken,
  basicSchemeWithoutCredentials,
  endpointLeftToFill,
  errorResetToZero,
];
