import { DEFAULT_SETTINGS, type Settings } from '../common/settings';

/** The settings that decide a refresh buffer (the same shape as `Settings`, so settings can be passed as is). */
export interface RefreshTiming {
  readonly bufferSeconds: number;
  readonly jitter: Settings['jitter'];
}

/** A buffer to subtract from an expiry: a fixed number of seconds, or a per-contact value in a variable. */
export type BufferPlan =
  | { readonly kind: 'fixed'; readonly seconds: number }
  | { readonly kind: 'jittered'; readonly minSeconds: number; readonly maxSeconds: number };

function seconds(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : fallback;
}

/**
 * Fixed buffer unless jitter is enabled with a real range. A range of one value is written as that fixed
 * buffer: a "jitter" with nothing to choose from would only obscure the code.
 */
export function bufferPlan(timing: Partial<RefreshTiming>): BufferPlan {
  const fixed = seconds(timing.bufferSeconds, DEFAULT_SETTINGS.bufferSeconds);
  if (!timing.jitter?.enabled) return { kind: 'fixed', seconds: fixed };
  const a = seconds(timing.jitter.minSeconds, DEFAULT_SETTINGS.jitter.minSeconds);
  const b = seconds(timing.jitter.maxSeconds, DEFAULT_SETTINGS.jitter.maxSeconds);
  const minSeconds = Math.min(a, b);
  const maxSeconds = Math.max(a, b);
  return maxSeconds > minSeconds
    ? { kind: 'jittered', minSeconds, maxSeconds }
    : { kind: 'fixed', seconds: minSeconds };
}
