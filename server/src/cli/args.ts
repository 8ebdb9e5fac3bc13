/** What `studio-lint` was asked to do. */
export interface CliOptions {
  readonly format: 'text' | 'json' | 'sarif';
  readonly fix: boolean;
  readonly paths: readonly string[];
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'usage-error'; readonly message: string };

export const USAGE = `Usage: studio-lint [--format text|json|sarif] [--fix] <files or folders>...

Lints NICE CXone Studio scripts: .snippet (Snippet language), .studio (the guide's notation)
and Desktop Studio XML exports (.xml whose root is ScriptContainer). Folders are walked.

Options:
  --format <f>   text (default), json or sarif (SARIF 2.1.0, for code-scanning upload)
  --fix          apply the preferred quick fix of each finding, then report what remains
  -h, --help     show this help
  -v, --version  show the version

Exit status: 0 nothing at warning level or above; 1 something was found; 2 usage or I/O error.`;

const FORMATS = ['text', 'json', 'sarif'] as const;

function isFormat(value: string): value is CliOptions['format'] {
  return (FORMATS as readonly string[]).includes(value);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let format: CliOptions['format'] = 'text';
  let fix = false;
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
    if (arg === '--format' || arg === '-f' || arg.startsWith('--format=')) {
      const value = arg.startsWith('--format=') ? arg.slice('--format='.length) : argv[++i];
      if (value === undefined) return { kind: 'usage-error', message: `${arg} needs a value: text, json or sarif` };
      if (!isFormat(value))
        return { kind: 'usage-error', message: `unknown format "${value}": use text, json or sarif` };
      format = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'usage-error', message: `unknown option ${arg}` };
    paths.push(arg);
  }
  if (paths.length === 0) return { kind: 'usage-error', message: 'no files or folders given' };
  return { kind: 'run', options: { format, fix, paths } };
}
