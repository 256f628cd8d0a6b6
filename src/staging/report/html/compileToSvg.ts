import type * as Vega from "vega";
import type { TopLevelSpec } from "vega-lite";

/**
 * A Vega-Lite spec rendered to an SVG string, headless: compiled to Vega, run in a fresh View without
 * a renderer, no timers, no canvas (text widths are estimated from the font size, so the output does
 * not depend on fonts or a `canvas` package installed on the machine). A Vega-Lite warning is a bug of
 * the spec and throws, as does a Vega error.
 */
export async function compileToSvg(spec: TopLevelSpec): Promise<string> {
  // Imported on first use: vega and vega-lite take ~250 ms to load, and most commands draw nothing.
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  (vega as unknown as WithTextMetrics).textMetrics.canvas(false);
  const { spec: vegaSpec } = compile(spec, { logger: strictLogger("vega-lite", vega.Warn) });
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: "none",
    logger: strictLogger("vega", vega.Warn),
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

function strictLogger(source: string, warn: number): Vega.LoggerInterface {
  let level = warn;
  const fail = (...args: readonly unknown[]): never => {
    throw new Error(`${source}: ${args.map(String).join(" ")}`);
  };
  const logger: Vega.LoggerInterface = {
    level(next?: number) {
      if (next === undefined) return level;
      level = next;
      return logger;
    },
    error: fail,
    warn: fail,
    info: () => logger,
    debug: () => logger,
  } as Vega.LoggerInterface;
  return logger;
}
