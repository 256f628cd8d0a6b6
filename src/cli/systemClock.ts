import type { Clock } from "../engine/Clock.js";

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};
