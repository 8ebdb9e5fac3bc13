import type { AnyNode, Expression } from 'acorn';
import { quoteSource } from '../../common/quote-source';
import type { ParseError, TextRange } from '../../common/text-range';
import type { Action, Branch, Decision, Elision, ScriptAssign, GuideItem, Substitution, Wait } from './ast';
import { parseLineExpression } from './line-expression';
import { isBlank, skipBlanks, splitTrailingComment, trimEndOffset } from './line-text';
import { NESTED_TOO_DEEPLY } from './recursion-guard';
import { substitutionsIn, substitutionsInStrings } from './substitutions';
import { describeSyntaxError } from './syntax-messages';

/** Where script-level line parsers put what they find. */
export interface LineSink {
  readonly text: string;
  readonly items: GuideItem[];
  readonly errors: ParseError[];
  readonly comments: TextRange[];
}

const ASSIGN_KEYWORD = /(ASSIGN|SET)(?![\w$:])/iy;
const DECISION_KEYWORD = /DECISION(?![\w$:])/iy;
const WAIT_KEYWORD = /WAIT(?![\w$:])/iy;
const TARGET_NAME = /(?:global:)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/iy;
const BRANCH_ARROW = /(?:(\w+)[ \t]*)?-->/y;
const ACTION_WORD = /[A-Za-z_][\w]*/y;
const ELISION = /^(?:\.{3,}|\u2026)$/;
const NUMBER = /^\d+(?:\.\d+)?$/;

/** Lower-case spellings of these still count as actions (Studio action names are case-insensitive). */
const KNOWN_ACTIONS = new Set([
  'begin',
  'end',
  'play',
  'menu',
  'reqagent',
  'hold',
  'onanswer',
  'onrelease',
  'onhold',
  'hangup',
  'transfer',
  'queue',
  'if',
  'case',
  'loop',
  'runsub',
  'runscript',
  'return',
  'capture',
  'voicemail',
  'playlist',
  'restapi',
  'workflow',
  'setskill',
  'email',
  'chat',
  'exit',
  'spawn',
  'link',
  'trace',
  'logs',
  'voiceparams',
  'answer',
]);

/** Parses one script-level line; `start` is its first non-blank character, `end` the end of its text. */
export function parseScriptLine(sink: LineSink, start: number, end: number): void {
  const { text } = sink;
  if (sticky(ASSIGN_KEYWORD, text, start)) return parseAssign(sink, start, end);
  if (sticky(DECISION_KEYWORD, text, start)) return parseDecision(sink, start, end);
  if (sticky(WAIT_KEYWORD, text, start)) return parseWait(sink, start, end);
  const arrow = sticky(BRANCH_ARROW, text, start);
  if (arrow && start + arrow[0].length <= end) return parseBranch(sink, start, end, arrow);

  const contentEnd = splitTrailingComment(text, start, end, sink.comments);
  if (contentEnd === start) return;
  if (ELISION.test(text.slice(start, contentEnd))) {
    const elision: Elision = { kind: 'Elision', range: { start, end: contentEnd } };
    sink.items.push(elision);
    return;
  }
  const word = sticky(ACTION_WORD, text, start);
  if (word && start + word[0].length <= contentEnd) {
    const nameEnd = start + word[0].length;
    const after = skipBlanks(text, nameEnd, contentEnd);
    const next = text[after];
    const isAssignment = next === '=' && text[after + 1] !== '=';
    const looksLikeCode = nameEnd === after && (next === '.' || next === '[' || next === '(');
    if (isAssignment) {
      sink.errors.push({
        range: { start, end: contentEnd },
        message: 'A script-level assignment needs ASSIGN or SET (or belongs inside a SNIPPET block)',
      });
      return;
    }
    const upperInitial = /[A-Z]/.test(word[0][0]!);
    if (!looksLikeCode && (upperInitial || KNOWN_ACTIONS.has(word[0].toLowerCase()))) {
      parseAction(sink, start, nameEnd, contentEnd);
      return;
    }
  }
  sink.errors.push({
    range: { start, end: contentEnd },
    message:
      'Unrecognised script line: expected ASSIGN, SET, DECISION, WAIT, SNIPPET … END SNIPPET, ' +
      'a branch (YES --> [...]), an action name or a // comment; JavaScript belongs inside a SNIPPET block',
  });
}

function sticky(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function parseAssign(sink: LineSink, start: number, end: number): void {
  const { text } = sink;
  const keywordMatch = sticky(ASSIGN_KEYWORD, text, start)!;
  const keyword: ScriptAssign['keyword'] = keywordMatch[1]!.toUpperCase() === 'SET' ? 'SET' : 'ASSIGN';
  const keywordRange = { start, end: start + keywordMatch[0].length };
  const targetStart = skipBlanks(text, keywordRange.end, end);
  const targetMatch = targetStart > keywordRange.end ? sticky(TARGET_NAME, text, targetStart) : null;
  if (!targetMatch || targetStart + targetMatch[0].length > end) {
    splitTrailingComment(text, keywordRange.end, end, sink.comments); // still records a trailing comment
    sink.errors.push({
      range: keywordRange,
      message: `${keyword} needs a variable name: ${keyword} name = value`,
    });
    return;
  }
  const target = targetMatch[0];
  const targetRange = { start: targetStart, end: targetStart + target.length };
  const equals = skipBlanks(text, targetRange.end, end);
  if (text[equals] !== '=' || text[equals + 1] === '=') {
    const contentEnd = splitTrailingComment(text, equals, end, sink.comments);
    sink.errors.push({
      range: equals < contentEnd ? { start: equals, end: contentEnd } : { start: equals, end: equals },
      message: `Expected '=' after ${keyword} ${quoteSource(target)}`,
    });
    return;
  }
  const valueStart = skipBlanks(text, equals + 1, end);
  const restEnd = trimEndOffset(text, valueStart, end);
  const base = { kind: 'ScriptAssign' as const, keyword, keywordRange, target, targetRange };
  if (valueStart >= restEnd || text.startsWith('//', valueStart) || text[valueStart] === ';') {
    const contentEnd = splitTrailingComment(text, valueStart, end, sink.comments);
    const noValue: ScriptAssign = {
      ...base,
      valueRange: { start: equals + 1, end: equals + 1 },
      range: { start, end: Math.max(equals + 1, contentEnd) },
      substitutions: [],
    };
    sink.items.push(noValue);
    sink.errors.push({
      range: { start: equals, end: equals + 1 },
      message: `${keyword} ${quoteSource(target)} has no value after '='`,
    });
    return;
  }

  const parsed = parseLineExpression(text.slice(valueStart, end), valueStart);
  let valueEnd: number;
  let rangeEnd: number;
  if (parsed.exact) {
    valueEnd = parsed.end;
    let after = skipBlanks(text, valueEnd, end);
    rangeEnd = valueEnd;
    if (text[after] === ';') {
      rangeEnd = after + 1;
      after = skipBlanks(text, after + 1, end);
    }
    const tailEnd = splitTrailingComment(text, after, end, sink.comments);
    if (tailEnd > after) {
      sink.errors.push({
        range: { start: after, end: tailEnd },
        message: `Unexpected text after the ${keyword} value; one ${keyword} holds one expression`,
      });
    }
  } else {
    const contentEnd = splitTrailingComment(text, valueStart, end, sink.comments);
    rangeEnd = contentEnd;
    valueEnd = text[contentEnd - 1] === ';' ? trimEndOffset(text, valueStart, contentEnd - 1) : contentEnd;
    if (parsed.error) sink.errors.push(describeSyntaxError(text, parsed.error, `${keyword} value`, end));
  }
  const item: ScriptAssign = {
    ...base,
    ...(parsed.expression ? { value: parsed.expression } : {}),
    valueRange: { start: valueStart, end: Math.max(valueStart, valueEnd) },
    range: { start, end: rangeEnd },
    substitutions: parsed.expression
      ? stringSubstitutions(text, parsed.nodes)
      : substitutionsIn(text.slice(valueStart, valueEnd), valueStart),
  };
  sink.items.push(item);
}

function stringSubstitutions(text: string, nodes: readonly AnyNode[]): Substitution[] {
  return substitutionsInStrings(
    text,
    nodes.filter((n) => n.type === 'Literal' || n.type === 'TemplateLiteral'),
  );
}

function parseDecision(sink: LineSink, start: number, end: number): void {
  const { text } = sink;
  const keywordRange = { start, end: start + 'DECISION'.length };
  const conditionStart = skipBlanks(text, keywordRange.end, end);
  const conditionEnd = Math.max(conditionStart, splitTrailingComment(text, conditionStart, end, sink.comments));
  const conditionText = text.slice(conditionStart, conditionEnd);
  if (conditionText === '') {
    sink.errors.push({
      range: keywordRange,
      message: 'DECISION needs a condition, e.g. DECISION "{strApiError}" = ""',
    });
    return;
  }
  const { masked, equalsAt } = maskGuideEquals(conditionText);
  const parsed = parseLineExpression(masked, conditionStart);
  let expression: Expression | undefined;
  if (parsed.exact && parsed.expression && text.slice(parsed.end, conditionEnd).replace(/[\s;]/g, '') === '') {
    expression = parsed.expression;
    for (const node of parsed.nodes) {
      if (node.type === 'BinaryExpression' && node.operator === '<') {
        for (const at of equalsAt) {
          const offset = conditionStart + at;
          if (node.left.end <= offset && offset < node.right.start) node.operator = '==';
        }
      }
    }
  } else if (
    parsed.error &&
    (parsed.error.message.startsWith('Unterminated string') || parsed.error.message.startsWith(NESTED_TOO_DEEPLY))
  ) {
    sink.errors.push(describeSyntaxError(text, parsed.error, 'DECISION condition', conditionEnd));
  }
  const decision: Decision = {
    kind: 'Decision',
    keywordRange,
    conditionText,
    conditionRange: { start: conditionStart, end: conditionEnd },
    ...(expression ? { expression } : {}),
    range: { start, end: conditionEnd },
    substitutions: expression
      ? stringSubstitutions(text, parsed.nodes)
      : substitutionsIn(conditionText, conditionStart),
  };
  sink.items.push(decision);
}

/**
 * Studio compares with a single `=`. To let acorn read the condition, each lone `=` outside strings becomes `<`
 * (same length, and `<` binds like a comparison); the parser then relabels those operators as `==`.
 */
function maskGuideEquals(condition: string): { masked: string; equalsAt: number[] } {
  const equalsAt: number[] = [];
  let quote = '';
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (
      c === '=' &&
      !'=!<>'.includes(condition[i - 1] ?? '') &&
      condition[i + 1] !== '=' &&
      condition[i + 1] !== '>'
    ) {
      equalsAt.push(i);
    }
  }
  if (equalsAt.length === 0) return { masked: condition, equalsAt };
  const chars = condition.split('');
  for (const at of equalsAt) chars[at] = '<';
  return { masked: chars.join(''), equalsAt };
}

function parseWait(sink: LineSink, start: number, end: number): void {
  const { text } = sink;
  const keywordRange = { start, end: start + 'WAIT'.length };
  const argsStart = skipBlanks(text, keywordRange.end, end);
  const contentEnd = Math.max(argsStart, splitTrailingComment(text, argsStart, end, sink.comments));
  const argsEnd =
    text[contentEnd - 1] === ';' && contentEnd > argsStart
      ? trimEndOffset(text, argsStart, contentEnd - 1)
      : contentEnd;
  const argsText = text.slice(argsStart, argsEnd);
  const wait: Wait = {
    kind: 'Wait',
    keywordRange,
    ...(NUMBER.test(argsText) ? { seconds: Number(argsText) } : {}),
    argsText,
    argsRange: { start: argsStart, end: argsEnd },
    range: { start, end: Math.max(keywordRange.end, contentEnd) },
  };
  sink.items.push(wait);
}

function parseBranch(sink: LineSink, start: number, end: number, arrow: RegExpExecArray): void {
  const { text } = sink;
  const label = arrow[1] ?? '';
  const labelRange = { start, end: start + label.length };
  const targetStart = skipBlanks(text, start + arrow[0].length, end);
  let targetRange: TextRange;
  let contentEnd: number;
  // Searched on this line only: an indexOf could run to the end of the file for every branch line without `]`.
  const close = text[targetStart] === '[' ? indexOfBefore(text, ']', targetStart, end) : -1;
  if (close >= 0) {
    targetRange = { start: targetStart + 1, end: close };
    const tailStart = skipBlanks(text, close + 1, end);
    const tailEnd = splitTrailingComment(text, tailStart, end, sink.comments);
    if (tailEnd > tailStart)
      sink.errors.push({
        range: { start: tailStart, end: tailEnd },
        message: 'Unexpected text after the branch target',
      });
    contentEnd = close + 1;
  } else {
    contentEnd = Math.max(targetStart, splitTrailingComment(text, targetStart, end, sink.comments));
    targetRange = { start: targetStart, end: contentEnd };
  }
  const branch: Branch = {
    kind: 'Branch',
    label: label.toUpperCase(),
    labelRange,
    targetText: text.slice(targetRange.start, targetRange.end),
    targetRange,
    range: { start, end: contentEnd },
  };
  sink.items.push(branch);
}

/** The first `char` in `text` from `from` up to (not including) `end`, or -1. */
function indexOfBefore(text: string, char: string, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text[i] === char) return i;
  return -1;
}

function parseAction(sink: LineSink, start: number, nameEnd: number, contentEnd: number): void {
  const { text } = sink;
  const argsStart = nameEnd < contentEnd && !isBlank(text[nameEnd]) ? nameEnd : skipBlanks(text, nameEnd, contentEnd);
  const argsText = text.slice(argsStart, contentEnd);
  const action: Action = {
    kind: 'Action',
    name: text.slice(start, nameEnd),
    nameRange: { start, end: nameEnd },
    argsText,
    argsRange: { start: argsStart, end: contentEnd },
    range: { start, end: contentEnd },
    substitutions: substitutionsIn(argsText, argsStart),
  };
  sink.items.push(action);
}
