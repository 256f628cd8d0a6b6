import { describe, expect, it } from "vitest";
import { isStagingError, type StagingError } from "../../../../src/errors/index.js";
import { parseCorpus } from "../../../../src/staging/measure/validateCorpus.js";

const SHA = "a".repeat(64);
const good = (body: string) => JSON.stringify({ body, response_sha256: SHA });

function refusal(text: string): StagingError {
  try {
    parseCorpus("/ws/benchmark/corpus/c.jsonl", text);
  } catch (error) {
    if (isStagingError(error)) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("a corpus is checked line by line before anything is built", () => {
  it("reads every non-blank line as a request", () => {
    expect(parseCorpus("c", `${good("a")}\n\n${good("b")}\n`)).toEqual([
      { body: "a", responseSha256: SHA },
      { body: "b", responseSha256: SHA },
    ]);
  });

  it.each([
    ["an empty file", "", 1, "(file)"],
    ["blank lines only", "\n  \n", 1, "(file)"],
    ["a line that is not JSON", `${good("a")}\n{"body": "b",`, 2, "(line)"],
    ["a JSON array", "[1, 2]", 1, "(line)"],
    ["a line without body", JSON.stringify({ response_sha256: SHA }), 1, "body"],
    ["a body that is not text", JSON.stringify({ body: 3, response_sha256: SHA }), 1, "body"],
    ["a line without response_sha256", JSON.stringify({ body: "x" }), 1, "response_sha256"],
    ["a short response_sha256", JSON.stringify({ body: "x", response_sha256: "abc" }), 1, "response_sha256"],
  ])("refuses %s, naming the file, line and field", (_what, text, line, field) => {
    const e = refusal(text);
    expect(e.code).toBe("E_CORPUS");
    expect(e.exitCode).toBe(2);
    expect(e.facts).toMatchObject({ file: "/ws/benchmark/corpus/c.jsonl", line, field });
  });
});
