import { OutputMasker } from './output-masker';
import type { SimulationResult, SimulationSummary, TokenUse } from './simulation-result';

/** The JSON document `studio-sim --format json` prints (issue 11), tokens and secrets masked. */
export interface SimulationJson {
  readonly file: string;
  readonly contacts: number;
  readonly durationSeconds: number;
  readonly requests: {
    readonly contact: number;
    readonly time: number;
    readonly action: string;
    readonly line: number;
    readonly method: string;
    readonly url: string;
    readonly status: number | null;
    readonly token: TokenUse | null;
  }[];
  readonly summary: SimulationSummary;
  readonly errors: {
    readonly message: string;
    readonly line: number;
    readonly column: number;
    readonly action: string;
  }[];
}

export function simulationJson(file: string, result: SimulationResult): SimulationJson {
  const masker = new OutputMasker(result.secrets);
  return {
    file,
    contacts: result.contacts,
    durationSeconds: result.durationSeconds,
    requests: result.requests.map((r) => ({
      contact: r.contact,
      time: r.time,
      action: masker.mask(r.action),
      line: r.line,
      method: r.method,
      url: masker.mask(r.url),
      status: r.status,
      token: r.token === null ? null : { ageSeconds: r.token.ageSeconds, expired: r.token.expired },
    })),
    summary: result.summary,
    errors: result.errors.map((e) => ({
      message: masker.mask(e.message),
      line: e.line,
      column: e.column,
      action: masker.mask(e.action),
    })),
  };
}
