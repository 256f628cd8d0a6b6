import { describe, expect, it } from "vitest";
import { parseExposition, parseValue } from "../../../../src/drivers/metrics/index.js";
import { StagingError } from "../../../../src/errors/StagingError.js";

function parseError(text: string): StagingError {
  try {
    parseExposition(text);
  } catch (error) {
    expect(error).toBeInstanceOf(StagingError);
    return error as StagingError;
  }
  throw new Error("expected a parse error");
}

describe("parseExposition", () => {
  it("reads names, labels and values, skipping comments and blank lines", () => {
    const text = [
      "# HELP a_total Things.",
      "# TYPE a_total counter",
      'a_total{method="post",code="200"} 1027',
      "",
      "   ",
      "# a free comment { with braces",
      "b 12.47",
      "",
    ].join("\n");
    expect(parseExposition(text)).toEqual([
      { name: "a_total", labels: { method: "post", code: "200" }, value: 1027 },
      { name: "b", labels: {}, value: 12.47 },
    ]);
  });

  it("keeps histogram and summary parts as names of their own", () => {
    const text = [
      "# TYPE h histogram",
      'h_bucket{fn="a",le="0.1"} 3',
      'h_bucket{fn="a",le="+Inf"} 4',
      'h_sum{fn="a"} 0.5',
      'h_count{fn="a"} 4',
      'h_sum{fn="b"} 0.25',
      "# TYPE s summary",
      's{quantile="0.5"} 0.01',
      "s_sum 2",
    ].join("\n");
    expect(parseExposition(text).map((s) => [s.name, s.labels, s.value])).toEqual([
      ["h_bucket", { fn: "a", le: "0.1" }, 3],
      ["h_bucket", { fn: "a", le: "+Inf" }, 4],
      ["h_sum", { fn: "a" }, 0.5],
      ["h_count", { fn: "a" }, 4],
      ["h_sum", { fn: "b" }, 0.25],
      ["s", { quantile: "0.5" }, 0.01],
      ["s_sum", {}, 2],
    ]);
  });

  it("reads escapes and braces, commas and blanks inside label values", () => {
    const text =
      'm{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\"",uri="/a/{id}, x"} 1.458255915e9';
    expect(parseExposition(text)).toEqual([
      {
        name: "m",
        labels: { path: "C:\\DIR\\FILE.TXT", error: 'Cannot find file:\n"FILE.TXT"', uri: "/a/{id}, x" },
        value: 1.458255915e9,
      },
    ]);
  });

  it("accepts CRLF, tabs, a trailing comma, timestamps, exemplars and # EOF", () => {
    const text = [
      "a 1 1395066363000\r",
      "b\t2\r",
      'c{x="1",} 3',
      'd {y="2"} 4 -3982045',
      'e_total 5 # {trace_id="abc"} 1.0 1600000000.123',
      'f_total 6 1600000000.5 # {trace_id="abc"} 1.0',
      'g{z="3"}7',
      "# EOF",
    ].join("\n");
    expect(parseExposition(text).map((s) => [s.name, s.value])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4],
      ["e_total", 5],
      ["f_total", 6],
      ["g", 7],
    ]);
  });

  it("reads the special values and Java's number spelling", () => {
    const text = ["a NaN", "b +Inf", "c -Inf", "d 4.194304E7", "e -1.0", "f .5", "g 1e-3"].join("\n");
    const values = parseExposition(text).map((s) => s.value);
    expect(values[0]).toBeNaN();
    expect(values.slice(1)).toEqual([Infinity, -Infinity, 41943040, -1, 0.5, 0.001]);
  });

  it.each([
    ["a", "expected a value"],
    ["a 1 2 3", "unexpected 3 after the timestamp"],
    ["a one", "not a number: one"],
    ["a 1 later", "not a timestamp: later"],
    ["a 0x10", "not a number: 0x10"],
    ['a{b="c} 1', "unterminated label value"],
    ["a{b=c} 1", "expected a quoted value for label b"],
    ["a{b='c'} 1", "expected a quoted value for label b"],
    ['a{b="1",b="2"} 1', "label b appears twice"],
    ["a-b 1", "expected a blank before the value"],
    ['{a="b"} 1', "expected a metric name"],
  ])("refuses %j with the line and the problem", (line, problem) => {
    const error = parseError(`ok 1\n${line}\nok 2\n`);
    expect(error.code).toBe("E_SCRAPE_PARSE");
    expect(error.facts).toMatchObject({ line: 2, text: line, problem });
  });

  it("parses Prometheus float spellings and nothing else", () => {
    expect(parseValue("1")).toBe(1);
    expect(parseValue("+1.5e3")).toBe(1500);
    expect(parseValue("-Inf")).toBe(-Infinity);
    expect(parseValue("+inf")).toBe(Infinity);
    expect(parseValue("nan")).toBeNaN();
    expect(parseValue("")).toBeUndefined();
    expect(parseValue("1.2.3")).toBeUndefined();
    expect(parseValue("Infinityx")).toBeUndefined();
  });
});
