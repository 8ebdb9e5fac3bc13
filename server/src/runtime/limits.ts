/** Bounds on one SNIPPET execution, so every run terminates with a clear message. */
export interface RuntimeLimits {
  /** Statements, loop iterations and function calls of one SNIPPET execution. */
  readonly maxSteps: number;
  /** Nested user function calls. */
  readonly maxCallDepth: number;
  /** Longest text value the simulator keeps (well above Studio's 32 KB MaxStringSize). */
  readonly maxTextLength: number;
  /** Highest array index the simulator fills (Studio allows 63,000,000; the simulator keeps memory small). */
  readonly maxArrayIndex: number;
  /** Simulated seconds one SNIPPET execution may spend waiting for requests (a loop of REST calls ends here). */
  readonly maxSimulatedSeconds: number;
  /** The SNIPPET action's MaxStringSize in characters (Limit2K … Limit32K), when known. */
  readonly maxStringSize?: number;
}

export const DEFAULT_LIMITS: RuntimeLimits = {
  maxSteps: 1_000_000,
  maxCallDepth: 100,
  maxTextLength: 1_000_000,
  maxArrayIndex: 100_000,
  maxSimulatedSeconds: 600,
};

const STRING_SIZE = /^Limit(2|4|8|16|32)K$/i;

/** Characters allowed by a SNIPPET action's MaxStringSize parameter (`Limit4K` → 4096); undefined if unknown. */
export function maxStringSizeOf(parameter: string | undefined): number | undefined {
  const m = parameter === undefined ? null : STRING_SIZE.exec(parameter.trim());
  return m ? Number(m[1]) * 1024 : undefined;
}
