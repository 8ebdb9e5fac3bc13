import * as A from '../../syntax/snippet/ast';
import { isAccessTokenMember } from '../vocabulary/credential-patterns';
import { basicCredentialsFinding, findingsInText } from './secrets';
import type { Ctx, UnitBuild } from './unit-build';

/** A node of an expression the extractor acts on: literal text, a call, an `.access_token` read, a variable read. */
export type Site = A.StringText | A.CallExpression | A.MemberExpression | A.Identifier;

/**
 * The sites of an expression in source order, from one walk (literal scanning, `.access_token` reads, calls and the
 * variables a condition reads would each walk it again). Members are `.access_token` reads only; identifiers are
 * variables read (not called functions), and only `withReads`.
 */
export function sitesOf(e: A.Expression, withReads: boolean): Site[] {
  const sites: Site[] = [];
  const stack = STACK;
  stack.length = 0;
  stack.push(e);
  for (let node = stack.pop(); node; node = stack.pop()) {
    A.pushExpressionChildren(node, stack, false);
    switch (node.kind) {
      case 'StringText':
      case 'Call':
        sites.push(node);
        break;
      case 'Identifier':
        if (withReads) sites.push(node);
        break;
      case 'Member':
        if (isAccessTokenMember(node.property)) sites.push(node);
        break;
      default:
        break;
    }
  }
  return sites;
}

/** The walk's stack, shared (one array less per expression): `sitesOf` calls nothing that walks. */
const STACK: A.ExpressionNode[] = [];

/** Adds the variables the sites read to `reads` (folded; a Set keeps the first order). */
export function addReads(sites: readonly Site[], reads: Set<string>): void {
  for (const node of sites) if (node.kind === 'Identifier') reads.add(node.folded);
}

/** Literal credentials in the sites' text and in `EncodeBase64("user:password")` calls. */
export function scanLiterals(build: UnitBuild, sites: readonly Site[], ctx: Ctx): void {
  for (const node of sites) {
    if (node.kind === 'StringText') {
      for (const finding of findingsInText(node.raw, node.start)) build.literal(finding, ctx);
    } else if (node.kind === 'Call') {
      const basic = basicCredentialsFinding(node, build.code);
      if (basic) build.literal(basic, ctx);
    }
  }
}

/** Reading `r.access_token` marks r's call as a token request. */
export function noteAccessTokenReads(build: UnitBuild, sites: readonly Site[]): void {
  for (const node of sites) if (node.kind === 'Member') build.callOfResponse(node);
}
