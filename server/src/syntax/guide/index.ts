export type {
  Action,
  Branch,
  Decision,
  Elision,
  ScriptAssign,
  SetStatement,
  SnippetBlock,
  StudioItem,
  StudioParseResult,
  Substitution,
  Wait,
} from './ast';
export { parseStudio } from './parser';
export { substitutionsIn } from './substitutions';
export { walkNodes, walkWithAncestors } from './walk';
