import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sanitizeSettings } from '../../../server/src/common/settings';
import type { DiagnosticCode } from '../../../server/src/diagnostics/codes';
import { fixAllText } from '../../../server/src/service/lint';

/** Snippet code blocks of a docs/rules page, in order. */
function snippetBlocks(page: string): string[] {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'rules', page), 'utf8');
  return [...text.matchAll(/```snippet\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/**
 * Each page's "Problem" example, fixed with its code's preferred fix, gives exactly the page's "Fixed" example
 * (the pages say "this is what the quick fix writes").
 */
const CASES: { page: string; code: string; problem: number; fixed: number; settings?: Record<string, unknown> }[] = [
  { page: 'token-reuse-without-expiry.md', code: 'token-reuse-without-expiry', problem: 0, fixed: 1 },
  { page: 'unchecked-auth-status.md', code: 'unchecked-auth-status', problem: 0, fixed: 1 },
  { page: 'hardcoded-secret.md', code: 'hardcoded-secret', problem: 0, fixed: 1 },
  { page: 'token-expiry-no-buffer.md', code: 'token-expiry-no-buffer', problem: 0, fixed: 1 },
  {
    page: 'refresh-without-jitter.md',
    code: 'refresh-without-jitter',
    problem: 0,
    fixed: 1,
    settings: { jitter: { enabled: true } },
  },
  { page: 'token-fetch-unchecked.md', code: 'token-fetch-unchecked', problem: 0, fixed: 1 },
];

describe('docs/rules pages show what the quick fixes write', () => {
  for (const { page, code, problem, fixed, settings } of CASES) {
    it(page, () => {
      const blocks = snippetBlocks(page);
      const result = fixAllText(
        `${code}.snippet`,
        undefined,
        blocks[problem]!,
        sanitizeSettings(settings ?? {}),
        code as DiagnosticCode,
      );
      assert.ok(result.applied > 0, 'no fix applied');
      assert.equal(result.text, blocks[fixed]);
    });
  }
});
