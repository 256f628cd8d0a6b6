import { describe, expect, it } from "vitest";
import { parseSeriesSelector } from "../../../../src/drivers/metrics/index.js";
import { StagingError } from "../../../../src/errors/StagingError.js";

function failure(selector: string): StagingError {
  try {
    parseSeriesSelector(selector);
  } catch (error) {
    expect(error).toBeInstanceOf(StagingError);
    return error as StagingError;
  }
  throw new Error(`expected ${selector} to be refused`);
}

describe("parseSeriesSelector", () => {
  it("reads a bare metric name", () => {
    expect(parseSeriesSelector("nodejs_heap_used_bytes")).toEqual({
      name: "nodejs_heap_used_bytes",
      labels: {},
    });
    expect(parseSeriesSelector("jvm_gc_pause_seconds_sum")).toEqual({
      name: "jvm_gc_pause_seconds_sum",
      labels: {},
    });
    expect(parseSeriesSelector("ns:rule_name")).toEqual({ name: "ns:rule_name", labels: {} });
  });

  it("reads exact label filters", () => {
    expect(parseSeriesSelector('jvm_memory_used_bytes{area="heap"}')).toEqual({
      name: "jvm_memory_used_bytes",
      labels: { area: "heap" },
    });
    expect(parseSeriesSelector('x{area="heap",id="G1 Eden Space"}').labels).toEqual({
      area: "heap",
      id: "G1 Eden Space",
    });
  });

  it("accepts blanks, a trailing comma, single quotes, escapes and an empty set", () => {
    expect(parseSeriesSelector(" x { a = \"1\" , b='2', } ")).toEqual({
      name: "x",
      labels: { a: "1", b: "2" },
    });
    expect(parseSeriesSelector('x{path="C:\\\\dir",q="say \\"hi\\"",n="a\\nb"}').labels).toEqual({
      path: "C:\\dir",
      q: 'say "hi"',
      n: "a\nb",
    });
    expect(parseSeriesSelector('x{uri="/items/{id}",s="a,b}"}').labels).toEqual({
      uri: "/items/{id}",
      s: "a,b}",
    });
    expect(parseSeriesSelector("x{}")).toEqual({ name: "x", labels: {} });
    expect(parseSeriesSelector('x{area=""}').labels).toEqual({ area: "" });
  });

  it.each([
    ["", "expected a metric name"],
    ['{area="heap"}', "expected a metric name"],
    ["1abc", "expected a metric name"],
    ["jvm.memory.used", 'unexpected ".memory.used"'],
    ['x{area="heap"', 'expected "," or "}" after label area'],
    ['x{area="heap",', 'expected a label name or "}"'],
    ['x{area="heap}', "unterminated label value"],
    ["x{area=heap}", "expected a quoted value for label area"],
    ['x{area:"heap"}', 'expected "=" after label area'],
    ['x{area="heap" id="a"}', 'expected "," or "}" after label area'],
    ['x{area="a",area="b"}', "label area appears twice"],
    ['x{area=~"he.*"}', "only exact label matches (=) are supported, got =~"],
    ['x{area!="heap"}', "only exact label matches (=) are supported, got !="],
    ['x{area!~"heap"}', "only exact label matches (=) are supported, got !~"],
    ['x{area="heap"}[5m]', 'unexpected "[5m]"'],
    ['sum(x{area="heap"})', 'unexpected "(x{area=\\"heap\\"})"'],
    ['x{1a="b"}', 'expected a label name or "}"'],
    ['x{a="b"`', 'expected "," or "}" after label a'],
  ])("refuses %j with E_SCRAPE_SELECTOR naming the selector", (selector, problem) => {
    const error = failure(selector);
    expect(error.code).toBe("E_SCRAPE_SELECTOR");
    expect(error.message).toContain(JSON.stringify(selector));
    expect(error.facts.selector).toBe(selector);
    expect(error.facts.problem).toBe(problem);
    expect(error.format()).toContain("hint:");
  });

  it("points at the column of the problem", () => {
    expect(failure('x{area=~"a"}').facts.column).toBe(7);
    expect(failure("x y").facts.column).toBe(3);
  });

  it("keeps label names out of the object prototype", () => {
    const { labels } = parseSeriesSelector('x{constructor="a",toString="b"}');
    expect(labels.constructor).toBe("a");
    expect(Object.keys(labels)).toEqual(["constructor", "toString"]);
  });
});
