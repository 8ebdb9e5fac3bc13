/** What `studio-lint` was asked to do. */
export interface CliOptions {
  readonly format: 'text' | 'json' | 'sarif';
  readonly fix: boolean;
  /** Settings file used for every file instead of the nearest `.vscode/settings.json`. */
  readonly config: string | undefined;
  /** Files larger than this many bytes are skipped (reported, not read). */
  readonly maxFileSize: number;
  readonly paths: readonly string[];
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly options: CliOptions }
  /** `--graph FILE`: draw the export's flow as SVG on stdout instead of linting. */
  | { readonly kind: 'graph'; readonly file: string; readonly config: string | undefined; readonly maxFileSize: number }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'usage-error'; readonly message: string };

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export const USAGE = `Usage: studio-lint [options] <files or folders>...
       studio-lint --graph <export.xml> > flow.svg

Lints NICE CXone Studio scripts: .snippet (Snippet language), .studio (the guide's notation)
and Desktop Studio XML exports (.xml whose root is ScriptContainer). Folders are walked;
symbolic links inside them are not followed. Every file that is not linted is named on stderr.

Options:
  --format <f>          text (default), json or sarif (SARIF 2.1.0, for code-scanning upload)
  --fix                 apply the preferred quick fix of each finding, then report what remains
  --config <file>       read studioTokenLens.* settings from this file (JSON with comments) for
                        every file, instead of the nearest .vscode/settings.json above each file
  --max-file-size <n>   skip files larger than n bytes (suffixes KB, MB; default 10MB)
  --graph <file>        write the flow of a Desktop Studio export as an SVG picture to stdout
                        (actions with captions, branch labels, each token's path and worst-case age)
  -h, --help            show this help
  -v, --version         show the version

Exit status: 0 nothing at warning level or above; 1 something was found; 2 usage, settings or
I/O error, a file --fix refused to write, or nothing was linted.`;

const FORMATS = ['text', 'json', 'sarif'] as const;

function isFormat(value: string): value is CliOptions['format'] {
  return (FORMATS as readonly string[]).includes(value);
}

const SIZE = /^(\d+)\s*(b|kb|k|mb|m)?$/i;
const UNIT: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 * 1024, mb: 1024 * 1024 };

/** `10MB`, `512KB`, `4096`: a byte count, or undefined when the text is not a size. */
export function parseSize(text: string): number | undefined {
  const match = SIZE.exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * UNIT[(match[2] ?? 'b').toLowerCase()]!;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** `--name value` or `--name=value`: the value and how many arguments it took, or undefined when it is not `name`. */
function optionValue(argv: readonly string[], i: number, names: readonly string[]): { value?: string } | undefined {
  const arg = argv[i]!;
  for (const name of names) {
    if (arg === name) return { value: argv[i + 1] };
    if (name.startsWith('--') && arg.startsWith(`${name}=`)) return { value: arg.slice(name.length + 1) };
  }
  return undefined;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let format: CliOptions['format'] = 'text';
  let fix = false;
  let config: string | undefined;
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  let graph: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-v' || arg === '--version') return { kind: 'version' };
    if (arg === '--fix') {
      fix = true;
      continue;
    }
    const takesNext = !arg.includes('=');
    const formatValue = optionValue(argv, i, ['--format', '-f']);
    if (formatValue) {
      if (takesNext) i++;
      const { value } = formatValue;
      if (value === undefined) return { kind: 'usage-error', message: `${arg} needs a value: text, json or sarif` };
      if (!isFormat(value))
        return { kind: 'usage-error', message: `unknown format "${value}": use text, json or sarif` };
      format = value;
      continue;
    }
    const configValue = optionValue(argv, i, ['--config', '-c']);
    if (configValue) {
      if (takesNext) i++;
      if (!configValue.value) return { kind: 'usage-error', message: `${arg} needs a settings file` };
      config = configValue.value;
      continue;
    }
    const graphValue = optionValue(argv, i, ['--graph']);
    if (graphValue) {
      if (takesNext) i++;
      if (!graphValue.value) return { kind: 'usage-error', message: `${arg} needs a Desktop Studio export (.xml)` };
      graph = graphValue.value;
      continue;
    }
    const sizeValue = optionValue(argv, i, ['--max-file-size']);
    if (sizeValue) {
      if (takesNext) i++;
      const size = sizeValue.value === undefined ? undefined : parseSize(sizeValue.value);
      if (size === undefined)
        return { kind: 'usage-error', message: `${arg} needs a size in bytes, such as 4096, 512KB or 10MB` };
      maxFileSize = size;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'usage-error', message: `unknown option ${arg}` };
    paths.push(arg);
  }
  if (graph !== undefined) {
    if (paths.length > 0 || fix || format !== 'text')
      return { kind: 'usage-error', message: '--graph draws one export: give no other files, --fix or --format' };
    return { kind: 'graph', file: graph, config, maxFileSize };
  }
  if (paths.length === 0) return { kind: 'usage-error', message: 'no files or folders given' };
  return { kind: 'run', options: { format, fix, config, maxFileSize, paths } };
}
