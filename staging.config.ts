import { defineConfig } from "./src/public/index.js";

/** This repository's own workspace: the embedded demo service, run on this machine. */
export default defineConfig({
  workspace: "experiments/demo",
  requiredModes: ["node", "bun"],
  modes: {
    node: {},
    bun: {},
  },
  target: "local",
  pools: { "target:local": 1 },
});
