import type { Reporter } from "../engine/Reporter.js";
import type { ProgressTracker } from "./ProgressTracker.js";
import { fitLine, terminalWidth } from "./terminalWidth.js";

/**
 * On a terminal: the lines of `base`, plus the tracker's progress line at the bottom, redrawn in
 * place (twice a second while something runs) and cut to the terminal's width.
 */
export function liveReporter(
  base: Reporter,
  tracker: ProgressTracker,
  io: { write: (text: string) => void; columns: () => number | undefined; now: () => number },
): Reporter & { stop(): void } {
  let shown = false;
  const clear = () => {
    if (shown) io.write("\r\x1b[K");
    shown = false;
  };
  const draw = () => {
    io.write(`\r\x1b[K${fitLine(tracker.line(io.now()), terminalWidth(io.columns()))}`);
    shown = true;
  };
  const around =
    <A extends unknown[]>(f: ((...args: A) => void) | undefined) =>
    (...args: A) => {
      clear();
      f?.(...args);
      draw();
    };
  const timer = setInterval(() => tracker.busy() && draw(), 500).unref();
  return {
    planned: (ids) => base.planned?.(ids),
    started: around((id: string, reason: string) => base.started?.(id, reason)),
    log: around((id: string, line: string) => base.log?.(id, line)),
    finished: (outcome, output) => {
      clear();
      base.finished?.(outcome, output);
      // Nothing running (the end, or between waves): no line until the next start.
      if (tracker.busy()) draw();
    },
    warn: around((message: string) => base.warn?.(message)),
    stop: () => {
      clearInterval(timer);
      clear();
    },
  };
}
