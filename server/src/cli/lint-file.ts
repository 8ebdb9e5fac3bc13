import type { Settings } from '../common/settings';
import { fixAllText, lintText } from '../service';
import { writeFileAtomically } from './atomic-write';
import { type CliFinding, toCliFindings } from './cli-finding';
import type { CandidateFile } from './collect-files';
import { keepLineEndings } from './line-endings';
import { readRegularFile } from './read-file';
import { decodeBytes, encodeText } from './text-encoding';

export interface LintFileOptions {
  readonly fix: boolean;
  readonly maxFileSize: number;
  readonly settings: Settings;
}

/** What became of one file. */
export type FileResult =
  | {
      readonly kind: 'linted';
      readonly findings: CliFinding[];
      /** Fixes written to the file (0 without `--fix`). */
      readonly applied: number;
      /** Why `--fix` left the file unchanged although it had fixes: an error for the run (exit 2). */
      readonly refusedFix: string | undefined;
    }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string };

const NOT_OURS = 'not a .snippet or .studio file or a Studio XML export (root element ScriptContainer)';

/**
 * Reads, decodes, fixes (when asked) and lints one file. The findings are those of the text on disk at the end:
 * the fixed text when the fixes were written, the original when they were refused.
 */
export function lintFile(candidate: CandidateFile, options: LintFileOptions): FileResult {
  const { file } = candidate;
  const read = readRegularFile(file, { maxBytes: options.maxFileSize, followSymlinks: candidate.explicit });
  if (read.kind !== 'read') return read;
  const decoding = decodeBytes(read.snapshot.bytes);
  if (decoding.kind === 'unsupported') return { kind: 'skipped', reason: decoding.reason };
  const { decoded } = decoding;
  let text = decoded.text;
  let applied = 0;
  let refusedFix: string | undefined;
  if (options.fix) {
    const fixed = fixAllText(file, undefined, text, options.settings);
    if (fixed.applied > 0 && fixed.text !== text) {
      const newText = keepLineEndings(text, fixed.text);
      const encoded = encodeText(decoded, read.snapshot.bytes, newText);
      const written = encoded.kind === 'encoded' ? writeFileAtomically(file, encoded.bytes, read.snapshot) : encoded;
      if (written.kind === 'written') {
        text = newText;
        applied = fixed.applied;
      } else {
        refusedFix = written.reason;
      }
    }
  }
  const linted = lintText(file, undefined, text, options.settings);
  if (!linted) return { kind: 'skipped', reason: NOT_OURS };
  const findings = linted.findings;
  return { kind: 'linted', findings: toCliFindings(file, text, findings), applied, refusedFix };
}
