/** What `studio-sim` was asked to do. */
export interface SimOptions {
  readonly file: string;
  readonly format: 'text' | 'json';
  readonly durationSeconds?: number;
  readonly tokenLifetimeSeconds?: number;
  readonly runs?: number;
  readonly contacts?: number;
  readonly scenarioFile?: string;
}

export type ParsedSimArgs =
  | { readonly kind: 'run'; readonly options: SimOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'usage-error'; readonly message: string };

export const SIM_USAGE =
  'Usage: studio-sim FILE [--duration SECONDS] [--token-lifetime SECONDS] [--runs N] [--contacts N]\n' +
  `                  [--scenario FILE] [--format text|json]

Runs a NICE CXone Studio script offline on a simulated clock against a simulated identity provider and shows
every REST request with the age of the token it carried. FILE is real Snippet code (.snippet: one SNIPPET action
run N times over the contact) or a Desktop Studio export (.xml: the action graph walked from BEGIN).

Options:
  --duration SECONDS        length of each contact (default 7200)
  --token-lifetime SECONDS  expires_in of the simulated tokens (default 3600)
  --runs N                  .snippet only: runs spread evenly over the contact (default: one every 300 s)
  --contacts N              contacts to simulate (default 1)
  --scenario FILE           JSON scenario: endpoints, failures, clock skew, durations, branches, variables
  --format FORMAT           text (default) or json
  -h, --help                show this help
  -v, --version             show the version

Exit status: 0 no request carried an expired token and nothing failed at run time; 1 otherwise; 2 unusable input.`;

const MAX_SECONDS = 10 * 86_400;
const MAX_RUNS = 100_000;
const MAX_CONTACTS = 100_000;

interface NumberOption {
  readonly key: 'durationSeconds' | 'tokenLifetimeSeconds' | 'runs' | 'contacts';
  readonly integer: boolean;
  readonly max: number;
}

const NUMBER_OPTIONS: ReadonlyMap<string, NumberOption> = new Map([
  ['--duration', { key: 'durationSeconds', integer: false, max: MAX_SECONDS }],
  ['--token-lifetime', { key: 'tokenLifetimeSeconds', integer: false, max: MAX_SECONDS }],
  ['--runs', { key: 'runs', integer: true, max: MAX_RUNS }],
  ['--contacts', { key: 'contacts', integer: true, max: MAX_CONTACTS }],
]);

export function parseSimArgs(argv: readonly string[]): ParsedSimArgs {
  let format: SimOptions['format'] = 'text';
  let scenarioFile: string | undefined;
  const numbers: Partial<Record<NumberOption['key'], number>> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-v' || arg === '--version') return { kind: 'version' };
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') return { kind: 'usage-error', message: `unknown option ${arg}` };
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (name !== '--format' && name !== '--scenario' && !NUMBER_OPTIONS.has(name))
      return { kind: 'usage-error', message: `unknown option ${name}` };
    if (value === undefined || value === '') return { kind: 'usage-error', message: `${name} needs a value` };
    if (name === '--format') {
      if (value !== 'text' && value !== 'json')
        return { kind: 'usage-error', message: `unknown format "${value}": use text or json` };
      format = value;
      continue;
    }
    if (name === '--scenario') {
      scenarioFile = value;
      continue;
    }
    const option = NUMBER_OPTIONS.get(name)!;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > option.max || (option.integer && !Number.isInteger(n)))
      return {
        kind: 'usage-error',
        message:
          `${name} must be a ${option.integer ? 'whole ' : ''}number above 0 ` +
          `and at most ${option.max}, not "${value}"`,
      };
    numbers[option.key] = n;
  }
  if (files.length === 0) return { kind: 'usage-error', message: 'no file given' };
  if (files.length > 1) return { kind: 'usage-error', message: `one file at a time (got ${files.length})` };
  const options: SimOptions = { file: files[0]!, format, ...numbers, ...(scenarioFile ? { scenarioFile } : {}) };
  return { kind: 'run', options };
}
