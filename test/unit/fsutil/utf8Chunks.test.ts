import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Chunks } from "../../../src/fsutil/utf8Chunks.js";

describe("utf8Chunks", () => {
  it("gives the text's UTF-8 bytes, in order, whatever the chunk size and the characters", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (text, size) => {
          const chunks = [...utf8Chunks(text, size)];
          expect(Buffer.concat(chunks).equals(Buffer.from(text, "utf8"))).toBe(true);
          for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual((size + 1) * 3);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("does not cut a character beyond U+FFFF at a chunk's end", () => {
    const text = "ab\u{1F600}cd";
    expect([...utf8Chunks(text, 3)].map((b) => b.toString("utf8"))).toEqual(["ab", "\u{1F600}c", "d"]);
  });
});
