import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";

const require = createRequire(import.meta.url);

/**
 * The benchmark schema's validator as code, compiled ahead of time: loading ajv and compiling the
 * schema took a quarter of a no-op `make`. Same options as before (defaults applied in place,
 * every error, so that a file's problems are reported together; errors with their schema for the
 * messages; `stages` may be a list or text). The few ajv runtime helpers the
 * code calls are inlined from ajv itself, so the file needs no `require` in an ES module.
 */
export function benchmarkValidatorCode(): string {
  const schemaUrl = new URL("../../schemas/benchmark.schema.json", import.meta.url);
  const schema = JSON.parse(readFileSync(schemaUrl, "utf8")) as object;
  const ajv = new Ajv({
    useDefaults: true,
    allErrors: true,
    allowUnionTypes: true,
    verbose: true,
    code: { source: true, esm: true },
  });
  const code = standalone
    .default(ajv, ajv.compile(schema))
    .replace(
      /require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g,
      (_, module: string) => `(${String((require(module) as { default: () => unknown }).default)})`,
    );
  if (code.includes("require(")) throw new Error("the validator still requires a module at run time");
  return [
    "// @ts-nocheck",
    "// Generated from schemas/benchmark.schema.json by `npm run gen:validator`; a test keeps it current.",
    code,
    "",
  ].join("\n");
}
