import type { Clock } from "../../src/engine/Clock.js";

/** A clock that advances one second per reading: deterministic records in tests. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): Clock {
  let t = start;
  let mono = 0;
  return {
    now: () => new Date((t += 1000)),
    monotonicMs: () => (mono += 5),
  };
}
