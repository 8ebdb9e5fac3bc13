import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AstNode, walk } from '../../server/src/syntax/snippet/ast';
import { parseSnippet } from '../../server/src/syntax/snippet/parser';

/**
 * The constructs generated Snippet code may write, read from docs/studio-constructs.md, and the walk that lists what a
 * piece of code writes (node kinds, operators, functions, methods, members, reserved variables, shapes) so a test can
 * compare the two. test/unit/templates/documented-constructs.test.ts shows the walk catches what it claims to.
 */

export type ConstructStatus = 'DOC' | 'REAL' | 'AVOID';

export interface ConstructRow {
  readonly key: string;
  readonly status: ConstructStatus;
  readonly construct: string;
  readonly page: string;
}

const TABLE = join(__dirname, '..', '..', 'docs', 'studio-constructs.md');

/** The rows of the table in docs/studio-constructs.md, keyed by their Key column. */
export function constructTable(markdown = readFileSync(TABLE, 'utf8')): Map<string, ConstructRow> {
  const rows = new Map<string, ConstructRow>();
  for (const line of markdown.split(/\r?\n/)) {
    if (!line.startsWith('|')) continue;
    // `\|` inside a cell is a literal bar (Markdown), not a column separator.
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    const key = /^`([a-z]+:[^`]+)`$/.exec(cells[1] ?? '')?.[1];
    const status = cells[2] as ConstructStatus;
    if (!key || !['DOC', 'REAL', 'AVOID'].includes(status)) continue;
    rows.set(key, { key, status, construct: cells[0]!, page: cells[3] ?? '' });
  }
  return rows;
}

/**
 * Names that Studio gives a meaning of its own (Reserved and Predefined Variables), and names that are often
 * invented for it: an identifier with one of these names is a construct, not the author's variable.
 */
const SYSTEM_NAMES = new Set([
  'date',
  'dow',
  'gmt',
  'now',
  'runscript',
  'test',
  'time',
  'timeout',
  'timestamp',
  'timezoneid',
  'timezoneoffset',
  'utc',
  'contactid',
  'ani',
  'dnis',
  'skill',
  'masterid',
  'utcnow',
  'nowutc',
  'unixtime',
  'epoch',
  'random',
  'tdiff',
]);
const NOW_NAMES = new Set(['utc', 'now', 'gmt']);
const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

function unwrap(node: AstNode): AstNode {
  let x = node;
  while (x.kind === 'Paren') x = x.expression;
  return x;
}

/** One construct found in code, with a short excerpt of where. */
export interface FoundConstruct {
  readonly key: string;
  readonly at: string;
}

/** Every construct a piece of Snippet code writes, and `parse-error:` entries for what does not parse. */
export function constructsOf(code: string): FoundConstruct[] {
  const { program, errors } = parseSnippet(code);
  const found: FoundConstruct[] = errors.map((e) => ({
    key: `parse-error:${e.message}`,
    at: code.slice(e.range.start, e.range.start + 40),
  }));
  const add = (key: string, node: AstNode): void => {
    found.push({ key, at: code.slice(node.start, Math.min(node.end, node.start + 60)) });
  };
  const callees = new Set<AstNode>();
  walk(program, (node) => {
    add(`node:${node.kind}`, node);
    switch (node.kind) {
      case 'Binary': {
        add(`operator:${node.operator}`, node);
        const sides = [unwrap(node.left), unwrap(node.right)];
        if (COMPARISONS.has(node.operator) && sides.some((s) => s.kind === 'Identifier' && NOW_NAMES.has(s.folded)))
          add('shape:bare-now-comparison', node);
        if (node.operator === '+' && sides.some((s) => s.kind === 'StringLiteral')) add('shape:text-plus', node);
        break;
      }
      case 'Unary':
        add(`operator:${node.operator}`, node);
        break;
      case 'Call':
        callees.add(node.callee);
        if (node.callee.kind === 'Identifier') add(`function:${node.callee.folded}`, node);
        else if (node.callee.kind === 'Member') add(`method:${node.callee.propertyFolded}`, node);
        break;
      case 'Member':
        if (!callees.has(node)) add(`member:${node.propertyFolded}`, node);
        break;
      case 'Identifier':
        if (!callees.has(node) && SYSTEM_NAMES.has(node.folded)) add(`variable:${node.folded}`, node);
        break;
      case 'CaseGroup':
        if (node.labels.length > 1) add('shape:stacked-case', node);
        break;
      case 'If':
        if (node.elseIfWithoutBraces) add('shape:else-if', node);
        break;
      default:
        break;
    }
  });
  return found;
}

/** What code writes that the table does not allow (not DOC or REAL), each once, with where it first appears. */
export function undocumentedConstructs(code: string, table = constructTable()): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { key, at } of constructsOf(code)) {
    const status = table.get(key)?.status;
    if (status === 'DOC' || status === 'REAL' || seen.has(key)) continue;
    seen.add(key);
    out.push(`${key} (${status ?? 'not in docs/studio-constructs.md'}) at ${JSON.stringify(at)}`);
  }
  return out;
}
