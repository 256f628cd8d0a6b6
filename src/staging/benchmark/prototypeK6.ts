import type { Located } from "./located.js";
import type { K6Spec, NormalizedBenchmark } from "./NormalizedBenchmark.js";

/** k6 stages as written: a list, or the prototype's text of duration:target pairs. */
export type StagesSpec = K6Spec["stages"] | string;

/** The prototype's top-level `k6:` block (COMPAT.md): its load, driven by a k6 script. */
export interface PrototypeK6Block {
  script?: string;
  stages?: StagesSpec;
}

/** `"20s:20, 1m:0"` -> `[{ duration: "20s", target: 20 }, { duration: "1m", target: 0 }]` (the schema checked the shape). */
export function parseStagesText(text: string): NonNullable<K6Spec["stages"]> {
  return text
    .split(",")
    .map((pair) => pair.trim())
    .map((pair) => {
      const at = pair.lastIndexOf(":");
      return { duration: pair.slice(0, at), target: Number(pair.slice(at + 1)) };
    });
}

/** The top-level `k6:` block given together with a `load` that says otherwise. */
export function prototypeK6Problems(raw: unknown): Located[] {
  if (!isMapping(raw) || raw.k6 === undefined || !isMapping(raw.load)) return [];
  const load = raw.load;
  const problems: Located[] = [];
  if (load.k6 !== undefined)
    problems.push({
      path: ["k6"],
      at: "key",
      headline: "both the prototype's top-level `k6` and `load.k6` are given",
      expected: "one of them (`load.k6` with `load.driver: k6`, or the top-level `k6` alone)",
      hint: "keep one k6 block; nothing was written",
    });
  if (load.driver !== undefined && load.driver !== "k6")
    problems.push({
      path: ["load", "driver"],
      headline: "the top-level `k6` block makes the load k6, but `load.driver` says otherwise",
      expected: "k6, or no `load.driver`",
      hint: "remove load.driver, or the k6 block; nothing was written",
    });
  return problems;
}

/**
 * Maps the prototype's spelling onto staging's: a top-level `k6` block becomes `load.driver: k6`
 * with its script and stages, `requests` defaults to none (the script makes the requests), and
 * stages given as text become a list. Changes the validated benchmark in place.
 */
export function applyPrototypeK6(data: NormalizedBenchmark & { k6?: PrototypeK6Block }): void {
  const block = data.k6;
  delete data.k6;
  data.requests ??= {};
  if (block) {
    data.load.driver = "k6";
    data.load.k6 = {
      ...(block.script === undefined ? {} : { script: block.script }),
      ...(block.stages === undefined ? {} : { stages: block.stages as K6Spec["stages"] }),
    };
  }
  const stages = data.load.k6?.stages as StagesSpec;
  if (data.load.k6 && typeof stages === "string") data.load.k6.stages = parseStagesText(stages);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
