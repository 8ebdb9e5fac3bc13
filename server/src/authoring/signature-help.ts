import { type AstNode, type FunctionDeclaration, holdsStatements, walk } from '../syntax/snippet/ast';
import { TokenFlags, TokenKind, type TokenStream } from '../syntax/snippet/lexer';
import type { AuthoringDocument } from './authoring-document';
import { builtinMarkdown, functionNamed, memberNamed, signatureOf } from './builtins';
import { inComment, type SnippetUnit, tokenBefore, tokensOf, unitAt } from './code-units';

export interface SignatureParameter {
  /** Offsets of the parameter's name in `label`. */
  readonly label: readonly [number, number];
  /** Markdown. */
  readonly documentation?: string;
}

export interface SignatureInfo {
  /** `MakeRestRequest(url, payload, responseType, verb)`. */
  readonly label: string;
  /** Markdown. */
  readonly documentation: string;
  readonly parameters: readonly SignatureParameter[];
  /** The argument the cursor is in (0-based). */
  readonly activeParameter: number;
}

/** How far back (in tokens) to look for the call around the cursor. */
const MAX_LOOKBACK = 2000;

/**
 * The signature of the call the cursor is in: a built-in with documented parameters (`MakeRestRequest`, `dateadd`,
 * `AddHeader`) or a FUNCTION of the same SNIPPET action. Undefined outside calls, for calls of unknown functions,
 * and in the guide's notation (its bodies are JavaScript).
 */
export function signatureAt(model: AuthoringDocument, offset: number): SignatureInfo | undefined {
  const unit = unitAt(model.units, offset);
  const code = unit?.toCode(offset);
  if (!unit || code === undefined || inComment(unit, code)) return undefined;
  const tokens = tokensOf(unit);
  const call = openCallBefore(tokens, code);
  if (!call) return undefined;
  const calleeIndex = call.paren - 1;
  if (calleeIndex < 0 || tokens.kinds[calleeIndex] !== TokenKind.Identifier) return undefined;
  const name = unit.code.slice(tokens.starts[calleeIndex]!, tokens.ends[calleeIndex]!).replace(/^global:/i, '');
  const isMethod = calleeIndex > 0 && tokens.kinds[calleeIndex - 1] === TokenKind.Dot;
  if (!isMethod) {
    const declared = functionDeclaration(unit, name.toLowerCase());
    if (declared) return userSignature(declared, call.commas);
  }
  const entry = isMethod ? memberNamed(name) : functionNamed(name);
  if (!entry || (entry.kind !== 'function' && entry.kind !== 'method')) return undefined;
  const parameters = entry.parameters ?? [];
  const label = signatureOf(entry);
  return {
    label,
    documentation: builtinMarkdown(entry),
    parameters: labelled(
      label,
      parameters.map((p) => p.name),
    ).map((range, i) => ({
      label: range,
      documentation: parameters[i]!.doc,
    })),
    activeParameter: Math.min(call.commas, Math.max(0, parameters.length - 1)),
  };
}

/** The `(` of the innermost call still open at `code`, and how many of its commas come before `code`. */
function openCallBefore(tokens: TokenStream, code: number): { paren: number; commas: number } | undefined {
  let depth = 0;
  let commas = 0;
  const stop = Math.max(0, tokenBefore(tokens, code) - MAX_LOOKBACK);
  for (let i = tokenBefore(tokens, code); i >= stop; i--) {
    // The `(` must come before the cursor: `f(|)` has the cursor inside, `f()|` does not.
    if (tokens.ends[i]! > code && tokens.kinds[i] !== TokenKind.LParen) continue;
    switch (tokens.kinds[i] as TokenKind) {
      case TokenKind.RParen:
      case TokenKind.RBracket:
      case TokenKind.InterpEnd:
        depth++;
        break;
      case TokenKind.LBracket:
        if (depth === 0) return undefined;
        depth--;
        break;
      case TokenKind.LParen:
        if (depth === 0) return { paren: i, commas };
        depth--;
        break;
      case TokenKind.Comma:
        if (depth === 0) commas++;
        break;
      // An interpolation closed before the cursor is skipped whole; the one the cursor is in ends the search.
      case TokenKind.InterpStart:
        if (depth === 0) return undefined;
        depth--;
        break;
      // Blocks end any call.
      case TokenKind.LBrace:
      case TokenKind.RBrace:
        if (depth === 0) return undefined;
        break;
      default:
        break;
    }
    // A call does not continue across lines.
    if ((tokens.flags[i]! & TokenFlags.NewlineBefore) !== 0 && depth === 0) {
      if (tokens.kinds[i] !== TokenKind.LParen) return undefined;
    }
  }
  return undefined;
}

function functionDeclaration(unit: SnippetUnit, folded: string): FunctionDeclaration | undefined {
  let found: FunctionDeclaration | undefined;
  walk(unit.program, (node: AstNode) => {
    if (found) return false;
    if (node.kind === 'Function' && node.name?.folded === folded) {
      found = node;
      return false;
    }
    return holdsStatements(node);
  });
  return found;
}

function userSignature(declaration: FunctionDeclaration, commas: number): SignatureInfo {
  const names = declaration.params.map((p) => p.name);
  const label = `${declaration.name?.name ?? 'FUNCTION'}(${names.join(', ')})`;
  return {
    label,
    documentation: 'FUNCTION of this SNIPPET action: every parameter is required.',
    parameters: labelled(label, names).map((range) => ({ label: range })),
    activeParameter: Math.min(commas, Math.max(0, names.length - 1)),
  };
}

/** The offsets of each parameter name inside `label` (after the opening parenthesis, in order). */
function labelled(label: string, names: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  let at = label.indexOf('(') + 1;
  for (const name of names) {
    const start = label.indexOf(name, at);
    ranges.push([start, start + name.length]);
    at = start + name.length;
  }
  return ranges;
}
