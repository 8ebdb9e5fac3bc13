import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Our code at an earlier commit, for before/after figures measured in the same runs: STUDIO_BENCH_BASELINE names a
 * checkout of that commit with its bundles built (`git worktree add <dir> <commit>`, then `npm run build:server` and
 * `npm run build:cli` there). Undefined when the variable is not set; an error when it names no built checkout.
 */
export function baselineCheckout(): { dir: string; commit: string } | undefined {
  const value = process.env.STUDIO_BENCH_BASELINE;
  if (!value) return undefined;
  const dir = path.resolve(value);
  for (const bundle of ['server.js', 'cli.js']) {
    const file = path.join(dir, 'server', 'out', bundle);
    if (!fs.existsSync(file)) throw new Error(`STUDIO_BENCH_BASELINE: ${file} is missing (build it in ${dir})`);
  }
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  return { dir, commit: head.status === 0 ? head.stdout.trim() : path.basename(dir) };
}
