import { fileURLToPath } from "node:url";
import { defineConfig } from "./src/public/index.js";

/** Tools from this repository's own install, so the demo needs nothing but `npm ci`. */
const bin = (name: string) => fileURLToPath(new URL(`./node_modules/.bin/${name}`, import.meta.url));

/** This repository's own workspace: the embedded demo service, built and run on this machine. */
export default defineConfig({
  workspace: "experiments/demo",
  requiredModes: ["node", "bun"],
  modes: {
    node: {
      build: {
        command: [
          bin("esbuild"),
          "{snapshot}/src/main.ts",
          "--bundle",
          "--platform=node",
          "--format=esm",
          "--log-level=warning",
          "--outfile={out}/service.mjs",
        ],
        dockerfile: "docker/node.Dockerfile",
        hint: "esbuild comes with `npm ci` in the repository root",
      },
      deploy: { command: ["node", "{artifact}/service.mjs"] },
    },
    bun: {
      build: {
        // Runs in {out}: `bun build --compile` writes a temporary file into its working directory.
        command: [bin("bun"), "build", "--compile", "{snapshot}/src/main.ts", "--outfile", "{out}/service"],
        dockerfile: "docker/bun.Dockerfile",
        hint: "bun comes from npm with the repository's own install (`npm ci`, package bun@1); or install it from https://bun.sh",
      },
      deploy: { command: ["{artifact}/service"] },
    },
  },
  target: "local",
  pools: { "target:local": 1 },
});
