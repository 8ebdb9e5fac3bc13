export type {
  Action,
  Branch,
  Decision,
  Elision,
  ScriptAssign,
  SetStatement,
  SnippetBlock,
  GuideItem,
  GuideParseResult,
  Substitution,
  Wait,
} from './ast';
export { parseGuide } from './parser';
export { substitutionsIn } from './substitutions';
export { walkNodes, walkWithAncestors } from './walk';
