import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LoadRequestSpec } from "../../drivers/load/index.js";
import { StagingError } from "../../errors/index.js";
import type { NormalizedBenchmark } from "../benchmark/index.js";

/**
 * The benchmark's requests with their corpora read: one JSON line per request, `body` and
 * `response_sha256`. Functions outside a `subset` profile are left out.
 */
export async function loadRequests(
  benchmark: NormalizedBenchmark,
  benchmarkDir: string,
): Promise<LoadRequestSpec[]> {
  const names = Object.keys(benchmark.requests).filter(
    (n) => benchmark.function_profile === "all" || (benchmark.functions ?? []).includes(n),
  );
  const out: LoadRequestSpec[] = [];
  for (const name of names.sort()) {
    const spec = benchmark.requests[name]!;
    const bodies = spec.corpus
      ? await readCorpus(join(benchmarkDir, spec.corpus))
      : [{ body: "", responseSha256: "" }];
    out.push({
      name,
      method: spec.method,
      path: spec.path,
      weight: spec.weight,
      contentType: spec.content_type,
      bodies,
    });
  }
  return out;
}

async function readCorpus(path: string): Promise<{ body: string; responseSha256: string }[]> {
  const lines = (await readFile(path, "utf8")).split("\n").filter((l) => l.trim() !== "");
  return lines.map((line, i) => {
    try {
      const parsed = JSON.parse(line) as { body?: unknown; response_sha256?: unknown };
      if (typeof parsed.body !== "string") throw new Error("no string `body`");
      return {
        body: parsed.body,
        responseSha256: typeof parsed.response_sha256 === "string" ? parsed.response_sha256 : "",
      };
    } catch (error) {
      throw new StagingError("A corpus line is not a request", {
        code: "E_CORPUS",
        facts: {
          file: path,
          line: i + 1,
          expected: '{"body": "...", "response_sha256": "<hex>"}',
          got: (error as Error).message,
        },
      });
    }
  });
}
