/** The simulated clock of one contact: Unix seconds at its start plus the seconds that have passed since. */
export class ContactClock {
  elapsed = 0;

  constructor(readonly startUnix: number) {}

  now(): number {
    return this.startUnix + this.elapsed;
  }

  advance(seconds: number): void {
    if (seconds > 0) this.elapsed += seconds;
  }

  /** Moves the clock forward to `elapsed` seconds after the start (never backwards). */
  advanceTo(elapsed: number): void {
    if (elapsed > this.elapsed) this.elapsed = elapsed;
  }
}
