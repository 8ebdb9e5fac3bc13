import type { AnyNode, Identifier } from 'acorn';
import type { TextRange } from '../common/text-range';
import { isJavaScriptGlobalName } from '../analysis/vocabulary';
import type { GuideDocument } from '../documents/parsed-document';
import type { Substitution } from '../syntax/guide/ast';
import { walkWithAncestors } from '../syntax/guide/walk';
import { localNamesOf } from './guide-locals';
import { type Occurrence, type OccurrenceRole, variableKey } from './symbol-index';

const ROOT_NAME = /^(global:)?([A-Za-z_$][\w$]*)/i;

/**
 * The script variables of a `.studio` file (the guide's notation). Its script lines are Studio actions and its SNIPPET
 * bodies are JavaScript-like illustrations, so the symbols here are Studio's: variables named by `ASSIGN`/`SET`
 * (script-wide, case-insensitive, `global:` folded), read through `{name}` substitutions, in DECISION and ASSIGN
 * expressions, and as free names in the bodies. Names a body declares itself (`var x`, function parameters) are
 * that body's JavaScript locals, case-sensitive, and are not script variables; nor are JavaScript's globals (`Math`,
 * `JSON`).
 */
export function guideOccurrences(document: GuideDocument): Occurrence[] {
  const out: Occurrence[] = [];
  for (const item of document.guide.items) {
    switch (item.kind) {
      case 'ScriptAssign':
        addTarget(out, item.target, item.targetRange.start);
        addSubstitutions(out, item.substitutions);
        if (item.value) addFreeNames(out, item.value, new Set());
        break;
      case 'Decision':
        addSubstitutions(out, item.substitutions);
        if (item.expression) addFreeNames(out, item.expression, new Set());
        break;
      case 'Action':
        addSubstitutions(out, item.substitutions);
        break;
      case 'SnippetBlock':
        for (const set of item.sets) addTarget(out, set.name, set.nameRange.start);
        addSubstitutions(out, item.substitutions);
        addFreeNames(out, item.program, localNamesOf(item));
        break;
      default:
        break;
    }
  }
  return out;
}

function occurrence(name: string, range: TextRange, role: OccurrenceRole): Occurrence {
  return { key: variableKey(name), kind: 'variable', name, range, role, place: 'code', unit: -1 };
}

/** `name`, `global:name` or `obj.field` as written at `start`: the variable is the root name. */
function addTarget(out: Occurrence[], target: string, start: number): void {
  const match = ROOT_NAME.exec(target);
  if (!match) return;
  const nameStart = start + (match[1]?.length ?? 0);
  const name = match[2]!;
  const dotted = target.length > match[0].length;
  out.push(occurrence(name, { start: nameStart, end: nameStart + name.length }, dotted ? 'update' : 'write'));
}

function addSubstitutions(out: Occurrence[], substitutions: readonly Substitution[]): void {
  for (const substitution of substitutions) {
    const match = ROOT_NAME.exec(substitution.name);
    if (!match) continue;
    const start = substitution.nameRange.start + (match[1]?.length ?? 0);
    out.push(occurrence(match[2]!, { start, end: start + match[2]!.length }, 'read'));
  }
}

/** Free identifiers of an expression or body that name script variables. */
function addFreeNames(out: Occurrence[], root: AnyNode, locals: ReadonlySet<string>): void {
  walkWithAncestors(root, (node, ancestors) => {
    if (node.type !== 'Identifier') return;
    const parent = ancestors[ancestors.length - 2];
    const role = roleOf(node, parent);
    if (role === undefined || locals.has(node.name) || isJavaScriptGlobalName(node.name.toLowerCase())) return;
    out.push(occurrence(node.name, { start: node.start, end: node.end }, role));
  });
}

/** How a free name is used, or undefined when the identifier is not a variable use (a property, a call, a label). */
function roleOf(node: Identifier, parent: AnyNode | undefined): OccurrenceRole | undefined {
  if (!parent) return 'read';
  switch (parent.type) {
    case 'MemberExpression':
      return parent.property === node && !parent.computed ? undefined : 'read';
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.key === node && !parent.computed ? undefined : 'read';
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee === node ? undefined : 'read';
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return undefined;
    case 'AssignmentExpression':
      return parent.left === node ? 'write' : 'read';
    case 'UpdateExpression':
      return 'write';
    // Declarations and parameters are the body's own names.
    case 'VariableDeclarator':
      return parent.id === node ? undefined : 'read';
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return parent.id === node || (parent.params as readonly AnyNode[]).includes(node) ? undefined : 'read';
    case 'CatchClause':
      return undefined;
    default:
      return 'read';
  }
}
