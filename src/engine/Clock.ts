/** Time, injected so tests and records stay deterministic where they must. */
export interface Clock {
  now(): Date;
  /** Monotonic milliseconds, for durations. */
  monotonicMs(): number;
}
