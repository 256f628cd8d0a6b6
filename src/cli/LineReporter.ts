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
 * Node lines on stderr. With `verbose`, one when a node starts (with why), one when it ends, and
 * its log lines; otherwise only what needs the reader: a failure with its error, a node whose
 * inputs changed while it ran, and warnings.
 */
export function lineReporter(output: Output, options: { verbose?: boolean } = {}): Reporter {
  const verbose = options.verbose ?? false;
  let total = 0;
  let done = 0;
  return {
    planned: (ids) => void (total = ids.length),
    started: (id, reason) => verbose && output.err(`[${done}/${total}] run  ${id}  (${reason})`),
    log: (id, line) => verbose && output.err(`    ${id}: ${line}`),
    finished: (o) => {
      done++;
      if (verbose || o.status === "failed") {
        const time = o.durationMs > 0 ? `  ${(o.durationMs / 1000).toFixed(1)}s` : "";
        const why = o.status === "would-run" || o.status === "skipped" ? `  (${o.reason})` : "";
        output.err(`[${done}/${total}] ${MARK[o.status].padEnd(4)} ${o.id}${time}${why}`);
      }
      if (o.error) output.err(indent(o.error));
      if (o.staleAfterRun) output.err(`    note: ${o.id}'s inputs changed while it ran; it stays stale`);
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
