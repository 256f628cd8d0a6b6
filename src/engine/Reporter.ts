import type { NodeOutcome } from "./RunSummary.js";

/** Receives progress as it happens: a live view on a terminal, plain lines in CI, nothing in tests. */
export interface Reporter {
  planned?(ids: readonly string[]): void;
  started?(id: string, reason: string): void;
  log?(id: string, line: string): void;
  /** `output` is the node's output when it is known (up to date, executed, evaluated). */
  finished?(outcome: NodeOutcome, output: unknown): void;
  warn?(message: string): void;
}
