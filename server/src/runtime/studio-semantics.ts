/**
 * The one place where the simulator's Studio semantics are cited. Every rule the runtime implements is listed here
 * with the NICE help page it comes from; the code that implements it names the rule (`see studio-semantics.ts,
 * <rule>`) instead of repeating the citation. Pages were read in the stored copies of help.nicecxone.com (several
 * only as localized copies: the code in them is English, the page is the same).
 *
 * What no page confirms is not guessed: the interpreter stops with "unsupported in the simulator: …" at the
 * construct's position (`unsupported` below). Decisions the simulator had to take where Studio's behaviour is real
 * but undocumented are marked DECISION and say why.
 */

export interface HelpPage {
  readonly title: string;
  readonly url: string;
}

export const PAGES = {
  expressions: { title: 'Expressions', url: 'https://help.nicecxone.com/content/studio/guide/expressions.htm' },
  reservedVariables: {
    title: 'Reserved Variables',
    url: 'https://help.nicecxone.com/content/studio/guide/reservedvariables.htm',
  },
  reservedVariablesSpring19: {
    title: 'Reserved Variables (spring19)',
    url: 'https://help-beta.niceincontact.com/spring19/Content/Studio/GeneralReference/ReservedVariables.htm',
  },
  decisions: {
    title: 'Decision Statements',
    url: 'https://help.nicecxone.com/content/studio/guide/statementsdecision.htm',
  },
  loops: { title: 'Looping Statements', url: 'https://help.nicecxone.com/Content/studio/guide/statementsloops.htm' },
  stringHandling: {
    title: 'String Handling',
    url: 'https://help.staging.nice-incontact.com/content/studio/scripting/reference/stringhandling.htm',
  },
  snippetAction: {
    title: 'SNIPPET (action)',
    url: 'https://help.incontact.com/spring19/Content/Studio/Actions/SNIPPET/SNIPPET.htm',
  },
  snippetActionCurrent: {
    title: 'Snippet (action)',
    url: 'https://help.nice-incontact.com/content/studio/actions/snippet/snippet.htm',
  },
  restFromSnippet: {
    title: 'Make API Calls from a SNIPPET Action',
    url: 'https://help.nicecxone.com/content/Studio/advanced/apis/apicallsfromsnippetaction.htm',
  },
  builtInFunctions: {
    title: 'Built-In Functions',
    url: 'https://help.nicecxone.com/Content/studio/guide/functionsbuiltin.htm',
  },
  dynamicData: {
    title: 'Dynamic Data Objects',
    url: 'https://help.nicecxone.com/content/studio/guide/dynamicdataobjects.htm',
  },
  variables: { title: 'Variables', url: 'https://help.nicecxone.com/content/studio/guide/variables.htm' },
  keywords: { title: 'Keywords', url: 'https://help.nicecxone.com/content/studio/guide/keywords.htm' },
  predefinedVariables: {
    title: 'Predefined Variables',
    url: 'https://help.nicecxone.com/content/studio/guide/predefinedvariables.htm',
  },
} as const satisfies Record<string, HelpPage>;

/*
 * ---------------------------------------------------------------- names and statements
 *
 * NAMES (Keywords; Variables): keywords and variable names are case-insensitive (`FOREACH` = `foreach`; a variable
 *   read as `HTTPStatus` and `httpstatus` is one variable). Members of dynamic objects are case-sensitive
 *   (Dynamic Data Objects). A name read before it is assigned is empty (Variables).
 *   DECISION: `global:x` is a variable of its own, distinct from `x` (the pages show the prefix only on names that
 *   must outlive a subscript; none says the two names are one).
 * ASSIGN (Variables; SNIPPET action): `ASSIGN x = v` and `x = v` are the same statement.
 * DYNAMIC (Dynamic Data Objects; SNIPPET action): `DYNAMIC o` makes an empty object; `o.a.b = 1` creates members as
 *   they are assigned; `o[i].name` (Looping Statements example `Persons[i].Name`) creates array items. `__type` is a
 *   reserved member name (Snippet action page). `o.asjson()` gives the object as JSON text.
 * ARRAYS (Looping Statements; SNIPPET action): a text array is a pipe-delimited string (`"Wes|Nate|Dan|Clay"`),
 *   indexes are 1-based, `.size` is the number of elements, assigning past the end blank-fills the gap.
 * IF / ELSE (Decision Statements): a condition must be true or false; there is one ELSE per IF and further choices
 *   nest an IF in the ELSE block.
 * SELECT (Decision Statements; SNIPPET action): runs the block of the first CASE whose expression is true, else
 *   DEFAULT. DECISION (stacked CASE lines, REAL not DOC: a production script relies on several `CASE expr` lines
 *   before one block): the block runs when any of its CASE lines matches; the lines are tried top to bottom and the
 *   first match wins, exactly as if they were written `CASE a | b` with `|` stopping at the first true operand.
 * SWITCH (Decision Statements; SNIPPET action): evaluates the value and runs the first CASE whose literal equals it
 *   (equality as `=` below), else DEFAULT. Stacked CASE lines: as for SELECT.
 * FOR (Looping Statements): `FOR i = a TO b` runs once for each whole number from a to b; a and b are evaluated once;
 *   it counts down when b < a and always runs at least once (`FOR i=1 TO 9` gives ph="123456789", `FOR i=9 TO 1`
 *   gives "987654321"). DECISION: the iteration count is fixed when the loop starts; assigning the iterator inside
 *   the body changes the variable, not the count.
 * FOREACH (Looping Statements; SNIPPET action spring19): runs once per element of an array; changing the loop
 *   variable writes the element back into a text array.
 * REPEAT (Looping Statements; SNIPPET action): runs the block a given number of times.
 * BREAK (Looping Statements): ends the innermost loop. CONTINUE is not a Studio keyword (Keywords).
 * FUNCTION / RETURN (SNIPPET action: `FUNCTION <name>([<parameter>…]) { … [RETURN <data>] }`): every parameter is
 *   required. DECISION: parameters are local to the call; every other name in the body is the script's variable
 *   (the pages document no local variables).
 * TRACE (SNIPPET action): output for the Snippet debugger only, no effect at run time.
 * ERRORS (SNIPPET action: "OnError: this branch will be followed if an error occurs"; Snippet action page "Error:
 *   path taken when the action fails to execute properly"): a runtime error stops the snippet and the action leaves
 *   by its Error branch, the message in `_ERR`/`__err`.
 *
 * ---------------------------------------------------------------- values and expressions
 *
 * NUMERIC EXPRESSIONS (Expressions): a numeric string converts to a number; in a numeric expression a variable whose
 *   value is not numeric is ignored (`ASSIGN nextNum = "my string"`, `123 + 456 + nextNum` is 579; with
 *   `nextNum = 789` it is 1368; an unknown name is ignored too). The examples are sums: the simulator ignores a
 *   non-numeric operand of `+` and `-` (as 0) and stops with "unsupported" for one of `* / \ % ^`, whose result the
 *   page does not show.
 * OPERATORS (Decision Statements, operator table): `=` (equality inside expressions) `!=` `<` `<=` `>` `>=`, `&` and,
 *   `|` or, `~` xor, `+ - * / % ^`, `\` integer division; precedence as parsed.
 *   DECISION: both operands of `&` and `|` are evaluated (no short-circuit is documented).
 * COMPARISONS (Expressions; Variables: a name ending in `$` compares as text): two numeric operands compare as
 *   numbers, otherwise as text. Unsupported, because no page settles them: ordering (`<` …) of text, equality of
 *   texts that differ only in letter case, and a date variable (`utc`, `now`…) compared directly with a number (read
 *   as text it would compare dates as strings; keep it inside arithmetic: `(expiry - utc) * 86400 <= buffer`).
 * STRINGS (String Handling): `"text {expr}"` interpolates any expression (`"text{b+10*c-a^2}"`); `+` does not
 *   concatenate text (unsupported); `$"…"` enables the escapes `\"` `\'` `\t` `\r` `\n` (decoded by the parser).
 * DATES (Decision Statements: `#"{date} 8:00 AM"`; Reserved Variables; Built-In Functions): `#"…"` is a date.
 *   Dates are OLE Automation dates (days since 1899-12-30; 6:00 AM on 1899-12-31 is 1.25): in a numeric expression a
 *   date is that number, in a string it is its text form. `utc` and `gmt` are the current UTC time, `now` the
 *   business unit's time, `date` and `time` its day and time of day; `timestamp` is the count of 100 ns intervals
 *   since 0001-01-01 UTC (text of 18+ digits). `now()` is also a function (Built-In Functions). Text forms: `now`
 *   MM/dd/yyyy hh:mm:ss tt, `date` MM/DD/YYYY, `time` hh:mm:ss tt, `gmt` RFC 1123 (Reserved Variables); the spring19
 *   page writes h:mm:ss and gives `utc` the same form as `now`, so `utc` uses the current page's form of `now`.
 * CONTACTID (Predefined Variables): the contact's id, read-only.
 *
 * ---------------------------------------------------------------- REST
 *
 * REST PROXY (Make API Calls from a SNIPPET Action): `GetRESTProxy()` gives a proxy; `StatusCode` and
 *   `StatusDescription` hold the HTTP status after `MakeRestRequest` and cannot be assigned; if the call fails the
 *   proxy no longer holds a status code (the SNIPPET action's Error branch is taken, see ERRORS); -1 is an internal
 *   code for an error with the response. `ContentType` defaults to application/x-www-form-urlencoded;
 *   `ProxyTimeoutSeconds` defaults to 10. `MakeRestRequest(url, payload, type, verb)`: type 0 = application/json,
 *   1 = text/xml, 2 = JSON ignoring the body, 3 = XML ignoring the body; the result is a dynamic object (responses
 *   are capped at 32 KB). XML responses are unsupported in the simulator.
 *   `AddHeader(name, value)` is REAL (production scripts, generators; the page's function table is cut off in the
 *   stored copy) and is part of the simulator's contract (issue 11).
 */

/** The message of every construct the simulator will not guess at. */
export function unsupported(construct: string, why?: string): string {
  return why ? `unsupported in the simulator: ${construct} (${why})` : `unsupported in the simulator: ${construct}`;
}
