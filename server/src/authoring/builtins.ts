/**
 * The one catalogue of what Studio gives Snippet code without a declaration: keywords, built-in functions, the REST
 * proxy's members, dynamic-object members and system variables. Completion, hover, signature help, semantic colouring
 * and rename (which refuses these names) all read it.
 *
 * Every entry cites the NICE help page that documents it. `evidence: 'doc'` entries were read on that page (stored
 * copies of help.nicecxone.com, several of them localized: the page's English address is cited); `'real'` entries are
 * forms production scripts use that the stored copy of the page does not show (language.md §1.3, §2.1): they are
 * offered, and their hover says so. Forms only public generators use (`EncodeBase64`, `urlencode`), and forms found
 * nowhere (`ClearHeaders`, `unixtime`, number functions the stored copies cut off), are left out on purpose.
 */

export interface DocPage {
  readonly title: string;
  readonly url: string;
}

export type Evidence = 'doc' | 'real';

/**
 * - keyword: a reserved word of the Snippet language (or a word of a statement's syntax, `IN`, `TO`).
 * - function: called by name, `now()`, `GetRESTProxy()`.
 * - method: called on a value, `x.asdatetime()`, `proxy.MakeRestRequest(…)`.
 * - property: read or set on a value, `proxy.StatusCode`, `names.size`.
 * - variable: a system variable (reserved: read-only; predefined: set by Studio).
 */
export type BuiltinKind = 'keyword' | 'function' | 'method' | 'property' | 'variable';

/** What a member belongs to: the REST proxy, a dynamic data object, or any value. */
export type MemberOwner = 'rest-proxy' | 'dynamic' | 'value';

export interface BuiltinParameter {
  readonly name: string;
  readonly doc: string;
}

export interface Builtin {
  /** The spelling NICE's page uses (names are case-insensitive in Snippet code). */
  readonly name: string;
  readonly kind: BuiltinKind;
  /** For methods and properties: what they are members of. */
  readonly owner?: MemberOwner;
  /** For functions and methods: the parameters as the page names them (empty for `name()`). */
  readonly parameters?: readonly BuiltinParameter[];
  /** For system variables: read-only (reserved) or writable (predefined). */
  readonly readOnly?: boolean;
  /** One or two sentences in our words, from the page. */
  readonly summary: string;
  readonly page: DocPage;
  readonly evidence: Evidence;
}

const FUNCTIONS_PAGE: DocPage = {
  title: 'Built-In Functions',
  url: 'https://help.nicecxone.com/Content/studio/guide/functionsbuiltin.htm',
};
const REST_PAGE: DocPage = {
  title: 'Make API Calls from a SNIPPET Action',
  url: 'https://help.nicecxone.com/content/Studio/advanced/apis/apicallsfromsnippetaction.htm',
};
const RESERVED_PAGE: DocPage = {
  title: 'Reserved Variables',
  url: 'https://help.nice-incontact.com/content/studio/guide/reservedvariables.htm',
};
const KEYWORDS_PAGE: DocPage = {
  title: 'Keywords',
  url: 'https://help.nicecxone.com/content/studio/guide/keywords.htm',
};
const LOOPS_PAGE: DocPage = {
  title: 'Looping Statements',
  url: 'https://help.nicecxone.com/Content/studio/guide/statementsloops.htm',
};
const DYNAMIC_PAGE: DocPage = {
  title: 'Dynamic Data Objects',
  url: 'https://help.nice-incontact.com/content/studio/guide/dynamicdataobjects.htm',
};
const RUNSCRIPT_PAGE: DocPage = {
  title: 'Runscript',
  url: 'https://help.nicecxone.com/content/studio/actions/runscript/runscript.htm',
};

function keyword(name: string, summary: string, page: DocPage = KEYWORDS_PAGE): Builtin {
  return { name, kind: 'keyword', summary, page, evidence: 'doc' };
}

function param(name: string, doc: string): BuiltinParameter {
  return { name, doc };
}

const OLE_DATE = 'Dates are OLE Automation dates: days since midnight, December 30, 1899, the time as the fraction.';

/** Keywords: keywords.htm lists them by category; FOR, FOREACH and REPEAT are on the looping page. */
const KEYWORDS: readonly Builtin[] = [
  keyword('ASSIGN', 'Creates a variable and gives it a value: `ASSIGN name = value`. The keyword is optional.'),
  keyword('DYNAMIC', 'Declares a dynamic data object, whose members are created when assigned: `DYNAMIC name`.'),
  keyword('FUNCTION', 'Declares a custom function: `FUNCTION name(p1, p2) { … RETURN value }`.'),
  keyword('IF', 'Runs a block when a Boolean expression is true: `IF condition { … } ELSE { … }`.'),
  keyword('ELSE', 'The block an IF runs when its condition is false; always used with IF.'),
  keyword('SELECT', 'Runs the first CASE whose condition is true: `SELECT { CASE condition { … } DEFAULT { … } }`.'),
  keyword('SWITCH', 'Compares a value with each CASE and runs the one that matches: `SWITCH value { CASE 1 { … } }`.'),
  keyword('CASE', 'One of the alternatives of a SWITCH or SELECT.'),
  keyword('DEFAULT', 'The block a SWITCH or SELECT runs when no CASE applies.'),
  keyword('BREAK', 'Leaves the loop it is in.'),
  keyword('RETURN', 'Ends a function, optionally handing a value back to the script: `RETURN value`.'),
  keyword('TRACE', 'Writes text to the Trace panel of the Snippet editor while debugging: `TRACE "text {var}"`.'),
  keyword('USES', 'Includes a web service proxy DLL for use in the snippet: `USES "Proxy.dll"`.'),
  keyword(
    'FOR',
    'Repeats a block once for each whole number from start to end, counting down when start > end; it always runs at ' +
      'least once: `FOR i = 1 TO 9 { … }`.',
    LOOPS_PAGE,
  ),
  keyword('FOREACH', 'Repeats a block once per element of an array: `FOREACH item IN items { … }`.', LOOPS_PAGE),
  keyword('REPEAT', 'Repeats a block a given number of times: `REPEAT count { … }`.', LOOPS_PAGE),
  keyword('IN', 'Separates the loop variable from the array in `FOREACH item IN items`.', LOOPS_PAGE),
  keyword('TO', 'Separates the start from the end in `FOR i = start TO end`.', LOOPS_PAGE),
];

/** Date and time functions: the first table of functionsbuiltin.htm (read in its zh-cn, zh-hk, ja and ko copies). */
const DATE_FUNCTIONS: readonly Builtin[] = [
  {
    name: 'asdate',
    kind: 'method',
    owner: 'value',
    parameters: [],
    summary: 'Converts the value to a date/time string in the default date format.',
  },
  {
    name: 'asdatedow',
    kind: 'method',
    owner: 'value',
    parameters: [],
    summary: 'The day of the week of the date, 0 (Sunday) to 6.',
  },
  {
    name: 'asdatetime',
    kind: 'method',
    owner: 'value',
    parameters: [],
    summary: 'Converts the value to a date/time string in the specified date/time format.',
  },
  {
    name: 'asgmt',
    kind: 'method',
    owner: 'value',
    parameters: [],
    summary: 'Converts the value to a date/time string in GMT (same as `asutc()`).',
  },
  {
    name: 'asutc',
    kind: 'method',
    owner: 'value',
    parameters: [],
    summary: 'Converts the value to a date/time string in UTC (same as `asgmt()`).',
  },
  {
    name: 'asisodatetime',
    kind: 'method',
    owner: 'value',
    parameters: [],
    summary: 'Converts the value to ISO 8601 format, `yyyy-MM-ddTHH:mm:ss.SSSXXX`.',
  },
  {
    name: 'astime',
    kind: 'method',
    owner: 'value',
    parameters: [],
    summary: 'Converts the value to a time value.',
  },
  {
    name: 'dateadd',
    kind: 'function',
    parameters: [param('date', 'The date to start from.'), param('value', 'What to add to it.')],
    summary: 'Returns a new date computed from `date` and `value`.',
  },
  {
    name: 'datebuild',
    kind: 'function',
    parameters: [param('year', 'The year.'), param('month', 'The month.'), param('day', 'The day.')],
    summary: 'Builds a date/time string from a year, month and day.',
  },
  {
    name: 'datediff',
    kind: 'function',
    parameters: [
      param('unit', 'The unit the difference is counted in.'),
      param('date1', 'The first date.'),
      param('date2', 'The second date.'),
    ],
    summary: 'The difference between two dates, in `unit`.',
  },
  {
    name: 'datefmt',
    kind: 'function',
    parameters: [param('format', 'The date/time format to write the date in.')],
    summary: 'Writes a date as a date/time string in the given format.',
  },
  {
    name: 'datepart',
    kind: 'function',
    parameters: [param('unit', 'Which part of the date or time to return.')],
    summary: 'Returns one part of a date or time, chosen by `unit`.',
  },
  {
    name: 'datetimebuild',
    kind: 'function',
    parameters: [
      param('year', 'The year.'),
      param('month', 'The month.'),
      param('day', 'The day.'),
      param('hour', 'The hour (24-hour clock).'),
      param('minute', 'The minute.'),
      param('second', 'The second.'),
    ],
    summary: 'Builds a date/time string from year, month, day, hour, minute and second.',
  },
  {
    name: 'dow',
    kind: 'function',
    parameters: [],
    summary: 'The day of the week of a date, 0 (Sunday) to 6.',
  },
  {
    name: 'now',
    kind: 'function',
    parameters: [],
    summary: "The current time in the business unit's time zone.",
  },
].map((entry) => ({ ...entry, page: FUNCTIONS_PAGE, evidence: 'doc' as const }) as Builtin);

/**
 * String functions real scripts use: the stored copies of functionsbuiltin.htm end before its string table, so these
 * are REAL (language.md §1.3: `char(13)`, `.contains()`, `.beginswith()`, `.left(n)`, `.length()`, `.replace(a,b)`).
 */
const STRING_FUNCTIONS: readonly Builtin[] = [
  {
    name: 'char',
    kind: 'function',
    parameters: [param('code', 'A character code, e.g. 13 for a carriage return.')],
    summary: 'The character with the given code.',
  },
  {
    name: 'contains',
    kind: 'method',
    owner: 'value',
    parameters: [param('text', 'The text to look for.')],
    summary: 'True when the value contains `text`.',
  },
  {
    name: 'beginswith',
    kind: 'method',
    owner: 'value',
    parameters: [param('text', 'The text the value should start with.')],
    summary: 'True when the value starts with `text`.',
  },
  {
    name: 'left',
    kind: 'method',
    owner: 'value',
    parameters: [param('length', 'How many characters to keep.')],
    summary: 'The first `length` characters of the value.',
  },
  {
    name: 'length',
    kind: 'method',
    owner: 'value',
    parameters: [],
    summary: 'The number of characters in the value.',
  },
  {
    name: 'replace',
    kind: 'method',
    owner: 'value',
    parameters: [param('find', 'The text to replace.'), param('replacement', 'The text to put in its place.')],
    summary: 'The value with every `find` replaced by `replacement`.',
  },
].map((entry) => ({ ...entry, page: FUNCTIONS_PAGE, evidence: 'real' as const }) as Builtin);

/** The REST proxy: apicallsfromsnippetaction.htm (its English, zh-cn, zh-hk and ja copies). */
const REST_PROXY: readonly Builtin[] = [
  {
    name: 'GetRESTProxy',
    kind: 'function',
    parameters: [],
    summary:
      'Returns a new REST proxy, the object Snippet code calls RESTful APIs with: `ASSIGN proxy = GetRESTProxy()`. ' +
      'Responses are capped at 32 KB.',
    page: REST_PAGE,
    evidence: 'doc',
  },
  {
    name: 'MakeRestRequest',
    kind: 'method',
    owner: 'rest-proxy',
    parameters: [
      param('url', 'The URL of the request (a string).'),
      param('payload', 'The body of the request (a string; `""` for none).'),
      param(
        'responseType',
        'The Accept header and how the response is parsed: 0 = application/json, 1 = text/xml, 2 = application/json ' +
          'ignoring the body, 3 = text/xml ignoring the body (a number, or a string such as "JSON").',
      ),
      param('verb', 'The HTTP method: "GET", "POST", "PUT", "DELETE", …'),
    ],
    summary:
      'Sends an HTTP request to `url` and returns the parsed response as a dynamic data object; `StatusCode` and ' +
      '`StatusDescription` hold the outcome.',
    page: REST_PAGE,
    evidence: 'doc',
  },
  {
    name: 'StatusCode',
    kind: 'property',
    owner: 'rest-proxy',
    readOnly: true,
    summary:
      'The HTTP status after `MakeRestRequest()` (read-only). When the call itself fails it no longer holds ' +
      'a status; -1 is an internal code for an error with the response.',
    page: REST_PAGE,
    evidence: 'doc',
  },
  {
    name: 'StatusDescription',
    kind: 'property',
    owner: 'rest-proxy',
    readOnly: true,
    summary: 'The HTTP status description after `MakeRestRequest()` (read-only).',
    page: REST_PAGE,
    evidence: 'doc',
  },
  {
    name: 'ContentType',
    kind: 'property',
    owner: 'rest-proxy',
    summary: 'The Content-Type header of requests; `application/x-www-form-urlencoded` unless set (e.g. to JSON).',
    page: REST_PAGE,
    evidence: 'doc',
  },
  {
    name: 'ProxyTimeoutSeconds',
    kind: 'property',
    owner: 'rest-proxy',
    summary: 'The request timeout in seconds; 10 unless set.',
    page: REST_PAGE,
    evidence: 'doc',
  },
  {
    name: 'AddHeader',
    kind: 'method',
    owner: 'rest-proxy',
    parameters: [param('name', 'The header name, e.g. "Authorization".'), param('value', 'The header value.')],
    summary: 'Adds a request header, e.g. `proxy.AddHeader("Authorization", "Bearer {token}")`.',
    page: REST_PAGE,
    evidence: 'real',
  },
];

/** Members every dynamic data object (or array) has. */
const OBJECT_MEMBERS: readonly Builtin[] = [
  {
    name: 'asjson',
    kind: 'method',
    owner: 'dynamic',
    parameters: [],
    summary: 'The object as JSON text, e.g. a request body: `"{body.asjson()}"`. The result must stay under 32 KB.',
    page: DYNAMIC_PAGE,
    evidence: 'doc',
  },
  {
    name: '$value',
    kind: 'property',
    owner: 'dynamic',
    readOnly: true,
    summary: 'A special property every member of a dynamic data object has; it cannot be assigned.',
    page: DYNAMIC_PAGE,
    evidence: 'doc',
  },
  {
    name: 'size',
    kind: 'property',
    owner: 'value',
    readOnly: true,
    summary: 'The number of elements of an array (arrays are 1-based): `FOR i = 1 TO names.size`.',
    page: LOOPS_PAGE,
    evidence: 'doc',
  },
];

function reserved(name: string, summary: string): Builtin {
  return { name, kind: 'variable', readOnly: true, summary, page: RESERVED_PAGE, evidence: 'doc' };
}

/** reservedvariables.htm (English, zh-cn, zh-hk and ja copies; `utc` from its spring 2019 English copy). */
const SYSTEM_VARIABLES: readonly Builtin[] = [
  reserved(
    'date',
    'The current date in the current time zone: `MM/DD/YYYY` as text, an OLE Automation date in arithmetic. ' +
      OLE_DATE,
  ),
  reserved('dow', 'The current day of the week in the current time zone, 0 (Sunday) to 6.'),
  reserved(
    'gmt',
    'The current UTC date and time: RFC 1123 text (`Mon, 03 Oct 2022 13:35:14 GMT`), an OLE Automation date in ' +
      'arithmetic.',
  ),
  reserved(
    'now',
    'The current date and time in the current time zone: `MM/dd/yyyy hh:mm:ss tt` as text, an OLE Automation date ' +
      'in arithmetic (it jumps when daylight saving time changes; prefer `utc` for expiry arithmetic).',
  ),
  reserved(
    'utc',
    'The current UTC date and time: `MM/dd/yyyy h:mm:ss tt` as text, an OLE Automation date in arithmetic.',
  ),
  reserved(
    'time',
    'The current time in the current time zone: `hh:mm:ss tt` as text, the fraction of an OLE Automation date in ' +
      'arithmetic.',
  ),
  reserved(
    'timestamp',
    'The number of 100-nanosecond intervals since midnight, January 1, 0001 UTC: an 18+ digit number that only grows.',
  ),
  reserved('timezoneid', 'The ID of the current time zone (set for the tenant, or by the TIMEZONE action).'),
  reserved('timezoneoffset', "The current time zone's offset from UTC, in hours."),
  reserved('runscript', 'Reserved for system scripts.'),
  reserved('timeout', 'Reserved for system scripts.'),
  reserved('test', 'Reserved for debugging code in a Snippet action: never set it.'),
  {
    name: 'ContactID',
    kind: 'variable',
    readOnly: false,
    summary: 'The unique number of the contact the script handles; a subscript started by RUNSCRIPT keeps it.',
    page: RUNSCRIPT_PAGE,
    evidence: 'doc',
  },
];

export const BUILTINS: readonly Builtin[] = [
  ...KEYWORDS,
  ...DATE_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...REST_PROXY,
  ...OBJECT_MEMBERS,
  ...SYSTEM_VARIABLES,
];

function indexBy(kinds: readonly BuiltinKind[]): ReadonlyMap<string, Builtin> {
  const map = new Map<string, Builtin>();
  for (const entry of BUILTINS) if (kinds.includes(entry.kind)) map.set(entry.name.toLowerCase(), entry);
  return map;
}

const KEYWORD_INDEX = indexBy(['keyword']);
const FUNCTION_INDEX = indexBy(['function']);
const VARIABLE_INDEX = indexBy(['variable']);
const MEMBER_INDEX = indexBy(['method', 'property']);

/** The keyword `word` (any case), if it is one. */
export function keywordNamed(word: string): Builtin | undefined {
  return KEYWORD_INDEX.get(word.toLowerCase());
}

/** The built-in function called by name (`now()`, `GetRESTProxy()`), any case. */
export function functionNamed(name: string): Builtin | undefined {
  return FUNCTION_INDEX.get(name.toLowerCase());
}

/** The system variable `name` (`utc`, `ContactID`), any case. */
export function systemVariableNamed(name: string): Builtin | undefined {
  return VARIABLE_INDEX.get(name.toLowerCase());
}

/** A method or property called on a value (`MakeRestRequest`, `asjson`, `StatusCode`), any case. */
export function memberNamed(name: string): Builtin | undefined {
  return MEMBER_INDEX.get(name.toLowerCase());
}

/** The members of `owner`, plus those any value has. */
export function membersOf(owner: MemberOwner): Builtin[] {
  return BUILTINS.filter(
    (entry) =>
      (entry.kind === 'method' || entry.kind === 'property') && (entry.owner === owner || entry.owner === 'value'),
  );
}

/** `MakeRestRequest(url, payload, responseType, verb)`. */
export function signatureOf(entry: Builtin): string {
  if (entry.kind !== 'function' && entry.kind !== 'method') return entry.name;
  return `${entry.name}(${(entry.parameters ?? []).map((p) => p.name).join(', ')})`;
}

/** The Markdown a hover or a completion item shows for an entry: signature, summary, evidence and the page. */
export function builtinMarkdown(entry: Builtin): string {
  const what: Record<BuiltinKind, string> = {
    keyword: 'keyword',
    function: 'built-in function',
    method: entry.owner === 'rest-proxy' ? 'REST proxy method' : 'built-in method',
    property: entry.owner === 'rest-proxy' ? 'REST proxy property' : 'property',
    variable: entry.readOnly ? 'reserved variable (read-only)' : 'predefined variable',
  };
  const lines = [`\`\`\`\n${signatureOf(entry)}\n\`\`\``, `*${what[entry.kind]}*`, '', entry.summary];
  if (entry.parameters && entry.parameters.length > 0) {
    lines.push('', ...entry.parameters.map((p) => `- \`${p.name}\`: ${p.doc}`));
  }
  if (entry.evidence === 'real') {
    lines.push('', '_Seen in production Studio scripts; not shown on the stored copy of the page below._');
  }
  lines.push('', `[${entry.page.title}](${entry.page.url}) (NICE CXone help)`);
  return lines.join('\n');
}
