/**
 * Durations as the "Simulate Long Contact" prompts take them: seconds (`7200`) or hours, minutes and seconds
 * (`2h`, `90m`, `1h30m`, `45s`, `1.5h`). The language server's bounds: above 0 and at most 10 days.
 */

export const MAX_DURATION_SECONDS = 10 * 86_400;

const UNIT_SECONDS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1 };
const PART = /(\d+(?:\.\d+)?)\s*([hms])/gy;

/** Seconds, or undefined when the text is no duration in range. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  let seconds: number;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    seconds = Number(trimmed);
  } else {
    const compact = trimmed.replace(/\s+/g, '');
    if (compact === '') return undefined;
    seconds = 0;
    let seen = '';
    PART.lastIndex = 0;
    let at = 0;
    for (let m = PART.exec(compact); m !== null; m = PART.exec(compact)) {
      const unit = m[2]!;
      // Each unit once, largest first: "30m1h" or "1h1h" is more likely a typo than a duration.
      if (seen.includes(unit) || (seen !== '' && 'hms'.indexOf(unit) < 'hms'.indexOf(seen.at(-1)!))) return undefined;
      seen += unit;
      seconds += Number(m[1]) * UNIT_SECONDS[unit]!;
      at = PART.lastIndex;
    }
    if (at !== compact.length) return undefined;
  }
  return seconds > 0 && seconds <= MAX_DURATION_SECONDS ? seconds : undefined;
}

/** The text `parseDuration` reads back as `seconds`: `7200` → `2h`, `5400` → `1h30m`, `90.5` → `1m30.5s`. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 1000) / 1000;
  const parts = [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', s > 0 ? `${s}s` : ''].join('');
  return parts === '' ? '0s' : parts;
}
