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
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});
