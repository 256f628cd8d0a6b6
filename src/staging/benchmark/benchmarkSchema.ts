import type { ValidateFunction } from "ajv";
import schema from "../../../schemas/benchmark.schema.json" with { type: "json" };
import { validate } from "./benchmarkValidator.generated.js";

/** The JSON Schema of benchmark.yaml, as shipped in `schemas/benchmark.schema.json`. */
export const benchmarkSchema: object = schema;

/**
 * The validator, compiled ahead of time from the schema (`npm run gen:validator`): it applies the
 * schema's defaults in place and reports every error.
 */
export function benchmarkValidator(): ValidateFunction {
  return validate as ValidateFunction;
}
