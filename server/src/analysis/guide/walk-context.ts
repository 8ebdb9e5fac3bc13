import type { AnyNode } from 'acorn';
import type { TextRange } from '../../common/text-range';
import type { Guard } from '../model/flow-model';
import { foldName } from '../vocabulary/names';
import type { DocumentState, UnitState } from './extract-state';
import { stringValue } from './expressions';
import { literalFindings, namedLiteralFinding } from './literals';
import type { Placement, UnitDraft } from './unit-draft';

/** Where the walker is: enclosing conditions and loops, and whether a `return` leaves a function or the snippet. */
export interface WalkContext extends Placement {
  readonly guards: readonly Guard[];
  readonly inLoop: boolean;
  readonly inFunction: boolean;
}

export const TOP_LEVEL: WalkContext = { guards: [], inLoop: false, inFunction: false };

/**
 * What the rooms of one unit's walk share: the document and unit state, the draft the events go to, the statements
 * being read, the conditions made so far by node, and the walk itself (`visit`), which the tree walker provides.
 */
export class UnitScope {
  /** Conditional expressions and statements → their condition's id (an assignment of `c ? a : b` guards by it). */
  readonly conditionByNode = new Map<AnyNode, number>();
  private readonly statements: TextRange[] = [];

  constructor(
    readonly doc: DocumentState,
    readonly unit: UnitState,
    readonly draft: UnitDraft,
    /** Reads a node and what is under it, where it stands. */
    readonly visit: (node: AnyNode | null | undefined, ctx: WalkContext) => void,
  ) {}

  /** Runs `body` with `range` as the statement being read. */
  inStatement(range: TextRange, body: () => void): void {
    this.statements.push({ start: range.start, end: range.end });
    try {
      body();
    } finally {
      this.statements.pop();
    }
  }

  /** The statement being read, or `fallback` outside any. */
  currentStatement(fallback: TextRange): TextRange {
    const top = this.statements[this.statements.length - 1];
    return top ? { start: top.start, end: top.end } : { start: fallback.start, end: fallback.end };
  }

  /** Literal credentials written inside a string or template literal. */
  literal(node: AnyNode, ctx: WalkContext): void {
    for (const finding of literalFindings(this.doc.text, node)) this.draft.emitLiteral(finding, nodeRange(node), ctx);
  }

  /** A literal stored under a name that says it is a secret or a token (`clientSecret`, `accessToken`). */
  namedLiteral(name: string, value: AnyNode, ctx: WalkContext): void {
    const finding = namedLiteralFinding(this.doc.text, name, value);
    if (finding) this.draft.emitLiteral(finding, nodeRange(value), ctx);
  }
}

export function guarded(ctx: WalkContext, conditionId: number, branch: Guard['branch']): WalkContext {
  return { ...ctx, guards: [...ctx.guards, { conditionId, branch }] };
}

/** A node's range as a plain range (acorn nodes carry more than start and end). */
export function nodeRange(node: TextRange): TextRange {
  return { start: node.start, end: node.end };
}

/** An object key as written: `Authorization` in `{ Authorization: … }` or `{ "Authorization": … }`. */
export function keyName(key: AnyNode, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  return stringValue(key);
}

export function uniqueFolded(names: readonly string[]): string[] {
  return [...new Set(names.map(foldName))];
}
