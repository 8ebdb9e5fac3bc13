import type { AnyNode } from 'acorn';
import type { CodeUnit, RestCallEvent, TokenAcquireEvent } from '../../analysis/model/flow-model';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { ParsedDocument } from '../../documents/parsed-document';
import type { RuleFinding } from '../finding';
import type { Expression, Statement } from '../../syntax/snippet/ast';
import { claimsOf, type Fix, type FixContext } from '../fix';
import type { SnippetBlock } from '../../syntax/guide/ast';
import { tokenNamesFor, type Notation } from '../../templates';
import { LineWriter, renderLines } from '../../templates/layout';
import { writeTokenStatusCheck } from '../../templates/token-status-check';
import { toCodeRange, wholeDocumentRegion, type CodeRegion, type SnippetCode } from '../../editing/code-region';
import { allNodes, guideStatementChain, treeRange } from '../../editing/guide-tree';
import { eventsOfKind } from '../../analysis/model/queries';
import { errorVariableOf } from '../../editing/names';
import { assignedName, namesIn, statementChain } from '../../editing/snippet-tree';
import { spellingOf } from '../../editing/token-variables';
import { indentUnitOf } from '../../editing/text-layout';
import { WRAPPED, wrapLines } from '../../editing/wrap-lines';
import { mergeInsertions } from '../../editing/merge-insertions';
import { guardTokenCalls } from '../token-reuse-without-expiry/call-guard';
import { rangeOf } from '../../syntax/snippet/ast';

const TOKEN_FETCH_UNCHECKED_CODE = 'token-fetch-unchecked';
const CHECK_TOKEN_RESPONSE_TITLE = 'Check the token response';

function checkFix(edits: TextEdit[], unit: CodeUnit, calls: readonly number[]): Fix {
  return {
    title: CHECK_TOKEN_RESPONSE_TITLE,
    code: TOKEN_FETCH_UNCHECKED_CODE,
    preferred: true,
    edits,
    claims: [claimsOf.tokens(unit), ...calls.map((id) => claimsOf.call({ id }))],
  };
}

/** One statement as the wrapping sees it: its range, the names it reads, the name it assigns (if any). */
interface StatementFacts {
  readonly range: TextRange;
  readonly reads: ReadonlySet<string>;
  readonly assigns?: string;
  /** An assignment (as opposed to a call made for its effect). */
  readonly isAssignment: boolean;
  /** The object the statement configures or calls (`orderProxy.AddHeader(…)`, `req.headers[…] = …`), folded. */
  readonly configures?: string;
}

function snippetRoot(e: Expression): string | undefined {
  let x = e;
  while (x.kind === 'Member' || x.kind === 'Index') x = x.object;
  return x.kind === 'Identifier' ? x.folded : undefined;
}

function snippetFacts(statement: Statement): StatementFacts {
  const reads = namesIn(statement);
  let configures: string | undefined;
  if (statement.kind === 'ExpressionStatement' && statement.expression.kind === 'Call') {
    const callee = statement.expression.callee;
    if (callee.kind === 'Member') configures = snippetRoot(callee.object);
  } else if (statement.kind === 'Assign' && statement.target.kind !== 'Identifier') {
    configures = snippetRoot(statement.target);
  }
  const assigns = configures === undefined ? assignedName(statement) : undefined;
  return {
    range: rangeOf(statement),
    reads,
    ...(assigns !== undefined ? { assigns } : {}),
    isAssignment: statement.kind === 'Assign',
    ...(configures !== undefined ? { configures } : {}),
  };
}

/** The identifier at the root of a member chain (`req.headers["x"]` → `req`), folded. */
function guideRoot(node: AnyNode): string | undefined {
  let x = node;
  while (x.type === 'MemberExpression') x = x.object;
  return x.type === 'Identifier' ? x.name.toLowerCase() : undefined;
}

function guideFacts(text: string, node: AnyNode): StatementFacts {
  const reads = new Set<string>();
  for (const n of allNodes(node)) if (n.type === 'Identifier') reads.add(n.name.toLowerCase());
  let assigns: string | undefined;
  let isAssignment = false;
  if (node.type === 'VariableDeclaration' && node.declarations[0]?.id.type === 'Identifier') {
    assigns = node.declarations[0].id.name.toLowerCase();
    isAssignment = true;
  } else if (
    node.type === 'ExpressionStatement' &&
    node.expression.type === 'AssignmentExpression' &&
    node.expression.left.type === 'Identifier'
  ) {
    assigns = node.expression.left.name.toLowerCase();
    isAssignment = true;
  }
  let configures: string | undefined;
  if (node.type === 'ExpressionStatement') {
    const e = node.expression;
    if (e.type === 'AssignmentExpression' && e.left.type === 'MemberExpression') configures = guideRoot(e.left);
    else if (e.type === 'CallExpression' && e.callee.type === 'MemberExpression') configures = guideRoot(e.callee);
  }
  // `SET x = …;` is parsed from the name on: the statement starts at the keyword.
  const set = /SET\s+$/i.exec(text.slice(Math.max(0, node.start - 12), node.start));
  const start = set ? node.start - set[0].length : node.start;
  return {
    range: { start, end: node.end },
    reads,
    ...(assigns !== undefined ? { assigns } : {}),
    isAssignment,
    ...(configures !== undefined ? { configures } : {}),
  };
}

/**
 * The run of sibling statements to guard: the one storing the token, plus its neighbours that read the response
 * (or what was parsed from it) and assignments that copy the token (`SET strCachedToken = validToken`). A statement
 * that puts the token on a request (`orderProxy.AddHeader("Authorization", "Bearer {tokenResult.access_token}")`)
 * brings that request's call and the statements reading its outcome into the run, so a failed token request sends
 * nothing rather than a call without its token.
 */
function runAround(
  siblings: readonly StatementFacts[],
  index: number,
  callEnd: number,
  response: Set<string>,
  tokens: Set<string>,
): { first: number; last: number } {
  const clients = new Set<string>();
  const reads = (f: StatementFacts, names: Set<string>): boolean => [...f.reads].some((n) => names.has(n));
  // Also the token's own expiry (`resourceTokenExpiry = …` after `resourceToken = …`), whatever it is set from.
  const ownExpiry = (f: StatementFacts): boolean =>
    f.assigns !== undefined && [...tokens].some((t) => f.assigns !== t && f.assigns!.startsWith(t));
  const qualifies = (f: StatementFacts): boolean =>
    reads(f, response) || (f.isAssignment && (reads(f, tokens) || ownExpiry(f))) || reads(f, clients);
  const absorb = (f: StatementFacts): void => {
    if (f.configures !== undefined && (reads(f, response) || reads(f, tokens))) clients.add(f.configures);
    if (f.assigns === undefined) return;
    if (reads(f, clients)) clients.add(f.assigns);
    else (reads(f, response) ? response : tokens).add(f.assigns);
  };
  let first = index;
  while (first > 0 && siblings[first - 1]!.range.start >= callEnd && reads(siblings[first - 1]!, response)) first--;
  for (let i = first; i <= index; i++) absorb(siblings[i]!);
  let last = index;
  while (last + 1 < siblings.length && qualifies(siblings[last + 1]!)) {
    last++;
    absorb(siblings[last]!);
  }
  return { first, last };
}

interface WrapSpec {
  readonly notation: Notation;
  readonly request: string;
  readonly response: string;
  readonly error: string;
  readonly tokenVariables: string[];
  readonly expiryVariables: string[];
  readonly guideFailureLines: string[];
}

/**
 * Guards lines [from, to] of the code with the token status check (editing/wrap-lines.ts): the lines run only on
 * 200; otherwise the token and expiry they set are cleared and the error variable is set. Document edits.
 */
function wrapWithCheck(region: CodeRegion, from: number, to: number, spec: WrapSpec): TextEdit[] | undefined {
  const indentUnit = indentUnitOf(region.code);
  const edits = wrapLines(region, from, to, (indent) => {
    const w = new LineWriter();
    writeTokenStatusCheck(w, spec.notation, { ...spec, success: new LineWriter().line(WRAPPED).lines });
    return renderLines(w.lines, { eol: region.eol, indentUnit, indent });
  });
  return edits;
}

/** Token variables written for later among the run's statements, and expiries set there. */
function clearedIn(
  unit: CodeUnit,
  span: TextRange,
  toCode: (r: TextRange) => TextRange | undefined,
): { tokens: string[]; expiries: string[]; locals: string[] } {
  const inside = (r: TextRange): boolean => {
    const c = toCode(r);
    return c !== undefined && span.start <= c.start && c.end <= span.end;
  };
  const tokens = new Set<string>();
  const locals = new Set<string>();
  for (const a of eventsOfKind(unit, 'token-acquire')) {
    if (!inside(a.range)) continue;
    (a.persistent ? tokens : locals).add(a.variable);
  }
  const expiries = new Set(
    eventsOfKind(unit, 'expiry-set')
      .filter((e) => !e.clears && inside(e.range))
      .map((e) => e.variable),
  );
  return { tokens: [...tokens], expiries: [...expiries], locals: [...locals] };
}

function snippetFix(snippet: SnippetCode, unit: CodeUnit, acquisition: TokenAcquireEvent, call: RestCallEvent): Fix[] {
  const { region, program } = snippet;
  const range = toCodeRange(region, acquisition.range);
  const callRange = toCodeRange(region, call.statementRange);
  if (!range || !callRange || call.resultVariable === undefined) return [];
  const slot = statementChain(program, range).pop();
  if (!slot) return [];
  const facts = slot.siblings.map(snippetFacts);
  const run = runAround(
    facts,
    slot.index,
    callRange.end,
    new Set([call.resultVariable]),
    new Set([acquisition.variable]),
  );
  const from = facts[run.first]!.range.start;
  const to = facts[run.last]!.range.end;
  const cleared = clearedIn(unit, { start: from, end: to }, (r) => toCodeRange(region, r));
  const spell = (name: string): string => spellingOf(region.code, name);
  const client =
    /^(?:global:)?[A-Za-z_][\w$]*/i.exec(region.code.slice(toCodeRange(region, call.range)?.start ?? 0))?.[0] ??
    spell(call.client);
  // The error is named after the token the run stores (`crmToken` → `crmTokenError`), as the refresh block names it.
  const stored = cleared.tokens[0] ?? cleared.locals[0] ?? acquisition.variable;
  const error = tokenNamesFor(spell(stored)).error;
  const edits = wrapWithCheck(region, from, to, {
    notation: 'snippet',
    request: client,
    response: spell(call.resultVariable),
    error,
    tokenVariables: [...cleared.tokens, ...cleared.locals].map(spell),
    expiryVariables: cleared.expiries.map(spell),
    guideFailureLines: [],
  });
  if (!edits) return [];
  // The token stored here and sent by later calls: on failure it is cleared (and the error set), so those calls wait
  // for a token rather than send an empty Bearer.
  const storedNames = new Set([...cleared.tokens, ...cleared.locals]);
  const later = eventsOfKind(unit, 'token-use').filter((u) => {
    const r = toCodeRange(region, u.range);
    return storedNames.has(u.variable) && r !== undefined && r.start > to;
  });
  const guards = later.length > 0 ? guardTokenCalls(snippet, unit, later, { token: spell(stored), error }) : undefined;
  const all = region.toDocumentEdits(mergeInsertions([...edits, ...(guards?.edits ?? [])]));
  return [checkFix(all, unit, guards?.calls ?? [])];
}

function guideFix(
  document: ParsedDocument & { kind: 'guide' },
  block: SnippetBlock,
  unit: CodeUnit,
  acquisition: TokenAcquireEvent,
  call: RestCallEvent,
): Fix[] {
  const { text } = document;
  if (call.resultVariable === undefined) return [];
  const slot = guideStatementChain(block.program, treeRange(text, acquisition.range)).pop();
  if (!slot) return [];
  const facts = slot.siblings.map((node) => guideFacts(text, node));
  const run = runAround(
    facts,
    slot.index,
    call.statementRange.end,
    new Set([call.resultVariable]),
    new Set([acquisition.variable]),
  );
  const from = facts[run.first]!.range.start;
  const to = facts[run.last]!.range.end;
  const cleared = clearedIn(unit, { start: from, end: to }, (r) => r);
  const body = text.slice(block.bodyRange.start, block.bodyRange.end);
  const spell = (name: string): string => spellingOf(body, name);
  const edits = wrapWithCheck(wholeDocumentRegion(text), from, to, {
    notation: 'guide',
    request: spell(call.client),
    response: spell(call.resultVariable),
    error: errorVariableOf(document, 'guide'),
    tokenVariables: cleared.tokens.map(spell),
    expiryVariables: cleared.expiries.map(spell),
    // A JavaScript local is cleared as such; SET would create a script variable.
    guideFailureLines: cleared.locals.map((local) => `${spell(local)} = "";`),
  });
  return edits ? [checkFix(edits, unit, [])] : [];
}

/**
 * token-fetch-unchecked: guards the statements that read the token response (the one storing the token, the reads
 * of the response around it, and copies of the token into storage) with the token request's status check
 * (tokenStatusCheck): they run only on 200; otherwise the token and expiry they set are cleared and the error
 * variable is set to `TOKEN_HTTP_<status>`.
 */
export function tokenFetchUncheckedFixes(finding: RuleFinding<'token-fetch-unchecked'>, context: FixContext): Fix[] {
  const { document } = context;
  const { unit, acquisition, call } = finding.facts;
  // No read to wrap: the author fills the empty failure branch.
  if (!acquisition) return [];
  if (document.kind === 'guide') {
    const block = context.guideBlockOf(unit);
    return block ? guideFix(document, block, unit, acquisition, call) : [];
  }
  const snippet = context.snippetCodeOf(unit);
  return snippet ? snippetFix(snippet, unit, acquisition, call) : [];
}
