import * as fs from 'node:fs';
import { PRODUCT_VERSION } from '../../common/version';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { Analysis, parseScenario, type Scenario, simulationJson } from '../../service';
import { parseSimArgs, SIM_USAGE } from './args';
import { formatSimulationText } from './format-text';

function readText(path: string): string | NodeJS.ErrnoException {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/**
 * Runs `studio-sim` and returns its exit status: 0 when no request carried an expired token and nothing failed at
 * run time, 1 otherwise, 2 for unusable input (usage, unreadable or unsupported file, syntax errors, bad scenario).
 */
export function runSimCli(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
  const parsed = parseSimArgs(argv);
  switch (parsed.kind) {
    case 'help':
      out(`${SIM_USAGE}\n`);
      return 0;
    case 'version':
      out(`studio-sim ${PRODUCT_VERSION}\n`);
      return 0;
    case 'usage-error':
      err(`studio-sim: ${parsed.message}\n\n${SIM_USAGE}\n`);
      return 2;
    case 'run':
      break;
  }
  const { options } = parsed;
  let scenario: Scenario | undefined;
  if (options.scenarioFile !== undefined) {
    const text = readText(options.scenarioFile);
    if (typeof text !== 'string') {
      err(`studio-sim: cannot read the scenario ${options.scenarioFile}: ${text.code ?? text.message}\n`);
      return 2;
    }
    const result = parseScenario(text);
    if (!result.ok) {
      err(`studio-sim: bad scenario ${options.scenarioFile}: ${result.error}\n`);
      return 2;
    }
    scenario = result.scenario;
  }
  const text = readText(options.file);
  if (typeof text !== 'string') {
    err(`studio-sim: cannot read ${options.file}: ${text.code ?? text.message}\n`);
    return 2;
  }
  // Simulation does not depend on the lint settings.
  const analysis = Analysis.of({ name: options.file, text }, DEFAULT_SETTINGS);
  if (analysis === undefined) {
    err(`studio-sim: ${options.file} is neither Snippet code (.snippet) nor a Desktop Studio export (.xml)\n`);
    return 2;
  }
  const outcome = analysis.simulate({
    ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
    ...(options.tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds: options.tokenLifetimeSeconds } : {}),
    ...(options.runs !== undefined ? { runs: options.runs } : {}),
    ...(options.contacts !== undefined ? { contacts: options.contacts } : {}),
    ...(scenario !== undefined ? { scenario } : {}),
  });
  if (!outcome.ok) {
    const details = outcome.details.map((d) => `  ${options.file}:${d}\n`).join('');
    err(`studio-sim: ${options.file}: ${outcome.problem}\n${details}`);
    return 2;
  }
  const { result } = outcome;
  if (options.format === 'json') out(`${JSON.stringify(simulationJson(options.file, result), null, 2)}\n`);
  else out(formatSimulationText(options.file, result));
  return result.summary.expiredTokenRequests > 0 || result.errors.length > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = runSimCli(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  );
}
