import type { Reporter } from "../engine/Reporter.js";

/**
 * On a terminal: the plain lines of `base`, plus one status line at the bottom that is redrawn
 * in place with what runs now and how far the run is.
 */
export function liveReporter(base: Reporter, write: (text: string) => void): Reporter {
  const running = new Map<string, number>();
  let total = 0;
  let done = 0;
  let shown = false;
  const clear = () => {
    if (shown) write("\r\x1b[K");
    shown = false;
  };
  const draw = () => {
    const names = [...running.keys()];
    const now =
      names.length === 0
        ? ""
        : `  running: ${names.slice(0, 3).join(", ")}${names.length > 3 ? ` +${names.length - 3}` : ""}`;
    write(`\r\x1b[K[${done}/${total}]${now}`.slice(0, (process.stderr.columns ?? 100) + 4));
    shown = true;
  };
  const around =
    <A extends unknown[]>(f: ((...args: A) => void) | undefined) =>
    (...args: A) => {
      clear();
      f?.(...args);
      draw();
    };
  const timer = setInterval(() => running.size > 0 && draw(), 500).unref();
  return {
    planned: (ids) => {
      total = ids.length;
      base.planned?.(ids);
    },
    started: around((id: string, reason: string) => {
      running.set(id, Date.now());
      base.started?.(id, reason);
    }),
    log: around((id: string, line: string) => base.log?.(id, line)),
    finished: (outcome, output) => {
      running.delete(outcome.id);
      done++;
      clear();
      base.finished?.(outcome, output);
      if (done === total) clearInterval(timer);
      else draw();
    },
    warn: around((message: string) => base.warn?.(message)),
  };
}
