import { METHODS } from "node:http";
import { StagingError } from "../../errors/StagingError.js";
import { assertLoopbackUrl } from "./assertLoopbackUrl.js";
import type { LoadInput } from "./LoadDriver.js";

/**
 * Checks what both drivers rely on and returns the parsed base URL. `needsBodies` is true for the
 * embedded driver, which sends the corpus itself and needs at least one request (k6 scripts build
 * their own requests).
 */
export function validateLoadInput(input: LoadInput, options: { needsBodies: boolean }): URL {
  const url = assertLoopbackUrl(input.url);
  const { load } = input;
  check("load.warmup_s", load.warmup_s, load.warmup_s >= 0, "a number >= 0");
  check("load.duration_s", load.duration_s, load.duration_s > 0, "a number > 0");
  check(
    "load.connections",
    load.connections,
    Number.isInteger(load.connections) && load.connections >= 1,
    "an integer >= 1",
  );
  check("load.timeout_s", load.timeout_s, load.timeout_s > 0, "a number > 0");
  if (load.rate !== undefined)
    check("load.rate", load.rate, load.rate >= 1, "a number >= 1 (requests per second)");
  check(
    "response_sample",
    input.responseSample,
    Number.isInteger(input.responseSample) && input.responseSample >= 0,
    "an integer >= 0",
  );
  // A k6 script makes its own requests (the prototype's benchmarks name none).
  if (options.needsBodies && input.requests.length === 0)
    check("requests", "(none)", false, "at least one function");
  for (const request of input.requests) {
    const field = `requests.${request.name}`;
    check(
      `${field}.weight`,
      request.weight,
      request.weight > 0 && Number.isFinite(request.weight),
      "a number > 0",
    );
    check(
      `${field}.method`,
      request.method,
      METHODS.includes(request.method.toUpperCase()),
      "an HTTP method",
    );
    check(`${field}.path`, request.path, request.path.startsWith("/"), "a path starting with /");
    if (options.needsBodies)
      check(`${field}.corpus`, "0 bodies", request.bodies.length > 0, "at least one body");
  }
  return url;
}

function check(field: string, got: unknown, ok: boolean, expected: string): void {
  if (ok) return;
  throw new StagingError(`invalid load setting ${field}`, {
    code: "E_LOAD_SPEC",
    facts: { field, expected, got: typeof got === "string" ? got : JSON.stringify(got) },
    hint: "fix the benchmark's load/requests section (docs/benchmark.md)",
  });
}
