import { createHash } from "node:crypto";

/** One run of a campaign's schedule. */
export interface ScheduledRun {
  /** 1-based position in the whole schedule: the order runs execute in. */
  run_index: number;
  round: number;
  version: string;
  mode: string;
}

/**
 * N rounds; in each round every (version, mode) cell runs once, in an order drawn from the seed
 * (Fisher-Yates with a sha256-based stream), so drift over time hits both versions alike.
 */
export function buildSchedule(
  versions: readonly string[],
  modes: readonly string[],
  runs: number,
  seed: number,
): ScheduledRun[] {
  const cells = versions.flatMap((version) => modes.map((mode) => ({ version, mode })));
  const out: ScheduledRun[] = [];
  for (let round = 1; round <= runs; round++) {
    const order = [...cells];
    const random = stream(`${seed}:${round}`);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random() % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const cell of order) out.push({ run_index: out.length + 1, round, ...cell });
  }
  return out;
}

function stream(seed: string): () => number {
  let counter = 0;
  return () => createHash("sha256").update(`${seed}:${counter++}`).digest().readUInt32BE(0);
}
