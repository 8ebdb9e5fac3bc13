import type { CodeUnit, ExpirySetEvent, FlowModel, TokenAcquireEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { GuideDocument } from '../../documents/parsed-document';
import type { RuleFinding } from '../finding';
import type { SnippetBlock } from '../../syntax/guide/ast';
import { claimsOf, type Fix, type FixContext } from '../fix';
import {
  bufferedExpiryCondition,
  expiresInValue,
  expiryFromExpiresIn,
  GUIDE_NOW_EXPRESSION,
  MISSING_EXPIRES_IN_SECONDS,
  SNIPPET_EMPTY,
  tokenNamesFor,
} from '../../templates';
import type { Expression } from '../../syntax/snippet/ast';
import { toCodeRange, type SnippetCode } from '../../editing/code-region';
import { declaredLocal, guideNamesIn, guideStatementAt, treeRange } from '../../editing/guide-tree';
import { insertLinesAfter, insertLinesBefore } from '../../editing/insertion';
import { callById, eventsOfKind } from '../../analysis/model/queries';
import { expiryNameFor, uniqueName } from '../../editing/names';
import { chooseBuffer, snippetBufferSetting } from '../../editing/refresh-buffer';
import { assignedName, nodesOfKind, statementAt } from '../../editing/snippet-tree';
import { responseIn, spellingOf } from '../../editing/token-variables';
import { indentAt, indentUnitOf, lineEndingOf } from '../../editing/text-layout';
import { nowDeclaration } from '../../editing/guide-now';
import { staleCommentEdit } from '../../editing/stale-comment';
import { mergeInsertions } from '../../editing/merge-insertions';
import { guardTokenCalls } from '../token-reuse-without-expiry/call-guard';
import { rangeOf } from '../../syntax/snippet/ast';

const TOKEN_EXPIRES_IN_IGNORED_CODE = 'token-expires-in-ignored';
const USE_EXPIRES_IN_TITLE = 'Use expires_in';

function fix(edits: TextEdit[], unit: CodeUnit): Fix[] {
  return edits.length === 0
    ? []
    : [
        {
          title: USE_EXPIRES_IN_TITLE,
          code: TOKEN_EXPIRES_IN_IGNORED_CODE,
          preferred: true,
          edits,
          claims: [claimsOf.tokens(unit)],
        },
      ];
}

/** The response-reading acquisition behind a stored token in its unit (following `SET strCachedToken = tokenValue`). */
function responseAcquisition(unit: CodeUnit, acquisition: TokenAcquireEvent): TokenAcquireEvent | undefined {
  let current: TokenAcquireEvent | undefined = acquisition;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current.source === 'response') return current;
    if (current.source === 'function' || current.fromVariable === undefined) return undefined;
    const from: string = current.fromVariable;
    const before: number = current.order;
    current = eventsOfKind(unit, 'token-acquire')
      .filter((a) => a.variable === from && a.order < before)
      .pop();
  }
  return undefined;
}

/**
 * The parsed token body of a guide request: `var tokenData = JSON.parse(tokenResp.body);`, else the expression itself.
 */
function guideData(text: string, block: SnippetBlock, response: string): string {
  const escaped = response.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const local = declaredLocal(block, text, (init) =>
    new RegExp(`^JSON\\.parse\\(\\s*${escaped}\\.body\\s*\\)$`, 'i').test(init),
  );
  return local ?? `JSON.parse(${response}.body)`;
}

/** The token request an expiry belongs to: the event's own, else the last one before it in its unit. */
function tokenRequestFor(model: FlowModel, unit: CodeUnit, event: ExpirySetEvent) {
  if (event.fromCall !== undefined) return callById(model, event.fromCall)?.call;
  return eventsOfKind(unit, 'rest-call')
    .filter((c) => c.isTokenRequest && c.order < event.order)
    .pop();
}

// ---------------------------------------------------------------- a constant lifetime

function constantFix(context: FixContext, unit: CodeUnit, event: ExpirySetEvent, range: TextRange): Fix[] {
  const { document, model } = context;
  const call = tokenRequestFor(model, unit, event);
  if (!call || call.resultVariable === undefined) return [];
  if (document.kind === 'guide') {
    const block = context.guideBlockOf(unit);
    if (!block) return [];
    const response = spellingOf(document.text.slice(block.bodyRange.start, block.bodyRange.end), call.resultVariable);
    const data = guideData(document.text, block, response);
    const seconds = `(${expiresInValue('guide', data)} || ${MISSING_EXPIRES_IN_SECONDS})`;
    return fix(withoutStaleComment(document.text, range, [{ range, newText: seconds }]), unit);
  }
  const snippet = context.snippetCodeOf(unit);
  const codeRange = snippet && toCodeRange(snippet.region, range);
  if (!snippet || !codeRange) return [];
  const { code, eol } = snippet.region;
  const response = spellingOf(code, call.resultVariable);
  const statement = statementAt(snippet.program, codeRange)?.statement;
  // `ASSIGN tokenExpiry = utc + (3600 / 86400)`: the statement becomes the expiry from expires_in, with a short
  // lifetime when the response has none, keeping the code's own "now".
  if (statement?.kind === 'Assign' && statement.target.kind === 'Identifier') {
    const value = unwrapParens(statement.value);
    const now =
      value.kind === 'Binary' && value.operator === '+'
        ? [value.left, value.right].find((side) => !(side.start <= codeRange.start && codeRange.end <= side.end))
        : undefined;
    if (now && (now.kind === 'Identifier' || now.kind === 'Call')) {
      const expiry = statement.target.text;
      const indent = indentAt(code, statement.start);
      const lines = expiryFromExpiresIn('snippet', {
        expiry,
        lifetime: tokenNamesFor(tokenOfExpiry(expiry)).lifetime,
        response,
        now: code.slice(now.start, now.end),
        eol,
        indentUnit: indentUnitOf(code),
        indent,
      });
      const newText = lines.slice(indent.length, lines.length - eol.length);
      const edits = withoutStaleComment(code, codeRange, [{ range: rangeOf(statement), newText }]);
      return fix(snippet.region.toDocumentEdits(edits), unit);
    }
  }
  const constant = code.slice(codeRange.start, codeRange.end);
  // Any other shape keeps its form: only the number of seconds is replaced.
  const newText = /^\d+$/.test(constant) ? `${response}.expires_in` : `(${expiresInValue('snippet', response)})`;
  return fix(
    snippet.region.toDocumentEdits(withoutStaleComment(code, codeRange, [{ range: codeRange, newText }])),
    unit,
  );
}

/** A comment about the replaced lifetime (`// assumes every token lives an hour`) is stale once expires_in is used. */
const ABOUT_LIFETIME = /\b\d{2,}\b|hour|minute|lifetime|lives|expir/i;

function withoutStaleComment(code: string, constant: TextRange, edits: TextEdit[]): TextEdit[] {
  const stale = staleCommentEdit(code, constant.end, ABOUT_LIFETIME);
  return stale ? [...edits, stale] : edits;
}

/** `tokenExpiry` → `token`, `crmTokenExpiry` → `crmToken`: the token an expiry variable is named after. */
function tokenOfExpiry(expiry: string): string {
  return expiry.replace(/Expiry$/i, '') || expiry;
}

function unwrapParens(node: Expression): Expression {
  let x = node;
  while (x.kind === 'Paren') x = x.expression;
  return x;
}

// ---------------------------------------------------------------- a cached token with no expiry

const MISSING = /^!|(?:==?=?)\s*(?:""|''|0)$|\.length\s*(?:==?=?\s*0|<\s*1)$/;

function presenceChecksFor(unit: CodeUnit, acquisition: TokenAcquireEvent) {
  const related = new Set([acquisition.variable]);
  for (const a of eventsOfKind(unit, 'token-acquire')) {
    if (a.fromVariable !== undefined && (related.has(a.variable) || related.has(a.fromVariable))) {
      related.add(a.variable);
      related.add(a.fromVariable);
    }
  }
  return eventsOfKind(unit, 'token-presence-check').filter(
    (p) => related.has(p.variable) && p.order < acquisition.order,
  );
}

function snippetNoExpiryFix(
  snippet: SnippetCode,
  unit: CodeUnit,
  model: FlowModel,
  acquisition: TokenAcquireEvent,
  settings: Settings,
): Fix[] {
  const { region, program } = snippet;
  const { code, eol } = region;
  const source = responseAcquisition(unit, acquisition);
  const range = toCodeRange(region, acquisition.range);
  const sourceRange = source && toCodeRange(region, source.range);
  if (!range || !sourceRange) return [];
  const call = source.fromCall !== undefined ? callById(model, source.fromCall)?.call : undefined;
  const response =
    responseIn(code.slice(sourceRange.start, sourceRange.end)) ??
    (call?.resultVariable && spellingOf(code, call.resultVariable));
  const statement = statementAt(program, range);
  if (!response || !statement) return [];
  const token = code
    .slice(range.start, range.end)
    .replace(/^\s*(?:ASSIGN\s+)?/i, '')
    .split(/\s*=/)[0]!
    .trim();
  const expiry = expiryNameFor(token);
  const lifetime = tokenNamesFor(token).lifetime;
  const indentUnit = indentUnitOf(code);
  const edits: TextEdit[] = [
    insertLinesAfter(code, statement.statement.end, statement.statement.start, eol, (indent) =>
      expiryFromExpiresIn('snippet', { expiry, lifetime, response, eol, indentUnit, indent }),
    ),
  ];
  const presence = presenceChecksFor(unit, acquisition)[0];
  const presenceRange = presence && toCodeRange(region, presence.range);
  if (presenceRange) {
    const assigned = new Set(nodesOfKind(program, 'Assign').map((a) => assignedName(a) ?? ''));
    const buffer = snippetBufferSetting(settings, assigned, { eol, indentUnit });
    const test = code.slice(presenceRange.start, presenceRange.end);
    const missing = MISSING.test(test.trim());
    const extended = missing
      ? `${test} | ${expiry} = ${SNIPPET_EMPTY} | ` +
        `${bufferedExpiryCondition('snippet', { expiry, buffer: buffer.value, operator: '>=' })}`
      : `${test} & ${expiry} != ${SNIPPET_EMPTY} & ` +
        `${bufferedExpiryCondition('snippet', { expiry, buffer: buffer.value, operator: '<' })}`;
    const check = statementAt(program, presenceRange);
    const whole =
      check?.statement.kind === 'If' &&
      check.statement.condition.start === presenceRange.start &&
      check.statement.condition.end === presenceRange.end;
    edits.push({ range: presenceRange, newText: whole ? extended : `(${extended})` });
    if (buffer.assignment && check)
      edits.unshift(insertLinesBefore(code, check.statement.start, eol, buffer.assignment));
  }
  // A cache with an expiry still sends nothing when its refresh fails: each call waits for a token, and says why it
  // did not go (the code's own failed request sets no error of this token's).
  const uses = eventsOfKind(unit, 'token-use').filter((u) => u.variable === acquisition.variable);
  const guards = guardTokenCalls(snippet, unit, uses, {
    token,
    error: tokenNamesFor(token).error,
    setErrorWithoutToken: true,
  });
  return fix(region.toDocumentEdits(mergeInsertions([...edits, ...guards.edits])), unit);
}

function guideNoExpiryFix(
  document: GuideDocument,
  block: SnippetBlock,
  unit: CodeUnit,
  model: FlowModel,
  acquisition: TokenAcquireEvent,
  settings: Settings,
): Fix[] {
  const { text } = document;
  const source = responseAcquisition(unit, acquisition);
  if (!source) return [];
  const call = source.fromCall !== undefined ? callById(model, source.fromCall)?.call : undefined;
  const body = text.slice(block.bodyRange.start, block.bodyRange.end);
  const data =
    responseIn(text.slice(source.range.start, source.range.end)) ??
    (call?.resultVariable ? guideData(text, block, spellingOf(body, call.resultVariable)) : undefined);
  const statement = guideStatementAt(block.program, treeRange(text, acquisition.range));
  if (!data || !statement) return [];
  const eol = lineEndingOf(text);
  const indentUnit = indentUnitOf(body);
  const stored = /^\s*(?:SET\s+)?((?:global:)?[\w$]+)/i.exec(
    text.slice(acquisition.range.start, acquisition.range.end),
  )?.[1];
  if (!stored) return [];
  const expiry = expiryNameFor(stored);
  const presence = presenceChecksFor(unit, acquisition)[0];
  const check = presence ? guideStatementAt(block.program, presence.range) : undefined;
  const taken = guideNamesIn(block);
  // "Now" in unix seconds: a local the block already has (declared before where it is needed), else one declared here.
  const nowLocal = nowDeclaration(text, block);
  const nowDeclared = nowLocal !== undefined && nowLocal.start < (check?.statement.start ?? statement.statement.start);
  const now = nowDeclared ? nowLocal.name : check ? uniqueName('currentTime', taken) : GUIDE_NOW_EXPRESSION;
  const edits: TextEdit[] = [
    insertLinesAfter(text, statement.statement.end, statement.statement.start, eol, (indent) =>
      expiryFromExpiresIn('guide', { expiry, response: data, now, eol, indentUnit, indent }),
    ),
  ];
  if (presence && check) {
    const buffer = chooseBuffer('guide', settings, body, taken, { eol, indentUnit });
    let start = presence.range.start;
    const before = text.slice(block.bodyRange.start, start);
    const bang = /!\s*$/.exec(before);
    if (bang && !/[!=]=?\s*!\s*$/.test(before.slice(-4))) start -= bang[0].length;
    const test = text.slice(start, presence.range.end);
    const localExpiry = uniqueName('tokenExpiry', taken);
    const missing = MISSING.test(test.trim());
    const extended = missing
      ? `${test} || ${localExpiry} <= 0 || ` +
        `${bufferedExpiryCondition('guide', { expiry: localExpiry, buffer: buffer.value, now, operator: '>=' })}`
      : `${test} && ${localExpiry} > 0 && ` +
        `${bufferedExpiryCondition('guide', { expiry: localExpiry, buffer: buffer.value, now, operator: '<' })}`;
    const node = check.statement;
    const whole = node.type === 'IfStatement' && node.test.start === start && node.test.end === presence.range.end;
    edits.push({ range: { start, end: presence.range.end }, newText: whole ? extended : `(${extended})` });
    edits.unshift(
      insertLinesBefore(text, node.start, eol, (indent) => {
        const lines = [
          ...(nowDeclared ? [] : [`var ${now} = ${GUIDE_NOW_EXPRESSION};`]),
          `var ${localExpiry} = parseInt("{${expiry}}") || 0;`,
        ];
        return lines.map((l) => `${indent}${l}${eol}`).join('') + (buffer.assignment?.(indent) ?? '');
      }),
    );
  }
  return fix(edits, unit);
}

/**
 * token-expires-in-ignored: a constant lifetime becomes the token response's `expires_in`, with a short lifetime
 * when the response has none (Snippet: the expiry statement is rewritten from `now + (3600 / 86400)`; guide
 * `(tokenData.expires_in || 600)`). A cached token with no expiry gets one, right after the statement that stores
 * it, and its presence test also tests the buffered expiry.
 */
export function tokenExpiresInIgnoredFixes(
  finding: RuleFinding<'token-expires-in-ignored'>,
  context: FixContext,
): Fix[] {
  const facts = finding.facts;
  if (facts.problem === 'fixed-lifetime') return constantFix(context, facts.unit, facts.expiry, finding.range);
  const { document, model, settings } = context;
  if (document.kind === 'guide') {
    const block = context.guideBlockOf(facts.unit);
    return block ? guideNoExpiryFix(document, block, facts.unit, model, facts.acquisition, settings) : [];
  }
  const snippet = context.snippetCodeOf(facts.unit);
  return snippet ? snippetNoExpiryFix(snippet, facts.unit, model, facts.acquisition, settings) : [];
}
