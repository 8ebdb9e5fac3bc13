/** Something to cancel: a timer handle. */
export interface Disposable {
  dispose(): void;
}

/**
 * What the server needs from its platform, injected so tests can drive time (the JSON language
 * server's `RuntimeEnvironment`): timers for debouncing and the clock the JWT hover compares to.
 */
export interface RuntimeEnvironment {
  readonly timer: {
    setTimeout(callback: () => void, ms: number): Disposable;
  };
  now(): Date;
}

export const nodeRuntime: RuntimeEnvironment = {
  timer: {
    setTimeout(callback, ms) {
      const handle = setTimeout(callback, ms);
      return { dispose: () => clearTimeout(handle) };
    },
  },
  now: () => new Date(),
};
