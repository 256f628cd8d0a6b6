import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { StagingError, translateFsError } from "../../errors/index.js";
import type { NormalizedBenchmark } from "../benchmark/index.js";

/** One request of a corpus line: the body sent, and the sha256 of the response every version must give. */
export interface CorpusEntry {
  body: string;
  responseSha256: string;
}

const EXPECTED = '{"body": "<request body>", "response_sha256": "<64 hex digits>"}';
const SHA256 = /^[0-9a-fA-F]{64}$/;

/** The requests a campaign sends: every entry of `requests`, or only `functions` with a subset profile. */
export function requestNames(benchmark: NormalizedBenchmark): string[] {
  return Object.keys(benchmark.requests)
    .filter((n) => benchmark.function_profile === "all" || (benchmark.functions ?? []).includes(n))
    .sort();
}

/**
 * Reads and checks every corpus the benchmark's requests name, before anything is built or run: the
 * file is readable, holds at least one request, and every non-blank line is a JSON object with a
 * string `body` and a 64-hex `response_sha256`. The first problem is E_CORPUS naming the file, the
 * line and the field. Returns the entries per request name (requests without a corpus are absent).
 */
export async function validateCorpora(
  benchmark: NormalizedBenchmark,
  benchmarkDir: string,
): Promise<Map<string, CorpusEntry[]>> {
  const out = new Map<string, CorpusEntry[]>();
  for (const name of requestNames(benchmark)) {
    const corpus = benchmark.requests[name]!.corpus;
    if (corpus === undefined) continue;
    const file = join(benchmarkDir, corpus);
    const text = await readFile(file, "utf8").catch((error: unknown) => {
      throw translateFsError(error, {
        action: `read the corpus of ${name}`,
        path: file,
        field: `requests.${name}.corpus`,
      });
    });
    out.set(name, parseCorpus(file, text));
  }
  return out;
}

/** The entries of one corpus file's text; E_CORPUS on the first line that is not a request, or on an empty file. */
export function parseCorpus(file: string, text: string): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() !== "") entries.push(parseLine(file, line, i + 1));
  });
  if (entries.length === 0)
    throw corpusError(file, "The corpus holds no request", { line: 1, field: "(file)", got: "no line" });
  return entries;
}

function parseLine(file: string, line: string, number: number): CorpusEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw corpusError(file, "A corpus line is not JSON", {
      line: number,
      field: "(line)",
      got: (error as Error).message,
    });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw corpusError(file, "A corpus line is not a JSON object", {
      line: number,
      field: "(line)",
      got: line.slice(0, 80),
    });
  const { body, response_sha256: sha } = parsed as Record<string, unknown>;
  if (typeof body !== "string")
    throw corpusError(file, "A corpus line has no text `body`", {
      line: number,
      field: "body",
      got: describe(body),
    });
  if (typeof sha !== "string" || !SHA256.test(sha))
    throw corpusError(file, "A corpus line has no valid `response_sha256`", {
      line: number,
      field: "response_sha256",
      got: describe(sha),
    });
  return { body, responseSha256: sha };
}

function describe(value: unknown): string {
  return value === undefined ? "(missing)" : JSON.stringify(value).slice(0, 80);
}

function corpusError(
  file: string,
  headline: string,
  facts: { line: number; field: string; got: string },
): StagingError {
  return new StagingError(headline, {
    code: "E_CORPUS",
    facts: { file, line: facts.line, field: facts.field, expected: EXPECTED, got: facts.got },
    hint: "fix the line (one JSON object per line), or regenerate the corpus; nothing was built",
  });
}
