import { renderLines, resolveLayout, type CodeLine, type TemplateLayout } from './layout';

/** The substitution that stands for a secret kept outside the script: `{SECURE_CLIENT_SECRET}`. */
export function secretSubstitution(name: string): string {
  return `{${name}}`;
}

/** The comment's text (without `//`): where the value read through the substitution belongs. */
export function movedSecretCommentText(name: string): string {
  return (
    `${name}: keep the value in Integration Hub (ConnectAuth) or in a variable redacted in the script's ` +
    `Variables tab; never in script text`
  );
}

function movedSecretCommentLines(name: string): CodeLine[] {
  return [{ depth: 0, text: `// ${movedSecretCommentText(name)}` }];
}

/**
 * The comment the "Move the secret out of the script" fix puts above the line it changed (one line, same text
 * in both notations, since both have `//` comments).
 */
export function movedSecretComment(name: string, layout: Partial<TemplateLayout> = {}): string {
  return renderLines(movedSecretCommentLines(name), resolveLayout(layout));
}
