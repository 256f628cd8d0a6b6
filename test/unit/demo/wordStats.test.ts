import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize as baselineTokenize } from "../../../experiments/demo/versions/baseline/snapshot/src/tokenize.js";
import { wordStats as baselineWordStats } from "../../../experiments/demo/versions/baseline/snapshot/src/wordStats.js";
import { tokenize as candidateTokenize } from "../../../experiments/demo/versions/candidate/snapshot/src/tokenize.js";
import { wordStats as candidateWordStats } from "../../../experiments/demo/versions/candidate/snapshot/src/wordStats.js";

const versions = [
  ["baseline", baselineTokenize, baselineWordStats],
  ["candidate", candidateTokenize, candidateWordStats],
] as const;

describe.each(versions)("word-stats of the %s", (_name, tokenize, wordStats) => {
  it("splits on everything but ASCII letters and digits, and lowercases", () => {
    expect(tokenize("Hello, WORLD! x2 -- 42\tfoo_bar\nbaz")).toEqual([
      "hello",
      "world",
      "x2",
      "42",
      "foo",
      "bar",
      "baz",
    ]);
  });

  it("joins words over an apostrophe between two word characters only", () => {
    expect(tokenize("Don't rock'n'roll 'tis ol' a''b O'Brien ''")).toEqual([
      "don't",
      "rock'n'roll",
      "tis",
      "ol",
      "a",
      "b",
      "o'brien",
    ]);
  });

  it("treats non-ASCII letters, emoji and lone surrogates as separators", () => {
    expect(tokenize("café naïve 東京 emoji😀ok a'😀 x\ud800y İi \u212a")).toEqual([
      "caf",
      "na",
      "ve",
      "emoji",
      "ok",
      "a",
      "x",
      "y",
      "i",
    ]);
  });

  it("gives nothing for text without words", () => {
    expect(tokenize("")).toEqual([]);
    expect(wordStats(" ,.'' ")).toEqual({ words: 0, distinct: 0, top: [], mean_word_length: 0 });
  });

  it("counts words, distinct words and the mean length rounded to 3 decimals", () => {
    const stats = wordStats("The cat saw the other cat. THE end");
    expect(stats.words).toBe(8);
    expect(stats.distinct).toBe(5);
    expect(stats.mean_word_length).toBe(3.25);
    expect(wordStats("ab abc abc").mean_word_length).toBe(2.667);
  });

  it("lists the 10 most frequent words, ties in code-unit order", () => {
    const text = "b a c " + "z ".repeat(5) + "y ".repeat(5) + "k l m n o p q r s";
    const { top } = wordStats(text);
    expect(top).toEqual([
      { word: "y", count: 5 },
      { word: "z", count: 5 },
      { word: "a", count: 1 },
      { word: "b", count: 1 },
      { word: "c", count: 1 },
      { word: "k", count: 1 },
      { word: "l", count: 1 },
      { word: "m", count: 1 },
      { word: "n", count: 1 },
      { word: "o", count: 1 },
    ]);
  });

  it("orders digits before letters and words before their extensions", () => {
    expect(wordStats("b ab a 10 9 a'b").top.map((w) => w.word)).toEqual(["10", "9", "a", "a'b", "ab", "b"]);
  });
});

describe("the candidate's tokenizer", () => {
  const alphabet = fc.constantFrom(..."aZ9'' \n.,-_é😀İ\u0301\ud800".split(""), "😀", "xy", "Q'r");
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.array(alphabet, { maxLength: 60 }).map((a) => a.join("")),
  );

  it("splits any text exactly as the baseline's", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(candidateTokenize(t)).toEqual(baselineTokenize(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same word-stats as the baseline for any text", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(candidateWordStats(t)).toEqual(baselineWordStats(t));
      }),
      { numRuns: 500 },
    );
  });
});
