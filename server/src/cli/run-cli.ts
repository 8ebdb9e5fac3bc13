import { PRODUCT_VERSION } from '../common/version';
import { atLeast, CATALOG } from '../service';
import { type ParsedArgs, parseArgs, USAGE } from './args';
import { drawGraph } from './draw-graph';
import type { CliFinding } from './cli-finding';
import { collectFiles } from './collect-files';
import { escapePathAtLineStart, escapeText } from './escape-output';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { lintFile } from './lint-file';
import { type SettingsFileProblem, SettingsLookup } from './settings-lookup';

export type Write = (text: string) => void;

/** `--graph FILE`: the SVG on `out`; 0 when drawn, 2 for a file that cannot be read or is no export, bad settings. */
function runGraph(parsed: Extract<ParsedArgs, { kind: 'graph' }>, out: Write, err: Write): number {
  const lookup = new SettingsLookup(
    CATALOG.map((rule) => rule.code),
    parsed.config,
  );
  const source = lookup.forFile(parsed.file);
  if (source.problems.length > 0) {
    for (const problem of source.problems) err(settingsProblemLine(problem));
    return 2;
  }
  const drawn = drawGraph(parsed.file, source.settings, parsed.maxFileSize);
  if (drawn.kind === 'error') {
    err(`studio-lint: ${escapeText(drawn.reason)}\n`);
    return 2;
  }
  out(drawn.svg);
  return 0;
}

function settingsProblemLine(p: SettingsFileProblem): string {
  const where = `${escapeText(p.file)}:${p.line}:${p.column}`;
  return `studio-lint: ${where}: ${p.key ? `${escapeText(p.key)} ` : ''}${escapeText(p.problem)}\n`;
}

/**
 * Runs `studio-lint` and returns its exit status: 0 clean, 1 findings at warning level or above, 2 usage, settings
 * or I/O error, a refused fix, or nothing linted. Findings go to `out`; everything about the run itself to `err`.
 */
export function runCli(argv: readonly string[], out: Write, err: Write): number {
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case 'help':
      out(`${USAGE}\n`);
      return 0;
    case 'version':
      out(`studio-lint ${PRODUCT_VERSION}\n`);
      return 0;
    case 'usage-error':
      err(`studio-lint: ${escapeText(parsed.message)}\n\n${USAGE}\n`);
      return 2;
    case 'graph':
      return runGraph(parsed, out, err);
    case 'run':
      break;
  }
  const { options } = parsed;
  const { files, skipped, missing } = collectFiles(options.paths);
  for (const { file, reason } of missing) err(`studio-lint: cannot read ${escapeText(file)}: ${reason}\n`);
  let failed = missing.length > 0;

  // Every settings file is checked before any file is linted or fixed: bad settings stop the run.
  const lookup = new SettingsLookup(
    CATALOG.map((rule) => rule.code),
    options.config,
  );
  const sources = files.map((candidate) => lookup.forFile(candidate.file));
  const problems = new Set(sources.flatMap((source) => source.problems));
  if (options.config !== undefined && files.length === 0) for (const p of lookup.forFile('.').problems) problems.add(p);
  if (problems.size > 0) {
    for (const problem of problems) err(settingsProblemLine(problem));
    err('studio-lint: fix the settings above; nothing was linted\n');
    return 2;
  }

  for (const { file, reason } of skipped) err(`studio-lint: skipped ${escapeText(file)}: ${reason}\n`);
  const all: CliFinding[] = [];
  let linted = 0;
  let skippedCount = skipped.length;
  files.forEach((candidate, i) => {
    const result = lintFile(candidate, {
      fix: options.fix,
      maxFileSize: options.maxFileSize,
      settings: sources[i]!.settings,
    });
    const name = escapeText(candidate.file);
    switch (result.kind) {
      case 'skipped':
        skippedCount++;
        err(`studio-lint: skipped ${name}: ${escapeText(result.reason)}\n`);
        return;
      case 'error':
        err(`studio-lint: ${name}: ${escapeText(result.reason)}\n`);
        failed = true;
        return;
      case 'linted':
        linted++;
        all.push(...result.findings);
        if (result.refusedFix !== undefined) {
          err(`studio-lint: --fix left ${name} unchanged: ${escapeText(result.refusedFix)}\n`);
          failed = true;
        }
        if (result.applied > 0 && options.format === 'text')
          out(
            `${escapePathAtLineStart(candidate.file)}: ` +
              `applied ${result.applied} fix${result.applied === 1 ? '' : 'es'}\n`,
          );
    }
  });
  switch (options.format) {
    case 'json':
      out(`${JSON.stringify(all, null, 2)}\n`);
      break;
    case 'sarif':
      out(formatSarif(all, PRODUCT_VERSION, process.cwd()));
      break;
    case 'text':
      out(formatText(all, linted, skippedCount));
      break;
  }
  if (linted === 0) {
    err('studio-lint: nothing was linted\n');
    return 2;
  }
  if (failed) return 2;
  return all.some((f) => atLeast(f.severity, 'warning')) ? 1 : 0;
}
