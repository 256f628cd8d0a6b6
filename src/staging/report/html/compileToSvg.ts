import * as vega from "vega";
import { compile } from "vega-lite";
import type { TopLevelSpec } from "vega-lite";

/**
 * A Vega-Lite spec rendered to an SVG string, headless: compiled to Vega, run in a fresh View without
 * a renderer, no timers, no canvas (text widths are estimated from the font size, so the output does
 * not depend on fonts or a `canvas` package installed on the machine). A Vega-Lite warning is a bug of
 * the spec and throws, as does a Vega error.
 */
export async function compileToSvg(spec: TopLevelSpec): Promise<string> {
  (vega as unknown as WithTextMetrics).textMetrics.canvas(false);
  const { spec: vegaSpec } = compile(spec, { logger: strictLogger("vega-lite") });
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: "none",
    logger: strictLogger("vega"),
    logLevel: vega.Warn,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** `vega.textMetrics` is exported but missing from vega's typings. */
interface WithTextMetrics {
  textMetrics: { canvas(use: boolean): void };
}

function strictLogger(source: string): vega.LoggerInterface {
  let level = vega.Warn;
  const fail = (...args: readonly unknown[]): never => {
    throw new Error(`${source}: ${args.map(String).join(" ")}`);
  };
  const logger: vega.LoggerInterface = {
    level(next?: number) {
      if (next === undefined) return level;
      level = next;
      return logger;
    },
    error: fail,
    warn: fail,
    info: () => logger,
    debug: () => logger,
  } as vega.LoggerInterface;
  return logger;
}
