import { benchGraph, benchWorkspace } from "./engine.js";
import { benchLoadCeiling } from "./loadCeiling.js";

/** `npm run bench`: every figure is printed beside a reference measured in the same run. */
const quick = process.argv.includes("--quick");
benchWorkspace(quick ? 3 : 10, quick ? 2000 : 10_000);
await benchGraph(quick ? 2000 : 10_000);
await benchLoadCeiling();
