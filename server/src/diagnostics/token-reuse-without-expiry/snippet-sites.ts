import type { TextRange } from '../../common/text-range';
import type { CallExpression, Expression, Program, Statement } from '../../syntax/snippet/ast';
import { statementChain, type SnippetSlot } from '../../editing/snippet-tree';

/** Where a token variable is sent, in Snippet code. */
export interface SnippetUseSite {
  /** The variable reference (with a `global:` prefix when written), in code offsets. */
  readonly range: TextRange;
  readonly name: string;
  /**
   * `"{token}"`: the variable is the whole header value, so it holds `Bearer …` itself; a refreshed raw token must
   * be written as `Bearer {…}` there. Otherwise (`"Bearer {token}"`, `"{Build(token)}"`) it is the raw token.
   */
  readonly wholeHeader: boolean;
  /** The range of `{token}`, braces included, for whole-header uses. */
  readonly interpolationRange: TextRange;
  readonly chain: SnippetSlot[];
}

export function useSite(code: string, program: Program, range: TextRange): SnippetUseSite {
  const prefix = /global:$/i.exec(code.slice(Math.max(0, range.start - 7), range.start))?.[0] ?? '';
  const start = range.start - prefix.length;
  const name = code.slice(start, range.end);
  const open = code.lastIndexOf('{', start);
  const wholeHeader =
    open === start - 1 &&
    code[range.end] === '}' &&
    /(?:^|[^\\])["']$/.test(code.slice(Math.max(0, open - 2), open)) &&
    /^["']/.test(code.slice(range.end + 1, range.end + 2));
  return {
    range: { start, end: range.end },
    name,
    wholeHeader,
    interpolationRange: { start: open, end: range.end + 1 },
    chain: statementChain(program, range),
  };
}

/** The deepest statement list that holds every site, and the statement in it that holds the first site. */
export function commonSlot(sites: readonly SnippetUseSite[]): SnippetSlot | undefined {
  const first = [...sites].sort((a, b) => a.range.start - b.range.start)[0];
  if (!first) return undefined;
  let level = -1;
  for (let depth = 0; depth < first.chain.length; depth++) {
    const siblings = first.chain[depth]!.siblings;
    if (sites.every((site) => site.chain[depth]?.siblings === siblings)) level = depth;
    else break;
  }
  return level >= 0 ? first.chain[level] : undefined;
}

function isGetRestProxy(value: Expression): boolean {
  return value.kind === 'Call' && value.callee.kind === 'Identifier' && value.callee.folded === 'getrestproxy';
}

/**
 * The object a statement configures: `client.X = …`, `client.M(…)`, or the client it creates (`client =
 * GetRESTProxy()`).
 */
function clientOf(statement: Statement): { client: string; creates: boolean } | undefined {
  if (statement.kind === 'Assign') {
    if (statement.target.kind === 'Identifier') {
      return isGetRestProxy(statement.value) ? { client: statement.target.folded, creates: true } : undefined;
    }
    if (statement.target.kind === 'Member' && statement.target.object.kind === 'Identifier') {
      return { client: statement.target.object.folded, creates: false };
    }
    return undefined;
  }
  if (statement.kind === 'ExpressionStatement' && statement.expression.kind === 'Call') {
    const callee = (statement.expression as CallExpression).callee;
    if (callee.kind === 'Member' && callee.object.kind === 'Identifier')
      return { client: callee.object.folded, creates: false };
  }
  return undefined;
}

/**
 * Where code that must run before a request goes: before the statement that holds the use, or better before the
 * `client = GetRESTProxy()` of that request when only the client's own setup lies between them.
 */
export function requestStart(slot: SnippetSlot): SnippetSlot {
  const own = clientOf(slot.statement);
  if (!own || own.creates) return slot;
  for (let i = slot.index - 1; i >= 0; i--) {
    const above = clientOf(slot.siblings[i]!);
    if (!above || above.client !== own.client) break;
    if (above.creates) return { statement: slot.siblings[i]!, siblings: slot.siblings, index: i };
  }
  return slot;
}
