import type { AnyNode } from 'acorn';
import { isStringifyName, isTextKeepingFunction, isTextKeepingMethod } from '../vocabulary/javascript';
import { calleeName, dottedName, propertyName, stringValue } from './expressions';

/** Static text of a local variable already known (folded name), when the extractor has seen it assigned. */
export type KnownText = (foldedName: string) => string | undefined;

const MAX_DEPTH = 48;
const MAX_LENGTH = 8192;

/**
 * The text a string expression builds, as far as it can be worked out: literal parts as they are (`{var}`
 * substitutions kept as written), variables written as `{name}` unless their text is known, `JSON.stringify({…})`
 * rendered as JSON. Undefined only for expressions that are not strings at all (objects, functions, …).
 */
export function staticText(node: AnyNode | null | undefined, source: string, known: KnownText): string | undefined {
  if (!node) return undefined;
  const text = part(node, source, known, 0);
  return text === undefined ? undefined : text.slice(0, MAX_LENGTH);
}

function part(node: AnyNode, source: string, known: KnownText, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return '{…}';
  const literal = stringValue(node);
  if (literal !== undefined) {
    // acorn-loose ends an unterminated string at the line end, so `"https://x/oauth/token;` keeps its `;`.
    const terminated = node.end - node.start >= 2 && source[node.end - 1] === source[node.start];
    return terminated ? literal : literal.replace(/[\s;]+$/, '');
  }
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'number' || typeof node.value === 'boolean' ? String(node.value) : undefined;
    case 'TemplateLiteral': {
      let out = '';
      node.quasis.forEach((quasi, i) => {
        out += quasi.value.cooked ?? quasi.value.raw;
        const expression = node.expressions[i];
        if (expression) out += part(expression, source, known, depth + 1) ?? placeholder(expression, source);
      });
      return out;
    }
    case 'BinaryExpression':
      if (node.operator !== '+') return placeholder(node, source);
      return (
        (part(node.left, source, known, depth + 1) ?? placeholder(node.left, source)) +
        (part(node.right, source, known, depth + 1) ?? placeholder(node.right, source))
      );
    case 'Identifier':
      return known(node.name.toLowerCase()) ?? `{${node.name}}`;
    case 'MemberExpression': {
      const dotted = dottedName(node);
      return dotted !== undefined ? `{${dotted}}` : placeholder(node, source);
    }
    case 'CallExpression': {
      const name = calleeName(node) ?? '';
      const first = node.arguments[0];
      if (isStringifyName(name) && first) return json(first, source, known, depth + 1);
      if (isTextKeepingFunction(name) && node.callee.type === 'Identifier' && first) {
        return part(first, source, known, depth + 1);
      }
      if (isTextKeepingMethod(name) && node.callee.type === 'MemberExpression') {
        return part(node.callee.object, source, known, depth + 1);
      }
      return placeholder(node, source);
    }
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return undefined;
    default:
      return placeholder(node, source);
  }
}

/** An unknown part of a string, written as a substitution of its source text. */
function placeholder(node: AnyNode, source: string): string {
  const text = source.slice(node.start, node.end).replace(/\s+/g, ' ');
  return `{${text.length > 60 ? `${text.slice(0, 57)}...` : text}}`;
}

/** `JSON.stringify(…)` of an object literal, rendered with variables as `{name}`. */
function json(node: AnyNode, source: string, known: KnownText, depth: number): string {
  if (depth > MAX_DEPTH) return '{…}';
  if (node.type === 'ObjectExpression') {
    const members: string[] = [];
    for (const property of node.properties) {
      if (property.type !== 'Property') continue;
      const key =
        property.key.type === 'Identifier' && !property.computed
          ? property.key.name
          : (stringValue(property.key) ?? propertyName(property.key));
      if (key === undefined) continue;
      members.push(`${JSON.stringify(key)}:${json(property.value, source, known, depth + 1)}`);
    }
    return `{${members.join(',')}}`;
  }
  if (node.type === 'ArrayExpression') {
    const items = node.elements.map((element) =>
      element && element.type !== 'SpreadElement' ? json(element, source, known, depth + 1) : 'null',
    );
    return `[${items.join(',')}]`;
  }
  const literal = stringValue(node);
  if (literal !== undefined) return JSON.stringify(literal);
  if (node.type === 'Literal') return String(node.value);
  const text = part(node, source, known, depth + 1);
  return text === undefined ? placeholder(node, source) : JSON.stringify(text);
}
