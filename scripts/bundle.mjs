// The command line as one file per entry: a no-op `make` is short enough that loading ~100
// modules one by one took half of it. Packages stay external (and lazily imported where heavy);
// the tsc output beside it remains the library entry (`staging` in a config) and its types.
import { build } from "esbuild";

await build({
  entryPoints: {
    cli: "src/cli/main.ts",
    hashWorker: "src/filehash/hashWorker.ts",
    fsmonitorDaemon: "src/filehash/fsmonitor/fsmonitorDaemon.ts",
  },
  outdir: "dist/bundle",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Small packages every command loads go into the bundle (their many files cost more to load
  // one by one than to parse once); heavy or optional ones stay outside, imported on first use.
  external: [
    "autocannon",
    "hdr-histogram-js",
    "vega",
    "vega-lite",
    "node-ssh",
    "ssh2",
    "chokidar",
    "esbuild",
    "zx",
    "ajv",
    "bun",
  ],
  sourcemap: "linked",
  // Bundled CommonJS packages (commander, yaml...) require Node's own modules.
  banner: {
    js: 'import { createRequire as __stagingRequire } from "node:module"; const require = __stagingRequire(import.meta.url);',
  },
  logLevel: "warning",
});
