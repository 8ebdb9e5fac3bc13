import type { CliFinding } from './cli-finding';
import { escapePathAtLineStart, escapeText } from './escape-output';

const LABEL: Record<CliFinding['severity'], string> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'hint',
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * `path:line:col  severity  message  code` lines, as other linters print them, and a summary line. File names and
 * messages are escaped: one finding is one line, and none can carry terminal escapes or CI commands.
 */
export function formatText(findings: readonly CliFinding[], fileCount: number, skippedCount = 0): string {
  const lines = findings.map(
    (f) =>
      `${escapePathAtLineStart(f.file)}:${f.line}:${f.column}  ` +
      `${LABEL[f.severity]}  ${escapeText(f.message)}  ${f.code}`,
  );
  const count = (severity: CliFinding['severity']): number => findings.filter((f) => f.severity === severity).length;
  const files = new Set(findings.map((f) => f.file)).size;
  const summary =
    findings.length === 0
      ? `No problems in ${plural(fileCount, 'file')}.`
      : `${plural(findings.length, 'problem')} ` +
        `(${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ` +
        `${count('information')} info, ${plural(count('hint'), 'hint')}) in ${files} of ${plural(fileCount, 'file')}.`;
  const skipped = skippedCount > 0 ? ` ${plural(skippedCount, 'file')} skipped (see stderr).` : '';
  return `${[...lines, ...(lines.length > 0 ? [''] : []), summary + skipped].join('\n')}\n`;
}
