import { createHash } from "node:crypto";

/** One round of one mode in a campaign's schedule: both versions, fresh deployments. */
export interface ScheduledRound {
  /** 1-based position in the whole schedule: the order rounds execute in. */
  index: number;
  round: number;
  mode: string;
  /**
   * The version deployed and measured first in this round (in duet mode: the one on the first
   * CPU). It alternates from round to round within a mode, from a seeded start, so order effects
   * cancel in the paired comparison.
   */
  first: "baseline" | "candidate";
}

/**
 * `rounds` rounds; in each every mode runs once, in an order drawn from the seed (Fisher-Yates
 * over a sha256 stream), so drift over time hits every mode alike.
 */
export function buildSchedule(modes: readonly string[], rounds: number, seed: number): ScheduledRound[] {
  const out: ScheduledRound[] = [];
  const starts = new Map(modes.map((mode) => [mode, stream(`${seed}:first:${mode}`)() % 2]));
  for (let round = 1; round <= rounds; round++) {
    const order = [...modes];
    const random = stream(`${seed}:${round}`);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random() % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const mode of order) {
      const first = ((starts.get(mode) ?? 0) + round) % 2 === 0 ? "baseline" : "candidate";
      out.push({ index: out.length + 1, round, mode, first });
    }
  }
  return out;
}

/** The rounds at which a campaign looks at its data: the minimum, then every half minimum, up to the maximum. */
export function planLooks(min: number, max: number): number[] {
  const step = Math.max(1, Math.ceil(min / 2));
  const looks: number[] = [];
  for (let n = min; n < max; n += step) looks.push(n);
  return [...looks, max];
}

function stream(seed: string): () => number {
  let counter = 0;
  return () => createHash("sha256").update(`${seed}:${counter++}`).digest().readUInt32BE(0);
}
