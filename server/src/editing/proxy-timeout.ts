import type { ParsedDocument } from '../documents/parsed-document';
import { walk, type Program } from '../syntax/snippet/ast';
import { DEFAULT_PROXY_TIMEOUT_SECONDS } from '../templates';

/**
 * The `ProxyTimeoutSeconds` a proxy created by a fix gets: the one the script's own proxies already use (the first
 * `x.ProxyTimeoutSeconds = N` in the document), else 2 s, as NICE recommends. A token proxy left at the 10 s default
 * beside calls that time out after 2 s would hold the contact five times longer when the identity provider is slow.
 */
export function proxyTimeoutOf(document: ParsedDocument): number {
  // Every fix of a document asks (a code action request on a long script asks for many): one walk per document.
  let seconds = TIMEOUTS.get(document);
  if (seconds === undefined) {
    seconds = findProxyTimeout(document);
    TIMEOUTS.set(document, seconds);
  }
  return seconds;
}

const TIMEOUTS = new WeakMap<ParsedDocument, number>();

function findProxyTimeout(document: ParsedDocument): number {
  const programs: Program[] =
    document.kind === 'snippet'
      ? [document.snippet.program]
      : document.kind === 'export'
        ? document.snippets.map((s) => s.snippet.program)
        : [];
  for (const program of programs) {
    let found: number | undefined;
    walk(program, (node) => {
      if (found !== undefined) return false;
      if (
        node.kind === 'Assign' &&
        node.target.kind === 'Member' &&
        node.target.propertyFolded === 'proxytimeoutseconds' &&
        node.value.kind === 'NumberLiteral' &&
        node.value.value > 0
      ) {
        found = node.value.value;
        return false;
      }
      return true;
    });
    if (found !== undefined) return found;
  }
  return DEFAULT_PROXY_TIMEOUT_SECONDS;
}
