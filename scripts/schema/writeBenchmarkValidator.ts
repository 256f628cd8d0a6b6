import { writeFileSync } from "node:fs";
import { benchmarkValidatorCode } from "./benchmarkValidatorCode.js";

writeFileSync(
  new URL("../../src/staging/benchmark/benchmarkValidator.generated.ts", import.meta.url),
  benchmarkValidatorCode(),
);
