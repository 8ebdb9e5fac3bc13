import type { CodeUnit, FlowModel, TokenAcquireEvent } from '../../analysis/model/flow-model';
import type { TextEdit } from '../../common/text-edit';
import type { GuideDocument } from '../../documents/parsed-document';
import type { RuleFinding } from '../finding';
import { claimsOf, type Fix, type FixContext } from '../fix';
import type { SnippetBlock } from '../../syntax/guide/ast';
import { expiryFromExpiresIn, tokenNamesFor } from '../../templates';
import { toCodeRange, type SnippetCode } from '../../editing/code-region';
import { guideStatementAt, treeRange } from '../../editing/guide-tree';
import { guideNowAt } from '../../editing/guide-now';
import { insertLinesAfter } from '../../editing/insertion';
import { callById, eventsOfKind } from '../../analysis/model/queries';
import { expiryNameFor } from '../../editing/names';
import { statementAt } from '../../editing/snippet-tree';
import { responseIn, spellingOf } from '../../editing/token-variables';
import { indentAt, indentUnitOf, lineEndingOf } from '../../editing/text-layout';
import { rangeOf } from '../../syntax/snippet/ast';

const RESOURCE_TOKEN_EXPIRY_UNTRACKED_CODE = 'resource-token-expiry-untracked';
const TRACK_RESOURCE_EXPIRY_TITLE = "Track the resource token's expiry";

function fix(edits: TextEdit[], unit: CodeUnit): Fix[] {
  return [
    {
      title: TRACK_RESOURCE_EXPIRY_TITLE,
      code: RESOURCE_TOKEN_EXPIRY_UNTRACKED_CODE,
      preferred: true,
      edits,
      claims: [claimsOf.tokens(unit)],
    },
  ];
}

/** The stored token's name as written (`ASSIGN resourceToken = …`, `SET strResourceToken = …;`). */
function storedName(statementText: string): string | undefined {
  return /^\s*(?:ASSIGN\s+|SET\s+|var\s+|let\s+)?((?:global:)?[A-Za-z_][\w$]*)\s*=/i.exec(statementText)?.[1];
}

/**
 * An expiry this token already gets from elsewhere (`resourceTokenExpiry = clientTokenExpiry`), after it in its unit.
 */
function copiedExpiry(unit: CodeUnit, acquisition: TokenAcquireEvent, expiry: string) {
  return eventsOfKind(unit, 'expiry-set').find(
    (e) =>
      e.order > acquisition.order &&
      !e.clears &&
      e.constantSeconds === undefined &&
      (!e.fromExpiresIn || e.fromCall !== acquisition.fromCall) &&
      e.variable === expiry.toLowerCase().replace(/^global:/, ''),
  );
}

function snippetFix(snippet: SnippetCode, model: FlowModel, unit: CodeUnit, acquisition: TokenAcquireEvent): Fix[] {
  const { region, program } = snippet;
  const { code, eol } = region;
  const range = toCodeRange(region, acquisition.range);
  if (!range) return [];
  const statement = statementAt(program, range);
  const text = code.slice(range.start, range.end);
  const call = acquisition.fromCall !== undefined ? callById(model, acquisition.fromCall)?.call : undefined;
  const response = responseIn(text) ?? (call?.resultVariable ? spellingOf(code, call.resultVariable) : undefined);
  const token = storedName(text);
  if (!statement || !response || !token) return [];
  const names = tokenNamesFor(token);
  const expiry = expiryNameFor(token);
  const copy = copiedExpiry(unit, acquisition, expiry);
  const copyRange = copy && toCodeRange(region, copy.range);
  const copyStatement = copyRange && statementAt(program, copyRange);
  const layout = { eol, indentUnit: indentUnitOf(code) };
  if (copyStatement?.statement.kind === 'Assign') {
    // The copied expiry's statement becomes the token's own expiry, in place.
    const range = rangeOf(copyStatement.statement);
    const indent = indentAt(code, range.start);
    const lines = expiryFromExpiresIn('snippet', { expiry, lifetime: names.lifetime, response, ...layout, indent });
    return fix(
      region.toDocumentEdits([{ range, newText: lines.slice(indent.length, lines.length - eol.length) }]),
      unit,
    );
  }
  const insert = insertLinesAfter(code, statement.statement.end, statement.statement.start, eol, (indent) =>
    expiryFromExpiresIn('snippet', { expiry, lifetime: names.lifetime, response, ...layout, indent }),
  );
  return fix(region.toDocumentEdits([insert]), unit);
}

function guideFix(
  document: GuideDocument,
  block: SnippetBlock,
  model: FlowModel,
  unit: CodeUnit,
  acquisition: TokenAcquireEvent,
): Fix[] {
  const { text } = document;
  const statement = guideStatementAt(block.program, treeRange(text, acquisition.range));
  const stored = text.slice(acquisition.range.start, acquisition.range.end);
  const call = acquisition.fromCall !== undefined ? callById(model, acquisition.fromCall)?.call : undefined;
  const data =
    responseIn(stored) ??
    (call?.resultVariable ? `JSON.parse(${spellingOf(text, call.resultVariable)}.body)` : undefined);
  const token = storedName(stored);
  if (!statement || !data || !token) return [];
  const expiry = expiryNameFor(token);
  const now = guideNowAt(text, block, statement.statement.start);
  const copy = copiedExpiry(unit, acquisition, expiry);
  if (copy) {
    const line = expiryFromExpiresIn('guide', { expiry, response: data, now });
    return fix([{ range: copy.range, newText: line.trimEnd() }], unit);
  }
  const body = text.slice(block.bodyRange.start, block.bodyRange.end);
  const insert = insertLinesAfter(
    text,
    statement.statement.end,
    statement.statement.start,
    lineEndingOf(text),
    (indent) =>
      expiryFromExpiresIn('guide', {
        expiry,
        response: data,
        now,
        eol: lineEndingOf(text),
        indentUnit: indentUnitOf(body),
        indent,
      }),
  );
  return fix([insert], unit);
}

/**
 * resource-token-expiry-untracked: right after the statement that stores the resource token, its own expiry from
 * the exchange response's `expires_in`, with a short lifetime when the response has none (`resourceToken` →
 * `resourceTokenExpiry`). An expiry copied from the client token (`resourceTokenExpiry = clientTokenExpiry`) is
 * rewritten in place instead.
 */
export function resourceTokenExpiryFixes(
  finding: RuleFinding<'resource-token-expiry-untracked'>,
  context: FixContext,
): Fix[] {
  const { document, model } = context;
  const { unit, acquisition } = finding.facts;
  if (document.kind === 'guide') {
    const block = context.guideBlockOf(unit);
    return block ? guideFix(document, block, model, unit, acquisition) : [];
  }
  const snippet = context.snippetCodeOf(unit);
  return snippet ? snippetFix(snippet, model, unit, acquisition) : [];
}
