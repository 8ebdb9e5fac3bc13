import * as fs from 'node:fs';
import { DEFAULT_SETTINGS } from '../common/settings';
import { atLeast, fixAllText, lintText } from '../service';
import { parseArgs, USAGE } from './args';
import { toCliFindings, type CliFinding } from './cli-finding';
import { collectFiles } from './collect-files';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { PRODUCT_VERSION } from '../common/version';

/**
 * Runs `studio-lint` and returns its exit status: 0 clean, 1 findings at warning level or above, 2 usage or I/O error.
 */
export function runCli(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case 'help':
      out(`${USAGE}\n`);
      return 0;
    case 'version':
      out(`studio-lint ${PRODUCT_VERSION}\n`);
      return 0;
    case 'usage-error':
      err(`studio-lint: ${parsed.message}\n\n${USAGE}\n`);
      return 2;
    case 'run':
      break;
  }
  const { options } = parsed;
  const { files, missing } = collectFiles(options.paths);
  for (const path of missing) err(`studio-lint: cannot read ${path}: no such file or folder, or permission denied\n`);
  const settings = DEFAULT_SETTINGS;
  const all: CliFinding[] = [];
  let ioError = missing.length > 0;
  let linted = 0;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      err(`studio-lint: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      ioError = true;
      continue;
    }
    if (options.fix) {
      const fixed = fixAllText(file, undefined, text, settings);
      if (fixed.applied > 0 && fixed.text !== text) {
        try {
          fs.writeFileSync(file, fixed.text, 'utf8');
          text = fixed.text;
          if (options.format === 'text')
            out(`${file}: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'}\n`);
        } catch (e) {
          err(`studio-lint: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
          ioError = true;
        }
      }
    }
    const result = lintText(file, undefined, text, settings);
    if (!result) continue; // XML that is not a Studio export, or a file of another kind
    linted++;
    all.push(...toCliFindings(file, text, result.findings));
  }
  switch (options.format) {
    case 'json':
      out(`${JSON.stringify(all, null, 2)}\n`);
      break;
    case 'sarif':
      out(formatSarif(all, PRODUCT_VERSION, process.cwd()));
      break;
    case 'text':
      out(formatText(all, linted));
      break;
  }
  if (ioError) return 2;
  return all.some((f) => atLeast(f.severity, 'warning')) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = runCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
}
