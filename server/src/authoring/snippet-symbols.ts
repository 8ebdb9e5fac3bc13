import { shiftedRange, type TextRange } from '../common/text-range';
import { PerActionCache } from '../documents/per-action-cache';
import { type AstNode, assignmentRoot, type Identifier, holdsStatements, walk } from '../syntax/snippet/ast';
import { functionNamed, systemVariableNamed } from './builtins';
import type { SnippetUnit } from './code-units';
import type { Occurrence, OccurrenceRole } from './symbol-index';

/**
 * The occurrences of user names in real Snippet code, over every unit of a document (an export's SNIPPET actions
 * share their variables: one contact runs them all).
 *
 * Scoping, as the flow analysis reads it: variables are script-wide and case-insensitive, and `global:x` is `x`;
 * a FUNCTION's parameters belong to that FUNCTION; FUNCTIONs belong to the SNIPPET action that declares them (each
 * action's code is compiled on its own). A call of a name the unit does not declare is a built-in when the catalogue
 * knows it (`GetRESTProxy()`), else an unresolved function. A system variable (`utc`, `ContactID`) is a built-in
 * unless the script assigns it.
 */
export function snippetOccurrences(units: readonly SnippetUnit[], text: string): Occurrence[] {
  const occurrences: Occurrence[] = [];
  for (const unit of units) for (const occurrence of unitOccurrences(unit, text)) occurrences.push(occurrence);
  const assigned = new Set<string>();
  for (const o of occurrences) if (o.kind === 'variable' && o.role !== 'read') assigned.add(o.key);
  return occurrences.filter((o) => o.kind !== 'variable' || assigned.has(o.key) || !systemVariableNamed(o.name));
}

/**
 * By parse: an export action whose code did not change keeps its parse, so its occurrences are collected once and only
 * moved by later edits before it. Besides the tree and the code's offset map, they depend on the action's place (keys
 * name it) and id.
 */
const COLLECTED = new PerActionCache<readonly Occurrence[]>((occurrences, delta) =>
  occurrences.map((o) => movedOccurrence(o, delta)),
);

function unitOccurrences(unit: SnippetUnit, text: string): readonly Occurrence[] {
  const collect = (): Occurrence[] => {
    const own: Occurrence[] = [];
    collectUnit(unit, own);
    return own;
  };
  const actionId = unit.action?.id;
  if (actionId === undefined) return collect();
  return COLLECTED.get(unit.program, text, unit.contentRange, `${unit.index}:${actionId}`, collect);
}

function movedOccurrence(occurrence: Occurrence, delta: number): Occurrence {
  return { ...occurrence, range: shiftedRange(occurrence.range, delta) };
}

interface FunctionScope {
  readonly start: number;
  readonly params: ReadonlySet<string>;
}

function collectUnit(unit: SnippetUnit, out: Occurrence[]): void {
  const declared = declaredFunctions(unit);
  const scopes: FunctionScope[] = [];
  const updatedRoots = new Set<Identifier>();
  const actionId = unit.action?.id;
  const add = (node: Identifier, key: string, kind: Occurrence['kind'], role: OccurrenceRole): void => {
    if (node.name === '') return;
    const range = nameRange(unit, node);
    out.push(
      actionId === undefined
        ? { key, kind, name: node.name, range, role, place: 'code', unit: unit.index }
        : { key, kind, name: node.name, range, role, place: 'code', unit: unit.index, actionId },
    );
  };
  const variableOrParameter = (node: Identifier, role: OccurrenceRole): void => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const scope = scopes[i]!;
      if (scope.params.has(node.folded)) {
        add(node, `param:${unit.index}:${scope.start}:${node.folded}`, 'parameter', role);
        return;
      }
    }
    // `folded` has no global: prefix and is lower case already: the key without variableKey's work.
    add(node, `var:${node.folded}`, 'variable', role);
  };

  walk(
    unit.program,
    (node: AstNode, parent: AstNode | null) => {
      if (node.kind === 'Function') {
        scopes.push({ start: node.start, params: new Set(node.params.map((p) => p.folded)) });
        return undefined;
      }
      if (node.kind === 'Assign') {
        const root = assignmentRoot(node.target);
        if (root && root !== node.target) updatedRoots.add(root);
        return undefined;
      }
      if (node.kind !== 'Identifier' || !parent) return undefined;
      switch (parent.kind) {
        case 'Function':
          if (node === parent.name) add(node, `fn:${unit.index}:${node.folded}`, 'function', 'declaration');
          else add(node, `param:${unit.index}:${parent.start}:${node.folded}`, 'parameter', 'declaration');
          return undefined;
        case 'Dynamic':
          variableOrParameter(node, 'declaration');
          return undefined;
        case 'For':
        case 'Foreach':
          variableOrParameter(node, node === parent.variable ? 'write' : 'read');
          return undefined;
        case 'Assign':
          variableOrParameter(node, node === parent.target ? 'write' : 'read');
          return undefined;
        case 'Call':
          if (node === parent.callee) {
            // A built-in unless this action declares a FUNCTION of that name.
            if (declared.has(node.folded) || !functionNamed(node.folded)) {
              add(node, `fn:${unit.index}:${node.folded}`, 'function', 'read');
            }
            return undefined;
          }
          break;
        default:
          break;
      }
      variableOrParameter(node, updatedRoots.has(node) ? 'update' : 'read');
      return undefined;
    },
    (node) => {
      if (node.kind === 'Function') scopes.pop();
    },
  );
}

/** Folded names of the FUNCTIONs a unit declares (anywhere: calls may come before the declaration). */
function declaredFunctions(unit: SnippetUnit): Set<string> {
  const names = new Set<string>();
  walk(unit.program, (node) => {
    if (node.kind === 'Function' && node.name) names.add(node.name.folded);
    // Declarations are statements: no need to look inside expressions.
    return holdsStatements(node);
  });
  return names;
}

/** The document range of an identifier's name, without its `global:` prefix. */
export function nameRange(unit: SnippetUnit, node: Identifier): TextRange {
  const start = node.end - node.name.length;
  return { start: unit.toDocument(start), end: unit.toDocument(node.end) };
}
