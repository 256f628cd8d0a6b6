import type { Reporter } from "../engine/Reporter.js";
import type { NodeOutcome } from "../engine/RunSummary.js";
import type { Output } from "./Output.js";

const MARK: Record<NodeOutcome["status"], string> = {
  executed: "done",
  "up-to-date": "ok",
  failed: "FAILED",
  skipped: "skipped",
  interrupted: "interrupted",
  "would-run": "would run",
};

/**
 * Progress as lines on stderr: one when a node starts (with why), one when it ends. On a terminal
 * a counter prefixes each line; up-to-date nodes are summarised instead of listed.
 */
export function lineReporter(output: Output, options: { verbose?: boolean } = {}): Reporter {
  let total = 0;
  let done = 0;
  return {
    planned: (ids) => void (total = ids.length),
    started: (id, reason) => output.err(`[${done}/${total}] run  ${id}  (${reason})`),
    log: (id, line) => options.verbose && output.err(`    ${id}: ${line}`),
    finished: (o) => {
      done++;
      if (o.status === "up-to-date" && !options.verbose) return;
      const time = o.durationMs > 0 ? `  ${(o.durationMs / 1000).toFixed(1)}s` : "";
      const why = o.status === "would-run" || o.status === "skipped" ? `  (${o.reason})` : "";
      output.err(`[${done}/${total}] ${MARK[o.status].padEnd(4)} ${o.id}${time}${why}`);
      if (o.error) output.err(indent(o.error));
      if (o.staleAfterRun) output.err(`    note: inputs changed while it ran; it stays stale`);
    },
    warn: (message) => output.err(`warning: ${message}`),
  };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
