import type { TextEdit } from '../common/text-edit';

/** A quick fix: pure text edits in document offsets, computed from the parsed document. */
export interface Fix {
  readonly title: string;
  /** The diagnostic code this fix resolves. */
  readonly code: string;
  /** The single obvious fix for its finding: what fix-all and `studio-lint --fix` apply. */
  readonly preferred: boolean;
  readonly edits: readonly TextEdit[];
}
