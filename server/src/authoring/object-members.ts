import { type AstNode, type Expression, type MemberExpression, walk } from '../syntax/snippet/ast';
import type { SnippetUnit } from './code-units';
import { variableKey } from './symbol-index';

/** How the script uses a member name: it assigns it (`o.total = 1`) or only reads it (`result.access_token`). */
export type MemberUse = 'assigned' | 'read';

/**
 * What the script's variables hold, as far as completion needs it: REST proxies (`x = GetRESTProxy()`), dynamic data
 * objects (`DYNAMIC o`, `r = proxy.MakeRestRequest(…)`, or any variable with members) and the member names seen on
 * each, by path (`''` for `o.`, `'items'` for `o.items.` and `o.items[2].`). Member names keep their case: members
 * of dynamic objects are case-sensitive.
 */
export class ObjectMembers {
  readonly proxies = new Set<string>();
  readonly dynamics = new Set<string>();
  private readonly members = new Map<string, Map<string, Map<string, MemberUse>>>();

  /** Member names seen at `path` below variable `key`, with how they are used. */
  membersAt(key: string, path: readonly string[]): ReadonlyMap<string, MemberUse> {
    return this.members.get(key)?.get(path.join('.')) ?? new Map();
  }

  hasMembers(key: string): boolean {
    return this.members.has(key);
  }

  note(key: string, path: readonly string[], name: string, use: MemberUse): void {
    let byPath = this.members.get(key);
    if (!byPath) {
      byPath = new Map();
      this.members.set(key, byPath);
    }
    const pathKey = path.join('.');
    let names = byPath.get(pathKey);
    if (!names) {
      names = new Map();
      byPath.set(pathKey, names);
    }
    if (names.get(name) !== 'assigned') names.set(name, use);
  }
}

export function objectMembersOf(units: readonly SnippetUnit[]): ObjectMembers {
  const members = new ObjectMembers();
  for (const unit of units) {
    const targets = new Set<Expression>();
    const callees = new Set<Expression>();
    walk(unit.program, (node: AstNode) => {
      switch (node.kind) {
        case 'Dynamic':
          if (node.name) members.dynamics.add(variableKey(node.name.folded));
          break;
        case 'Assign': {
          targets.add(node.target);
          if (node.target.kind !== 'Identifier') break;
          const key = variableKey(node.target.folded);
          const value = node.value;
          if (value.kind !== 'Call') break;
          const callee = value.callee;
          if (callee.kind === 'Identifier' && callee.folded === 'getrestproxy') members.proxies.add(key);
          if (callee.kind === 'Member' && callee.propertyFolded === 'makerestrequest') members.dynamics.add(key);
          break;
        }
        case 'Call':
          callees.add(node.callee);
          break;
        case 'Member':
          noteChain(members, node, targets.has(node) ? 'assigned' : 'read', callees.has(node));
          break;
        default:
          break;
      }
      return undefined;
    });
  }
  return members;
}

/** `o.a.b` (or `o.a[2].b`): notes `a` at `''` and `b` at `'a'`; a method call's own name is not a member. */
function noteChain(members: ObjectMembers, node: MemberExpression, use: MemberUse, isCallee: boolean): void {
  const names: string[] = [];
  let e: Expression = node;
  for (;;) {
    if (e.kind === 'Member') {
      names.push(e.property);
      e = e.object;
    } else if (e.kind === 'Index') {
      e = e.object;
    } else {
      break;
    }
  }
  if (e.kind !== 'Identifier') return;
  names.reverse();
  const key = variableKey(e.folded);
  const last = isCallee ? names.length - 1 : names.length;
  for (let i = 0; i < last; i++) {
    if (names[i] === '') return;
    // Only the outermost member of an assignment target is assigned; the path to it is read.
    members.note(key, names.slice(0, i), names[i]!, use === 'assigned' && i === names.length - 1 ? 'assigned' : 'read');
  }
}
