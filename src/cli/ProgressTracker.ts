import type { NodeOutcome } from "../engine/RunSummary.js";
import { kindOf, parseNodeId } from "../staging/graph/nodeIds.js";
import type { RoundOutput } from "../staging/measure/RoundOutput.js";

/**
 * What the one progress line says, kept from the engine's reporter events: nodes done of the
 * planned ones, what runs now in short form, and for a campaign its rounds done, invalid runs so
 * far and the time left, estimated from the rounds measured in this process. Time comes in.
 */
export class ProgressTracker {
  private total = 0;
  private done = 0;
  private readonly running = new Map<string, number>();
  private readonly rounds = { total: 0, done: 0, invalid: 0, measured: 0, measuredMs: 0 };

  planned(ids: readonly string[]): void {
    this.total = ids.length;
    this.rounds.total = ids.filter((id) => kindOf(id) === "round").length;
  }

  started(id: string, atMs: number): void {
    this.running.set(id, atMs);
  }

  finished(outcome: NodeOutcome, output: unknown): void {
    this.running.delete(outcome.id);
    this.done++;
    if (kindOf(outcome.id) !== "round") return;
    this.rounds.done++;
    const round = output as RoundOutput | undefined;
    if (round) this.rounds.invalid += [round.baseline, round.candidate].filter((cell) => !cell.valid).length;
    if (outcome.status === "executed") {
      this.rounds.measured++;
      this.rounds.measuredMs += outcome.durationMs;
    }
  }

  /** True while something runs (the live line is worth redrawing). */
  busy(): boolean {
    return this.running.size > 0;
  }

  /** The progress line, e.g. `rounds 3/14 · node r4 · 1 invalid · ~2m10s left`. */
  line(nowMs: number): string {
    const now = [...this.running.keys()].map(shortNode);
    const doing = now.length > 2 ? `${now.slice(0, 2).join(", ")} +${now.length - 2}` : now.join(", ");
    if (this.rounds.total === 0) return [`[${this.done}/${this.total}]`, doing].filter(Boolean).join(" ");
    const { total, done, invalid } = this.rounds;
    const left = this.timeLeftMs(nowMs);
    return [
      `rounds ${done}/${total}`,
      doing,
      `${invalid} invalid`,
      left === undefined ? "" : `~${formatDuration(left)} left`,
    ]
      .filter(Boolean)
      .join(" · ");
  }

  private timeLeftMs(nowMs: number): number | undefined {
    const { total, done, measured, measuredMs } = this.rounds;
    if (measured === 0 || done === total) return undefined;
    const current = [...this.running].find(([id]) => kindOf(id) === "round")?.[1];
    const spent = current === undefined ? 0 : nowMs - current;
    return Math.max(0, (measuredMs / measured) * (total - done) - spent);
  }
}

/** A node in a few words: `node r3` for a round, `build candidate·bun` for an image. */
export function shortNode(id: string): string {
  const node = parseNodeId(id);
  if (node === undefined) return id;
  switch (node.kind) {
    case "round":
      return `${node.mode} r${node.round}`;
    case "image":
      return `build ${node.version}·${node.mode}`;
    case "deploy":
      return `deploy ${node.version}·${node.mode}`;
    case "fingerprint":
      return `fingerprint ${node.version}`;
    case "look":
      return `look after ${node.rounds} round${node.rounds === 1 ? "" : "s"}`;
    default:
      return node.kind;
  }
}

/** `45s`, `2m10s`, `1h05m`. */
function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, "0")}m`;
}
