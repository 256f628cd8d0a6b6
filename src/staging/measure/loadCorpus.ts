import type { LoadRequestSpec } from "../../drivers/load/index.js";
import type { NormalizedBenchmark } from "../benchmark/index.js";
import { requestNames, validateCorpora } from "./validateCorpus.js";

/**
 * The benchmark's requests with their corpora read and checked (`validateCorpora`): one JSON line
 * per request, `body` and `response_sha256`. Functions outside a `subset` profile are left out.
 */
export async function loadRequests(
  benchmark: NormalizedBenchmark,
  benchmarkDir: string,
): Promise<LoadRequestSpec[]> {
  const corpora = await validateCorpora(benchmark, benchmarkDir);
  return requestNames(benchmark).map((name) => {
    const spec = benchmark.requests[name]!;
    return {
      name,
      method: spec.method,
      path: spec.path,
      weight: spec.weight,
      contentType: spec.content_type,
      bodies: corpora.get(name) ?? [{ body: "", responseSha256: "" }],
    };
  });
}
