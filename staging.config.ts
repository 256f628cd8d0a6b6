import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig } from "staging";

/**
 * Tools from the install this file sits in: the repository's own `npm ci`, or, for the published
 * package, the project that installed `staging` (npm hoists esbuild and bun into that project's
 * node_modules, not under node_modules/staging), found the way Node finds a dependency.
 */
const here = createRequire(import.meta.url);
const find = (from: NodeJS.Require, specifier: string): string | undefined => {
  try {
    return from.resolve(specifier);
  } catch {
    return undefined;
  }
};

/** esbuild's bin: the native binary after its postinstall, else a launcher of @esbuild/<platform>'s. */
const esbuild = find(here, "esbuild/bin/esbuild") ?? "esbuild";

/**
 * bun's postinstall moves the binary of its platform package (@oven/bun-<os>-<arch>) over
 * bin/bun.exe, a 450-byte placeholder; where install scripts did not run (npm --ignore-scripts,
 * pnpm, npm 12) the binary is still in the platform package.
 */
function bunBinary(): string {
  const launcher = find(here, "bun/bin/bun.exe");
  if (launcher === undefined) return "bun";
  if (statSync(launcher).size > 64 * 1024) return launcher;
  const fromBun = createRequire(launcher);
  const platform = `@oven/bun-${process.platform}-${process.arch === "arm64" ? "aarch64" : process.arch}`;
  // Else the placeholder, which says what to do.
  return find(fromBun, `${platform}/bin/bun`) ?? find(fromBun, `${platform}-musl/bin/bun`) ?? launcher;
}

/**
 * The `jvm` mode's fixed JVM flags (docs/demo.md says why each): the same heap, collector and
 * memory behaviour in every run, whatever the machine's size would make the JVM pick.
 * - `-Xms128m -Xmx128m`: a fixed heap, about 20 times the service's live set; it never grows or
 *   shrinks mid-run, so collections come at the same allocation volume in every run.
 * - `-XX:+UseSerialGC`: named, not left to ergonomics (which picks Serial or G1 by core count and
 *   memory). One stop-the-world collector with no concurrent threads: all GC work is inside the
 *   pauses that `gc_pause` sums, and none competes with the load generator on a small machine.
 * - `-XX:+AlwaysPreTouch`: the heap's pages are touched before the service answers /health, so
 *   the first collections of a measured window do not pay page faults (startup pays instead).
 * - `-XX:+PerfDisableSharedMem`: no hsperfdata file in /tmp, whose writes can stall a pause.
 * - `-XX:+ExitOnOutOfMemoryError`: a run that runs out of heap fails, it does not limp on.
 * - `-Xlog:disable -Xlog:all=warning:stderr`: JVM warnings on stderr; stdout is the service's
 *   JSON lines.
 * docker/jvm.Dockerfile's CMD runs the same flags.
 */
const jvmFlags = [
  "-Xms128m",
  "-Xmx128m",
  "-XX:+UseSerialGC",
  "-XX:+AlwaysPreTouch",
  "-XX:+PerfDisableSharedMem",
  "-XX:+ExitOnOutOfMemoryError",
  "-Xlog:disable",
  "-Xlog:all=warning:stderr",
];

/** This repository's own workspace: the embedded demo service, built and run on this machine. */
export default defineConfig({
  workspace: "experiments/demo",
  requiredModes: ["node", "bun"],
  modes: {
    node: {
      build: {
        command: [
          esbuild,
          "{snapshot}/src/main.ts",
          "--bundle",
          "--platform=node",
          "--format=esm",
          "--log-level=warning",
          "--outfile={out}/service.mjs",
        ],
        dockerfile: "docker/node.Dockerfile",
        hint: "the demo's node mode needs the npm package esbuild, an optional dependency of staging: `npm install esbuild` (left out by npm install --omit=optional)",
      },
      deploy: { command: ["node", "{artifact}/service.mjs"] },
    },
    bun: {
      build: {
        // Runs in {out}: `bun build --compile` writes a temporary file into its working directory.
        command: [bunBinary(), "build", "--compile", "{snapshot}/src/main.ts", "--outfile", "{out}/service"],
        dockerfile: "docker/bun.Dockerfile",
        hint: "the demo's bun mode needs the npm package bun, an optional dependency of staging: `npm install bun` (left out by npm install --omit=optional), or bun from https://bun.sh on PATH",
      },
      deploy: { command: ["{artifact}/service"] },
    },
    // Not in requiredModes: the README's campaign stays node and bun; experiments/demo/README.md
    // shows a campaign in all three modes.
    jvm: {
      build: {
        // javac follows --source-path from Main to every class it uses; nothing is written beside the sources.
        command: [
          "javac",
          "--release",
          "17",
          "-encoding",
          "UTF-8",
          "-Xlint:all",
          "-d",
          "{out}/classes",
          "--source-path",
          "{snapshot}/jvm/src",
          "{snapshot}/jvm/src/demo/Main.java",
        ],
        dockerfile: "docker/jvm.Dockerfile",
        hint: "javac comes with a JDK 17 or later: put its bin/ on PATH (Debian: apt-get install openjdk-17-jdk-headless)",
      },
      deploy: { command: ["java", ...jvmFlags, "-cp", "{artifact}/classes", "demo.Main"] },
    },
  },
  target: "local",
  pools: { "target:local": 1 },
});
