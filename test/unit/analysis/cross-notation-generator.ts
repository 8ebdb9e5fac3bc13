import * as fc from 'fast-check';
import type { ExportStep } from './cross-notation-helpers';

/**
 * Random programs a Studio author could write, each rendered in real Snippet, in the guide's notation and as SNIPPET
 * actions of an export, with the same marker on corresponding lines. Names are drawn from realistic spellings, so
 * the vocabulary is exercised as authors use it; each notation must then report the same codes on each marker.
 * A token request is one Snippet statement on one line, so its template is longer than 120 columns.
 */

const TOKEN_NAMES = [
  'accessToken',
  'cachedToken',
  'crmJwt',
  'payBearer',
  'bearerToken',
  'authToken',
  'securityToken',
  'accountToken',
  'idToken',
  'tokenValue',
  'apiJwt',
  'oauthToken',
  'validToken',
  'crm_token',
];
const EXPIRY_NAMES = [
  'tokExp',
  'accessTokenExpiresAt',
  'tokenExpiry',
  'crmJwtExp',
  'expiresAt',
  'tokenValidUntil',
  'payBearerExpiry',
  'tokenTtl',
  'authExpiry',
  'jwtExp',
  'token_expiry',
  'bearerExp',
  'cacheExpiresAt',
];
const ERROR_NAMES = ['apiError', 'authErr', 'errMsg', 'tokenFailure', 'httpErrCode', 'lastError', 'strApiError'];
const STATUS_NAMES = ['httpCode', 'httpStatus', 'statusCode', 'crmStatus', 'respCode', 'code', 'lastStatus'];
const PROXY_NAMES = ['crmProxy', 'api', 'payClient', 'orderProxy', 'http', 'svc', 'restCall'];
const NOW_NAMES = ['currentTime', 'now', 'nowSeconds', 'nowTs', 'timeNow'];
const BUFFER_NAMES = ['refreshBuffer', 'bufferSeconds', 'skew', 'earlyRefresh'];

/** How the token reaches the call. */
type Acquisition =
  /** A token request in this code, its token read from the response. */
  | 'request'
  /** `GetOAuthToken()`. */
  | 'function'
  /** Nothing here: an earlier action set it. */
  | 'earlier';

type Buffer = 'none' | 'constant' | 'jittered' | 'constant-variable';
type ExpiryValue = 'expires-in' | 'fixed-3600' | 'none';
type StatusHandling = 'none' | 'direct' | 'copy' | 'success-only' | 'success-else-error';
type Between = 'none' | 'MENU' | 'WAIT';
type Secret = 'none' | 'body' | 'basic';
type Presence = 'equals-empty' | 'length';

export interface GeneratedProgram {
  readonly token: string;
  readonly expiry: string;
  readonly error: string;
  readonly status: string;
  readonly proxy: string;
  readonly now: string;
  readonly buffer: string;
  readonly acquisition: Acquisition;
  /** The acquisition sits behind a presence and expiry check (Strategy B). */
  readonly cached: boolean;
  readonly bufferKind: Buffer;
  /** The check's arrangement: `now >= e - b`, `e - b <= now`, `now + b >= e`. */
  readonly arrangement: 0 | 1 | 2;
  readonly expiryValue: ExpiryValue;
  /** The token request's status is checked before its token is read. */
  readonly tokenChecked: boolean;
  readonly statusHandling: StatusHandling;
  /** The acquisition and the call run once per order. */
  readonly inLoop: boolean;
  /** A literal client secret: in the token request body, or as Basic credentials encoded in the script. */
  readonly secret: Secret;
  /** Real Snippet's now: `utc`, `now`, `now()`. */
  readonly snippetNow: string;
  /** The Authorization value is built in a variable first (`authHeader = "Bearer {token}"`). */
  readonly headerVariable: boolean;
  /** How the guide's notation tests that the cached token is there. */
  readonly presence: Presence;
  /** A split program's token comes from a script-level line of the guide's notation (`ASSIGN t = GetOAuthToken();`). */
  readonly scriptLevel: boolean;
  /** The acquisition is a unit of its own, before the call's (a later action or block). */
  readonly split: boolean;
  readonly between: Between;
}

export const programs: fc.Arbitrary<GeneratedProgram> = fc
  .record({
    token: fc.constantFrom(...TOKEN_NAMES),
    expiry: fc.constantFrom(...EXPIRY_NAMES),
    error: fc.constantFrom(...ERROR_NAMES),
    status: fc.constantFrom(...STATUS_NAMES),
    proxy: fc.constantFrom(...PROXY_NAMES),
    now: fc.constantFrom(...NOW_NAMES),
    buffer: fc.constantFrom(...BUFFER_NAMES),
    acquisition: fc.constantFrom<Acquisition>('request', 'function', 'earlier'),
    cached: fc.boolean(),
    bufferKind: fc.constantFrom<Buffer>('none', 'constant', 'jittered', 'constant-variable'),
    arrangement: fc.constantFrom<0 | 1 | 2>(0, 1, 2),
    expiryValue: fc.constantFrom<ExpiryValue>('expires-in', 'fixed-3600', 'none'),
    tokenChecked: fc.boolean(),
    statusHandling: fc.constantFrom<StatusHandling>('none', 'direct', 'copy', 'success-only', 'success-else-error'),
    inLoop: fc.boolean(),
    secret: fc.constantFrom<Secret>('none', 'body', 'basic'),
    snippetNow: fc.constantFrom('utc', 'now', 'now()'),
    headerVariable: fc.boolean(),
    presence: fc.constantFrom<Presence>('equals-empty', 'length'),
    scriptLevel: fc.boolean(),
    split: fc.boolean(),
    between: fc.constantFrom<Between>('none', 'MENU', 'WAIT'),
  })
  .filter((p) => p.status !== p.proxy && p.token !== p.proxy);

const SECRET = 'Q7v2mK9xLp4Rt8sW';

/** Lines of code in one notation, indented by nesting. */
class Lines {
  private readonly out: string[] = [];
  private depth = 0;
  constructor(private readonly unit: string) {}

  line(text: string, marker?: string): this {
    this.out.push(`${this.unit.repeat(this.depth)}${text}${marker ? ` // @${marker}` : ''}`);
    return this;
  }

  open(text: string, marker?: string, brace = ' {'): this {
    this.line(`${text}${brace}`, marker);
    this.depth++;
    return this;
  }

  close(text = '}'): this {
    this.depth--;
    return this.line(text);
  }

  /** `} else {`: closes a branch and opens the other. */
  orElse(): this {
    this.close('} else {');
    this.depth++;
    return this;
  }

  text(): string {
    return this.out.join('\n');
  }
}

// ---------------------------------------------------------------- real Snippet

/** The Snippet code of the acquisition unit (or of the whole program when it is not split). */
function snippetAcquisition(p: GeneratedProgram, out: Lines): void {
  const body = p.secret === 'body' ? `client_secret=${SECRET}` : 'client_secret={SECURE_CLIENT_SECRET}';
  const now = p.snippetNow;
  if (p.acquisition === 'earlier') return;
  if (p.cached) {
    if (p.bufferKind === 'jittered') {
      out.line(`IF ${p.buffer} = ""`).line('{').line(`ASSIGN ${p.buffer} = 120 + (ContactID % 361)`).line('}');
    } else if (p.bufferKind === 'constant-variable') {
      out.line(`ASSIGN ${p.buffer} = 300`);
    }
    out.line(`IF ${p.token} = "" | ${snippetCheck(p)}`, 'check').line('{');
  }
  if (p.acquisition === 'function') {
    out.line(`ASSIGN ${p.token} = GetOAuthToken()`, 'read');
    if (p.expiryValue !== 'none') out.line(`ASSIGN ${p.expiry} = ${now} + (3600 / 86400)`, 'expiry');
  } else {
    out.line('ASSIGN tokenProxy = GetRESTProxy()');
    out.line('tokenProxy.ContentType = "application/x-www-form-urlencoded"');
    if (p.secret === 'basic') {
      out.line(`ASSIGN basicAuth = EncodeBase64("ivr-app:${SECRET}")`, 'basic');
      out.line('tokenProxy.AddHeader("Authorization", "Basic {basicAuth}")');
    }
    out.line(
      'ASSIGN tokenResult = tokenProxy.MakeRestRequest("https://login.example-idp.com/oauth2/v1/token", ' +
        `"grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&${body}", 0, "POST")`,
      'fetch',
    );
    if (p.tokenChecked) out.line('IF tokenProxy.StatusCode = 200').line('{');
    out.line(`ASSIGN ${p.token} = tokenResult.access_token`, 'read');
    if (p.expiryValue === 'expires-in')
      out.line(`ASSIGN ${p.expiry} = ${now} + (tokenResult.expires_in / 86400)`, 'expiry');
    if (p.expiryValue === 'fixed-3600') out.line(`ASSIGN ${p.expiry} = ${now} + (3600 / 86400)`, 'expiry');
    if (p.tokenChecked) {
      out.line('}').line('ELSE').line('{');
      out.line(`ASSIGN ${p.token} = ""`);
      if (p.expiryValue !== 'none') out.line(`ASSIGN ${p.expiry} = ""`);
      out.line(`ASSIGN ${p.error} = "TOKEN_HTTP_{tokenProxy.StatusCode}"`).line('}');
    }
  }
  if (p.cached) out.line('}');
}

function snippetCheck(p: GeneratedProgram): string {
  const utc = p.snippetNow;
  const buffer = p.bufferKind === 'none' ? '' : p.bufferKind === 'constant' ? '(300 / 86400)' : `(${p.buffer} / 86400)`;
  if (buffer === '') return p.arrangement === 1 ? `${p.expiry} <= ${utc}` : `${utc} >= ${p.expiry}`;
  switch (p.arrangement) {
    case 0:
      return `${utc} >= ${p.expiry} - ${buffer}`;
    case 1:
      return `${p.expiry} - ${buffer} <= ${utc}`;
    default:
      return `${utc} + ${buffer} >= ${p.expiry}`;
  }
}

function snippetCall(p: GeneratedProgram, out: Lines): void {
  out.line(`ASSIGN ${p.proxy} = GetRESTProxy()`);
  if (p.headerVariable) {
    out.line(`ASSIGN authHeader = "Bearer {${p.token}}"`, 'use');
    out.line(`${p.proxy}.AddHeader("Authorization", authHeader)`, 'use');
  } else {
    out.line(`${p.proxy}.AddHeader("Authorization", "Bearer {${p.token}}")`, 'use');
  }
  out.line(
    `ASSIGN order = ${p.proxy}.MakeRestRequest("https://api.example-oms.com/orders/{orderId}", "", 0, "GET")`,
    'call',
  );
  switch (p.statusHandling) {
    case 'none':
      return;
    case 'direct':
      out.line(`IF ${p.proxy}.StatusCode = 401 | ${p.proxy}.StatusCode = 403`).line('{');
      out.line(`ASSIGN ${p.token} = ""`).line(`ASSIGN ${p.error} = "AUTH_FAILURE"`).line('}');
      return;
    case 'copy':
      out.line(`ASSIGN ${p.status} = "{${p.proxy}.StatusCode}"`);
      out.line(`IF ${p.status} = 401 | ${p.status} = 403`).line('{');
      out.line(`ASSIGN ${p.token} = ""`).line(`ASSIGN ${p.error} = "AUTH_{${p.status}}"`).line('}');
      return;
    case 'success-only':
      out.line(`IF ${p.proxy}.StatusCode = 200`).line('{').line('ASSIGN orderStatus = order.status').line('}');
      return;
    case 'success-else-error':
      out.line(`IF ${p.proxy}.StatusCode = 200`).line('{').line('ASSIGN orderStatus = order.status').line('}');
      out.line('ELSE').line('{').line(`ASSIGN ${p.error} = "HTTP_{${p.proxy}.StatusCode}"`).line('}');
      return;
  }
}

/** The Snippet code of each unit: one, or the acquisition and then the call. */
function snippetUnits(p: GeneratedProgram): string[] {
  const acquisition = new Lines('  ');
  const call = new Lines('  ');
  if (p.inLoop && !p.split) {
    call.line('FOREACH orderId IN orderIds').line('{');
    snippetAcquisition(p, call);
    snippetCall(p, call);
    call.line('}');
    return [flatten(call.text())];
  }
  snippetAcquisition(p, p.split ? acquisition : call);
  snippetCall(p, call);
  return p.split && p.acquisition !== 'earlier'
    ? [flatten(acquisition.text()), flatten(call.text())]
    : [flatten(call.text())];
}

/** Snippet braces stand on lines of their own; the indentation above is cosmetic, so drop empty lines. */
function flatten(code: string): string {
  return code
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join('\n');
}

// ---------------------------------------------------------------- the guide's notation

function guideAcquisition(p: GeneratedProgram, out: Lines): void {
  const body = p.secret === 'body' ? `client_secret=${SECRET}` : 'client_secret={SECURE_CLIENT_SECRET}';
  if (p.acquisition === 'earlier') return;
  out.line(`var ${p.now} = Math.floor(Date.now() / 1000);`);
  if (p.cached) {
    if (p.bufferKind === 'jittered') out.line(`var ${p.buffer} = 120 + Math.floor(Math.random() * 361);`);
    if (p.bufferKind === 'constant-variable') out.line(`var ${p.buffer} = 300;`);
    const missing = p.presence === 'length' ? `"{${p.token}}".length == 0` : `"{${p.token}}" == ""`;
    out.open(`if (${missing} || ${guideCheck(p)})`, 'check');
  }
  const store = p.cached || p.split ? 'SET ' : 'var ';
  if (p.acquisition === 'function') {
    out.line(`${store}${p.token} = GetOAuthToken();`, 'read');
    if (p.expiryValue !== 'none') out.line(`SET ${p.expiry} = (${p.now} + 3600).toString();`, 'expiry');
  } else {
    out.line('var tokenReq = new CXone.HttpRequest();');
    out.line('tokenReq.method = "POST";');
    out.line('tokenReq.url = "https://login.example-idp.com/oauth2/v1/token";');
    if (p.secret === 'basic') {
      out.line(`var basicAuth = btoa("ivr-app:${SECRET}");`, 'basic');
      out.line('tokenReq.headers["Authorization"] = "Basic " + basicAuth;');
    }
    out.line(`tokenReq.body = "grant_type=client_credentials&client_id={SECURE_CLIENT_ID}&${body}";`, 'fetch');
    out.line('var tokenResp = tokenReq.send();', 'fetch');
    if (p.tokenChecked) out.open('if (tokenResp.statusCode == 200)');
    out.line('var tokenData = JSON.parse(tokenResp.body);');
    out.line(`${store}${p.token} = tokenData.access_token;`, 'read');
    if (p.expiryValue === 'expires-in')
      out.line(`SET ${p.expiry} = (${p.now} + tokenData.expires_in).toString();`, 'expiry');
    if (p.expiryValue === 'fixed-3600') out.line(`SET ${p.expiry} = (${p.now} + 3600).toString();`, 'expiry');
    if (p.tokenChecked) {
      out.orElse();
      out.line(`${store}${p.token} = "";`);
      if (p.expiryValue !== 'none') out.line(`SET ${p.expiry} = "0";`);
      out.line(`SET ${p.error} = "TOKEN_HTTP_" + tokenResp.statusCode;`).close();
    }
  }
  if (p.cached) out.close();
}

function guideCheck(p: GeneratedProgram): string {
  const expiry = `parseInt("{${p.expiry}}")`;
  const buffer = p.bufferKind === 'none' ? '' : p.bufferKind === 'constant' ? '300' : p.buffer;
  if (buffer === '') return p.arrangement === 1 ? `${expiry} <= ${p.now}` : `${p.now} >= ${expiry}`;
  switch (p.arrangement) {
    case 0:
      return `${p.now} >= ${expiry} - ${buffer}`;
    case 1:
      return `${expiry} - ${buffer} <= ${p.now}`;
    default:
      return `${p.now} + ${buffer} >= ${expiry}`;
  }
}

function guideCall(p: GeneratedProgram, out: Lines, tokenIsLocal: boolean): void {
  const token = tokenIsLocal ? `"Bearer " + ${p.token}` : `"Bearer {${p.token}}"`;
  const clear = tokenIsLocal ? `${p.token} = "";` : `SET ${p.token} = "";`;
  out.line(`var ${p.proxy} = new CXone.HttpRequest();`);
  out.line(`${p.proxy}.url = "https://api.example-oms.com/orders/{orderId}";`);
  if (p.headerVariable) {
    out.line(`var authHeader = ${token};`, 'use');
    out.line(`${p.proxy}.headers["Authorization"] = authHeader;`, 'use');
  } else {
    out.line(`${p.proxy}.headers["Authorization"] = ${token};`, 'use');
  }
  out.line(`var order = ${p.proxy}.send();`, 'call');
  switch (p.statusHandling) {
    case 'none':
      return;
    case 'direct':
      out.open('if (order.statusCode == 401 || order.statusCode == 403)');
      out.line(clear).line(`SET ${p.error} = "AUTH_FAILURE";`).close();
      return;
    case 'copy':
      out.line(`var ${p.status} = order.statusCode;`);
      out.open(`if (${p.status} == 401 || ${p.status} == 403)`);
      out.line(clear).line(`SET ${p.error} = "AUTH_" + ${p.status};`).close();
      return;
    case 'success-only':
      out.open('if (order.statusCode == 200)').line('SET orderStatus = JSON.parse(order.body).status;').close();
      return;
    case 'success-else-error':
      out.open('if (order.statusCode == 200)').line('SET orderStatus = JSON.parse(order.body).status;');
      out.orElse().line(`SET ${p.error} = "HTTP_" + order.statusCode;`).close();
      return;
  }
}

/** The `.studio` text: one SNIPPET block per unit, the long-running line between them. */
export function guideText(p: GeneratedProgram): string {
  const tokenIsLocal = p.acquisition !== 'earlier' && !p.cached && !p.split;
  const blocks: string[] = [];
  if (p.inLoop && !p.split) {
    const out = new Lines('  ');
    out.line('var orderIds = "{orderIds}".split(",");');
    out.open('for (var i = 0; i < orderIds.length; i++)');
    guideAcquisition(p, out);
    guideCall(p, out, tokenIsLocal);
    out.close();
    blocks.push(out.text());
  } else if (isSplit(p)) {
    const second = new Lines('  ');
    guideCall(p, second, false);
    if (isScriptLevel(p)) {
      const between = p.between === 'MENU' ? 'MENU "Main menu"\n' : p.between === 'WAIT' ? 'WAIT 600\n' : '';
      return `ASSIGN ${p.token} = GetOAuthToken(); // @read\n${between}SNIPPET\n${second.text()}\nEND SNIPPET\n`;
    }
    const first = new Lines('  ');
    guideAcquisition(p, first);
    blocks.push(first.text(), second.text());
  } else {
    const out = new Lines('  ');
    guideAcquisition(p, out);
    guideCall(p, out, tokenIsLocal);
    blocks.push(out.text());
  }
  const between = p.between === 'MENU' ? 'MENU "Main menu"\n' : p.between === 'WAIT' ? 'WAIT 600\n' : '';
  return `${blocks.map((b) => `SNIPPET\n${b}\nEND SNIPPET\n`).join(between)}`;
}

/** The `.snippet` text of a program in one unit. */
export function snippetText(p: GeneratedProgram): string {
  return `${snippetUnits(p).join('\n')}\n`;
}

/** The export: each unit a SNIPPET action, the long-running action between them. */
export function exportSteps(p: GeneratedProgram): ExportStep[] {
  const units = snippetUnits(p);
  const steps: ExportStep[] = [];
  units.forEach((code, i) => {
    if (i > 0 && p.between !== 'none') steps.push({ action: p.between, caption: 'Main menu' });
    steps.push({ snippet: code, caption: i === units.length - 1 ? 'Get order' : 'Get token' });
  });
  return steps;
}

/** The token of a split program comes from a script-level line (only a plain function call fits on one). */
function isScriptLevel(p: GeneratedProgram): boolean {
  return p.scriptLevel && p.acquisition === 'function' && !p.cached && p.expiryValue === 'none';
}

/** A program in two units has no single `.snippet` of its own: only the export and the guide's notation hold it. */
export function isSplit(p: GeneratedProgram): boolean {
  return p.split && p.acquisition !== 'earlier';
}
