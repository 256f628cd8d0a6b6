import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";
import schema from "../../../schemas/benchmark.schema.json" with { type: "json" };

/** The JSON Schema of benchmark.yaml, as shipped in `schemas/benchmark.schema.json`. */
export const benchmarkSchema: object = schema;

let compiled: ValidateFunction | undefined;

/** The compiled validator: applies the schema's defaults in place and stops at the first error. */
export function benchmarkValidator(): ValidateFunction {
  compiled ??= new Ajv({ useDefaults: true, allErrors: false, verbose: true }).compile(schema);
  return compiled;
}
