import type { TextRange } from '../common/text-range';
import { isKeyword, TokenFlags, TokenKind } from '../syntax/snippet/lexer';
import type { AuthoringDocument } from './authoring-document';
import {
  type Builtin,
  builtinMarkdown,
  functionNamed,
  keywordNamed,
  memberNamed,
  systemVariableNamed,
} from './builtins';
import { documentRange, inComment, tokenBefore, tokensOf, unitAt } from './code-units';
import { describePlace } from './places';
import { syntaxWordStarts } from './syntax-words';

export interface AuthoringHover {
  readonly markdown: string;
  readonly range: TextRange;
}

/** How many assignments a variable's hover lists. */
const LISTED_ASSIGNMENTS = 5;

/**
 * The hover for Snippet code at `offset`: a keyword's or built-in's documented meaning with a link to NICE's page,
 * or, for a script variable, where it is assigned (across the actions of an export). Undefined elsewhere.
 */
export function authoringHoverAt(model: AuthoringDocument, offset: number): AuthoringHover | undefined {
  const unit = unitAt(model.units, offset);
  const code = unit?.toCode(offset);
  if (!unit || code === undefined || inComment(unit, code)) return undefined;
  const tokens = tokensOf(unit);
  const i = tokenBefore(tokens, code + 1);
  if (i < 0 || tokens.ends[i]! < code) return undefined;
  const kind = tokens.kinds[i] as TokenKind;
  const start = tokens.starts[i]!;
  const word = unit.code.slice(start, tokens.ends[i]!);
  const range = documentRange(unit, { start, end: tokens.ends[i]! });
  const builtin = (entry: Builtin | undefined): AuthoringHover | undefined =>
    entry ? { markdown: builtinMarkdown(entry), range } : undefined;
  if (isKeyword(kind)) return builtin(keywordNamed(word));
  if (kind !== TokenKind.Identifier) return undefined;
  if (syntaxWordStarts(unit).has(start)) return builtin(keywordNamed(word));
  const occurrence = model.index.at(offset);
  if (occurrence) return variableHover(model, occurrence.key, range);
  if (i > 0 && tokens.kinds[i - 1] === TokenKind.Dot) return builtin(memberNamed(word));
  if (tokens.kinds[i + 1] === TokenKind.LParen) return builtin(functionNamed(word));
  if ((tokens.flags[i]! & TokenFlags.GlobalScope) !== 0) return undefined;
  return builtin(systemVariableNamed(word));
}

function variableHover(model: AuthoringDocument, key: string, range: TextRange): AuthoringHover | undefined {
  const { index } = model;
  const first = index.occurrencesOf(key)[0];
  if (!first) return undefined;
  const definitions = index.definitionsOf(key);
  const what = first.kind === 'function' ? 'FUNCTION' : first.kind === 'parameter' ? 'parameter' : 'variable';
  const lines = [`\`\`\`\n${first.name}\n\`\`\``, `*${what}*`];
  if (first.kind === 'variable' && model.document.kind === 'export') {
    lines.push('', 'Script variable: every action of the contact shares it (names are case-insensitive).');
  }
  if (definitions.length > 0) {
    const verb = first.kind === 'variable' ? 'Assigned' : 'Declared';
    lines.push('', `${verb} at:`);
    for (const d of definitions.slice(0, LISTED_ASSIGNMENTS)) lines.push(`- ${describePlace(model, d)}`);
    if (definitions.length > LISTED_ASSIGNMENTS) lines.push(`- … and ${definitions.length - LISTED_ASSIGNMENTS} more`);
  } else if (first.kind === 'variable') {
    lines.push('', 'Never assigned in this document: it comes from elsewhere (Studio, another script), or is empty.');
  }
  return { markdown: lines.join('\n'), range };
}
