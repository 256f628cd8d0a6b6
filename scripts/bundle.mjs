// The command line as one file per entry: a no-op `make` is short enough that loading ~100
// modules one by one took half of it. Each command's action is imported when it runs, so it goes
// into a chunk of its own (shared code into shared chunks): `--help` loads the declarations alone.
// Packages stay external (and lazily imported where heavy); the tsc output beside it remains the
// library entry (`staging` in a config) and its types.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunks are named by content: the last build's would otherwise pile up, and ship in the package.
rmSync("dist/bundle", { recursive: true, force: true });

await build({
  entryPoints: {
    cli: "src/cli/main.ts",
    hashWorker: "src/filehash/hashWorker.ts",
    fsmonitorDaemon: "src/filehash/fsmonitor/fsmonitorDaemon.ts",
  },
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  // Beside the entries: code in a chunk finds hashWorker.js and fsmonitorDaemon.js as its siblings.
  chunkNames: "[name]-[hash]",
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
