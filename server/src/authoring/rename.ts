import { isJavaScriptGlobalName } from '../analysis/vocabulary';
import type { TextEdit } from '../common/text-edit';
import type { TextRange } from '../common/text-range';
import type { AuthoringDocument } from './authoring-document';
import { functionNamed, keywordNamed, memberNamed, systemVariableNamed } from './builtins';
import { inComment, tokenBefore, tokensOf, unitAt } from './code-units';
import { describePlace } from './places';
import type { Occurrence } from './symbol-index';
import { localNamesAround } from './guide-locals';
import { TokenKind } from '../syntax/snippet/lexer';

export type PrepareRenameResult =
  | { readonly ok: true; readonly range: TextRange; readonly placeholder: string }
  | { readonly ok: false; readonly message: string };

export type RenameResult =
  | { readonly ok: true; readonly edits: TextEdit[] }
  | { readonly ok: false; readonly message: string };

/** Letters, digits, `_` and `$`, starting with a letter or `_` (Studio's variable names). */
const NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Words a name must not be: keywords, literals, and the words statements are made of (`IN`, `TO`, `global`). */
const RESERVED_WORDS = new Set(['true', 'false', 'in', 'to', 'while', 'elseif', 'then', 'not', 'step', 'global']);

/**
 * Whether the name at `offset` can be renamed, and the range an editor should show for it. Variables, FUNCTIONs and
 * parameters can; keywords, built-ins, members of dynamic objects (their names come from the data) and names also used
 * bare in another action's parameters (which no edit can follow safely) cannot, each with a message that says why.
 */
export function prepareRename(model: AuthoringDocument, offset: number): PrepareRenameResult {
  const at = model.index.at(offset);
  if (!at) return { ok: false, message: notRenamable(model, offset) };
  const outside = model.index.occurrencesOf(at.key).find((o) => o.place === 'outside');
  if (outside) {
    return {
      ok: false,
      message:
        `${at.name} is also used outside Snippet code (${describePlace(model, outside)}), in a parameter this ` +
        'rename cannot update safely: rename it in Studio.',
    };
  }
  return { ok: true, range: at.range, placeholder: at.name };
}

/** The edits that rename the symbol at `offset` to `newName` everywhere in the document, or why they cannot. */
export function rename(model: AuthoringDocument, offset: number, newName: string): RenameResult {
  const prepared = prepareRename(model, offset);
  if (!prepared.ok) return prepared;
  const at = model.index.at(offset)!;
  const problem = nameProblem(model, at, newName);
  if (problem) return { ok: false, message: problem };
  const edits = model.index
    .occurrencesOf(at.key)
    .filter((o) => model.text.slice(o.range.start, o.range.end) !== newName)
    .map((o) => ({ range: o.range, newText: newName }));
  return { ok: true, edits };
}

function nameProblem(model: AuthoringDocument, at: Occurrence, newName: string): string | undefined {
  if (/^global:/i.test(newName))
    return 'Type the new name without global: (a global: prefix stays where it is written).';
  if (!NAME.test(newName)) {
    return `${JSON.stringify(newName)} is not a valid name: use letters, digits, _ and $, starting with a letter or _.`;
  }
  const folded = newName.toLowerCase();
  if (keywordNamed(folded) || RESERVED_WORDS.has(folded))
    return `${newName} is a reserved word of the Snippet language.`;
  const builtin = systemVariableNamed(folded) ?? functionNamed(folded);
  if (builtin) return `${newName} is a built-in of Studio (${builtin.page.title}); choose another name.`;
  if (model.document.kind === 'guide' && isJavaScriptGlobalName(folded)) {
    return `${newName} is a JavaScript global in the SNIPPET bodies; choose another name.`;
  }
  const clash = clashingOccurrence(model, at, folded);
  if (clash) {
    const what = clash.kind === 'function' ? 'a FUNCTION' : clash.kind === 'parameter' ? 'a parameter' : 'a variable';
    return `${newName} is already ${what} (${describePlace(model, clash)}): renaming would merge the two.`;
  }
  if (model.document.kind === 'guide') {
    const captured = model.index.occurrencesOf(at.key).find((o) => localNamesAround(model, o.range.start).has(newName));
    if (captured) {
      return (
        `${newName} is declared in the SNIPPET body at ${describePlace(model, captured)}: there the new name ` +
        'would mean the local, not the script variable.'
      );
    }
  }
  return undefined;
}

/**
 * A symbol the new name would collide with: any variable of the script (variables are script-wide, and a parameter
 * or FUNCTION named like one would hide or be confused with it), a FUNCTION of the same action, or a parameter of the
 * same FUNCTION.
 */
function clashingOccurrence(model: AuthoringDocument, at: Occurrence, folded: string): Occurrence | undefined {
  const candidates = [`var:${folded}`];
  if (at.unit >= 0) {
    candidates.push(`fn:${at.unit}:${folded}`);
    if (at.kind === 'parameter') candidates.push(at.key.replace(/:[^:]*$/, `:${folded}`));
  }
  for (const key of candidates) {
    if (key === at.key) continue;
    const found = model.index.occurrencesOf(key)[0];
    if (found) return found;
  }
  return undefined;
}

/** Why there is nothing to rename at `offset`. */
function notRenamable(model: AuthoringDocument, offset: number): string {
  const unit = unitAt(model.units, offset);
  const code = unit?.toCode(offset);
  if (!unit || code === undefined) return 'Nothing to rename here: put the cursor on a variable or a FUNCTION name.';
  if (inComment(unit, code)) return 'Nothing to rename in a comment.';
  const tokens = tokensOf(unit);
  const i = tokenBefore(tokens, code + 1);
  if (i < 0 || tokens.ends[i]! < code)
    return 'Nothing to rename here: put the cursor on a variable or a FUNCTION name.';
  const kind = tokens.kinds[i] as TokenKind;
  const word = unit.code.slice(tokens.starts[i]!, tokens.ends[i]!);
  if (kind >= TokenKind.KwAssign && kind <= TokenKind.KwUses) return `${word} is a keyword; it cannot be renamed.`;
  if (kind !== TokenKind.Identifier) return 'Nothing to rename here: put the cursor on a variable or a FUNCTION name.';
  if (i > 0 && tokens.kinds[i - 1] === TokenKind.Dot) {
    if (memberNamed(word))
      return `${word} is a built-in member (${memberNamed(word)!.page.title}); it cannot be renamed.`;
    return (
      `${word} is a member of a dynamic object: ` +
      'member names come from the data (JSON, API responses), so they are not renamed.'
    );
  }
  const builtin = systemVariableNamed(word) ?? functionNamed(word);
  if (builtin) return `${word} is a built-in of Studio (${builtin.page.title}); it cannot be renamed.`;
  return 'Nothing to rename here: put the cursor on a variable or a FUNCTION name.';
}
