import type { AnyNode } from 'acorn';
import type { CodeUnit, TokenUseEvent } from '../../analysis/model/flow-model';
import type { Settings } from '../../common/settings';
import type { TextEdit } from '../../common/text-edit';
import type { TextRange } from '../../common/text-range';
import type { GuideDocument } from '../../documents/parsed-document';
import type { SnippetBlock } from '../../syntax/guide/ast';
import { claimsOf, type Fix } from '../fix';
import { cacheNameFor, PLACEHOLDER_TOKEN_URL, strategyA, strategyB } from '../../templates';
import { guideNodeAt, guideNamesIn, guideStatementChain, type GuideSlot } from '../../editing/guide-tree';
import { insertLinesBefore } from '../../editing/insertion';
import { eventsOfKind } from '../../analysis/model/queries';
import { assignedNameSet, errorVariableOf, expiryNameFor, uniqueName } from '../../editing/names';
import { staleCommentEdit } from '../../editing/stale-comment';
import { endsLine, indentUnitOf, lineEndingOf, nextLineStartAt } from '../../editing/text-layout';
import { credentialNames, isComplete, type TokenSource } from './acquisition';
import { CODE, STRATEGY_A_TITLE, STRATEGY_B_TITLE } from './titles';

/**
 * Points one use at `replacement`: `"Bearer " + strToken` → `"Bearer " + validToken`; `"Bearer {strToken}"` → `"Bearer
 * " + validToken`.
 */
function rewriteUse(text: string, block: SnippetBlock, range: TextRange, replacement: string): TextEdit {
  if (text[range.start] !== '{') return { range, newText: replacement };
  const literal = guideNodeAt(block.program, range, (n) => n.type === 'Literal' || n.type === 'TemplateLiteral');
  if (!literal) return { range, newText: replacement };
  if (literal.type === 'TemplateLiteral') return { range, newText: `\${${replacement}}` };
  const quote = text[literal.start]!;
  const atStart = range.start === literal.start + 1;
  const atEnd = range.end === literal.end - 1;
  if (atStart && atEnd) return { range: { start: literal.start, end: literal.end }, newText: replacement };
  if (atEnd) return { range: { start: range.start, end: literal.end }, newText: `${quote} + ${replacement}` };
  if (atStart) return { range: { start: literal.start, end: range.end }, newText: `${replacement} + ${quote}` };
  return { range, newText: `${quote} + ${replacement} + ${quote}` };
}

function isRequestCreation(node: AnyNode, text: string): string | undefined {
  if (node.type !== 'VariableDeclaration' || node.declarations.length !== 1) return undefined;
  const declaration = node.declarations[0]!;
  if (declaration.id.type !== 'Identifier' || !declaration.init || declaration.init.type !== 'NewExpression')
    return undefined;
  return /HttpRequest\s*$/.test(text.slice(declaration.init.callee.start, declaration.init.callee.end))
    ? declaration.id.name
    : undefined;
}

/** The request object a statement configures (`req.headers[…] = …`, `req.method = …`, `req.setRequestHeader(…)`). */
function configures(node: AnyNode): string | undefined {
  let target: AnyNode | undefined;
  if (node.type === 'ExpressionStatement') {
    const e = node.expression;
    if (e.type === 'AssignmentExpression') target = e.left;
    else if (e.type === 'CallExpression') target = e.callee;
  }
  while (target && target.type === 'MemberExpression') {
    if (target.object.type === 'Identifier') return target.object.name;
    target = target.object;
  }
  return undefined;
}

/**
 * Before the statement holding the use, or before `var req = new CXone.HttpRequest();` when only req's setup lies
 * between.
 */
function requestStart(slot: GuideSlot, text: string): GuideSlot {
  const client = configures(slot.statement);
  if (!client) return slot;
  for (let i = slot.index - 1; i >= 0; i--) {
    const above = slot.siblings[i]!;
    if (isRequestCreation(above, text) === client) return { statement: above, siblings: slot.siblings, index: i };
    if (configures(above) !== client) break;
  }
  return slot;
}

/** Where the body's code starts: the line after `SNIPPET`, or right after the keyword when code shares its line. */
function bodyStart(text: string, block: SnippetBlock): number {
  const afterKeyword = block.bodyRange.start;
  if (endsLine(text, afterKeyword)) return Math.min(nextLineStartAt(text, afterKeyword), block.bodyRange.end);
  return afterKeyword + /^[ \t]*/.exec(text.slice(afterKeyword))![0].length;
}

/** The indentation of the body's first code line (none when the body is empty). */
function bodyIndent(text: string, block: SnippetBlock): string {
  const body = text.slice(block.bodyRange.start, block.bodyRange.end);
  return /^([ \t]*)\S/m.exec(body.replace(/^[^\r\n]*/, ''))?.[1] ?? '';
}

/** The comment above a token request whose endpoint or credentials are not in the document. */
function unknownRequestTodo(clientId: string, clientSecret: string): string {
  return (
    `// TODO fill in: the token's acquisition is not in this script: write your identity provider's token endpoint ` +
    `in tokenReq.url (the .invalid host never resolves) and set ${clientId} and ${clientSecret} outside the script`
  );
}

export function guideTokenFixes(
  document: GuideDocument,
  block: SnippetBlock,
  unit: CodeUnit,
  use: TokenUseEvent,
  source: TokenSource,
  settings: Settings,
): Fix[] {
  const { text } = document;
  const eol = lineEndingOf(text);
  const body = text.slice(block.bodyRange.start, block.bodyRange.end);
  const indentUnit = indentUnitOf(body);
  const taken = new Set([...guideNamesIn(block), ...assignedNameSet(document)]);
  const error = errorVariableOf(document, 'guide');
  const variableName = text
    .slice(use.range.start, use.range.end)
    .replace(/^\{|\}$/g, '')
    .replace(/^global:/i, '');
  const cachedToken = cacheNameFor(variableName, 'guide');
  const credentials = credentialNames(source, cachedToken, settings);
  const complete = isComplete(source);
  const tokenUrl = complete ? source.url! : `"${PLACEHOLDER_TOKEN_URL}"`;
  const todo = (indent: string): string =>
    complete ? '' : `${indent}${unknownRequestTodo(credentials.clientIdName, credentials.clientSecretName)}${eol}`;
  const rewrite = (targets: readonly TokenUseEvent[], replacement: string): TextEdit[] => {
    const stale = new Map<number, TextEdit>();
    for (const u of targets) {
      const comment = staleCommentEdit(text, u.range.end, variableName);
      if (comment) stale.set(comment.range.start, comment);
    }
    return [...targets.map((u) => rewriteUse(text, block, u.range, replacement)), ...stale.values()];
  };
  const local = (base: string): string => uniqueName(base, taken);
  const inBlock = (u: TokenUseEvent): boolean =>
    u.range.start >= block.bodyRange.start && u.range.end <= block.bodyRange.end;
  const uses = eventsOfKind(unit, 'token-use').filter((u) => u.variable === use.variable && inBlock(u));
  const fixes: Fix[] = [];

  // Strategy B at the top of the block; every use in the block reads validToken.
  {
    const validToken = local('validToken');
    const indent = bodyIndent(text, block);
    const names = {
      cachedToken,
      tokenExpiry: expiryNameFor(cachedToken),
      error,
      currentTime: local('currentTime'),
      localExpiry: local('tokenExpiry'),
      localToken: local('tokenValue'),
      validToken,
      request: local('tokenReq'),
      response: local('tokenResp'),
      data: local('tokenData'),
      refreshBuffer: local('refreshBuffer'),
      tokenUrl,
      ...credentials,
    };
    const insert = insertLinesBefore(
      text,
      bodyStart(text, block),
      eol,
      () =>
        todo(indent) +
        strategyB('guide', {
          snippetBlock: false,
          names,
          bufferSeconds: settings.bufferSeconds,
          jitter: settings.jitter,
          eol,
          indentUnit,
          indent,
        }),
    );
    const rewrites = rewrite(uses, validToken);
    const calls = uses.flatMap((u) => (u.callId === undefined ? [] : [claimsOf.call({ id: u.callId })]));
    const claims = [claimsOf.tokens(unit), ...calls];
    fixes.push({ title: STRATEGY_B_TITLE, code: CODE, preferred: true, edits: [insert, ...rewrites], claims });
  }

  // Strategy A right before this request; its uses read the fresh token.
  const callUses = use.callId === undefined ? [use] : uses.filter((u) => u.callId === use.callId);
  const chain = guideStatementChain(block.program, use.range);
  const slot = chain[chain.length - 1];
  if (slot) {
    const accessToken = local('accessToken');
    const at = requestStart(slot, text).statement.start;
    const insert = insertLinesBefore(
      text,
      at,
      eol,
      (indent) =>
        todo(indent) +
        strategyA('guide', {
          snippetBlock: false,
          apiCall: false,
          names: {
            accessToken,
            error,
            request: local('tokenReq'),
            response: local('tokenResp'),
            data: local('tokenData'),
            tokenUrl,
            ...credentials,
          },
          eol,
          indentUnit,
          indent,
        }),
    );
    const rewrites = rewrite(callUses, accessToken);
    fixes.push({
      title: STRATEGY_A_TITLE,
      code: CODE,
      preferred: false,
      edits: [insert, ...rewrites],
      claims: [claimsOf.tokens(unit)],
    });
  }
  return fixes;
}
