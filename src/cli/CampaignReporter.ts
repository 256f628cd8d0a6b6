import type { Reporter } from "../engine/Reporter.js";
import type { Output } from "./Output.js";

/**
 * Campaign progress on top of the node lines: which run is measuring, done/total, invalid so
 * far, and the time left estimated from the runs measured in this process.
 */
export function campaignReporter(base: Reporter, output: Output): Reporter {
  let total = 0;
  let done = 0;
  let invalid = 0;
  let measuredMs = 0;
  let measured = 0;
  const isRun = (id: string) => id.startsWith("run:");
  return {
    ...base,
    planned: (ids) => {
      total = ids.filter(isRun).length;
      base.planned?.(ids);
    },
    started: (id, reason) => {
      base.started?.(id, reason);
      if (!isRun(id)) return;
      const left = measured > 0 ? ` (~${formatDuration((measuredMs / measured) * (total - done))} left)` : "";
      output.err(`campaign: measuring run ${done + 1}/${total}, invalid so far ${invalid}${left}`);
    },
    log: (id, line) => {
      if (isRun(id) && line.startsWith("INVALID")) invalid++;
      if (isRun(id)) output.err(`    ${id}: ${line}`);
      else base.log?.(id, line);
    },
    finished: (outcome, output) => {
      if (isRun(outcome.id)) {
        done++;
        if (outcome.status === "executed") {
          measured++;
          measuredMs += outcome.durationMs;
        }
      }
      base.finished?.(outcome, output);
    },
  };
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
