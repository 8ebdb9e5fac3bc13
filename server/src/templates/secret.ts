import { renderLines, resolveLayout, type CodeLine, type TemplateLayout } from './layout';

/** The substitution that stands for a secret kept outside the script text: `{SECURE_CLIENT_SECRET}`. */
export function secretSubstitution(name: string): string {
  return `{${name}}`;
}

/**
 * The comment's text (without `//`) for one moved value: the routes NICE documents. Snippet has no secure-variable
 * syntax: the value is set outside the script text and the variable is listed in the script's Variables tab, which
 * redacts it from traces and logs. `what` says what the variable must hold when that is not obvious from its name.
 */
export function movedSecretCommentText(name: string, what?: string): string {
  const holds = what ? ` must hold ${what}:` : ':';
  return (
    `${name}${holds} set it outside the script text and list it in the script's Variables tab so traces and ` +
    'logs redact it'
  );
}

/** The second line, once per statement: why Integration Hub is not a place to read the value from. */
export const INTEGRATION_HUB_NOTE =
  'Integration Hub keeps secrets too, but they cannot be read into a variable: there a CONNECTAUTH action makes ' +
  'the request';

function movedSecretCommentLines(names: readonly MovedSecret[]): CodeLine[] {
  const lines = names.map(({ name, what }) => ({ depth: 0, text: `// ${movedSecretCommentText(name, what)}` }));
  if (lines.length > 0) lines.push({ depth: 0, text: `// ${INTEGRATION_HUB_NOTE}` });
  return lines;
}

/** A value moved out of the script: its variable, and what it must hold when its name does not say. */
export interface MovedSecret {
  readonly name: string;
  readonly what?: string;
}

/**
 * The comment the "Move the secret out of the script" fix puts above the statement it changed: one line per moved
 * value, then the Integration Hub note (`//` comments in both notations).
 */
export function movedSecretComment(
  names: string | MovedSecret | readonly MovedSecret[],
  layout: Partial<TemplateLayout> = {},
): string {
  const list = typeof names === 'string' ? [{ name: names }] : Array.isArray(names) ? names : [names as MovedSecret];
  return renderLines(movedSecretCommentLines(list), resolveLayout(layout));
}
