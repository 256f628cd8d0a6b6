import type autocannonFn from "autocannon";
import type * as HdrModule from "hdr-histogram-js";

type Hdr = typeof HdrModule;

/**
 * autocannon and hdr-histogram-js take ~180 ms to import; every command that never drives load
 * (status, make of a fingerprint...) should not pay it, so they are imported on first use.
 */
export interface LoadModules {
  autocannon: typeof autocannonFn;
  hdr: Hdr;
}

let loaded: LoadModules | undefined;

export async function loadModules(): Promise<LoadModules> {
  if (!loaded) {
    const [autocannon, hdr] = await Promise.all([import("autocannon"), loadHdr()]);
    // CommonJS: under Node its exports arrive as the namespace's default.
    loaded = { autocannon: (autocannon as unknown as { default: typeof autocannonFn }).default, hdr };
  }
  return loaded;
}

/** hdr-histogram-js alone (the report reads histograms without driving load). */
export async function loadHdr(): Promise<Hdr> {
  const hdr = await import("hdr-histogram-js");
  // CommonJS: under Node its exports arrive as the namespace's default; a loader that honours its
  // __esModule flag (tsx, in the benchmarks) hands out the exports.
  const hdrExports = (hdr as unknown as { default?: Hdr }).default;
  return hdrExports && typeof hdrExports.build === "function" ? hdrExports : hdr;
}

/** The modules, once `loadModules()` has resolved. */
export function modules(): LoadModules {
  if (!loaded) throw new Error("load modules used before loadModules()");
  return loaded;
}
