import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { make } from "../../../src/engine/make.js";
import { TaskGraph } from "../../../src/engine/TaskGraph.js";
import type { TaskNode } from "../../../src/engine/TaskNode.js";
import { fakeClock } from "../../helpers/fakeClock.js";
import { MemoryHasher } from "../../helpers/MemoryHasher.js";
import { MemoryStore } from "../../helpers/MemoryStore.js";

/**
 * The reference model: a node's output is a pure function of its own file, its value and its
 * dependencies' outputs, reduced modulo a small number so that different inputs often give the
 * same output (early cutoff happens). A node must run exactly when its own inputs changed since
 * its last run or a dependency's output changed.
 */
interface Model {
  deps: number[][];
  file: string[];
  value: number[];
  modulus: number;
}

const modelArb = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    deps: fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), {
          maxLength: i === 0 ? 0 : Math.min(i, 3),
        }),
      ),
    ),
    file: fc.tuple(...Array.from({ length: n }, () => fc.constantFrom("a", "b", "c"))),
    value: fc.tuple(...Array.from({ length: n }, () => fc.integer({ min: 0, max: 2 }))),
    modulus: fc.integer({ min: 2, max: 5 }),
    edits: fc.array(
      fc.array(
        fc.record({
          node: fc.nat(),
          kind: fc.constantFrom("file", "value"),
          to: fc.constantFrom("a", "b", "c", 0, 1, 2),
        }),
        { maxLength: 3 },
      ),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

function evaluate(m: Model): number[] {
  const out: number[] = [];
  m.deps.forEach((deps, i) => {
    const own = m.file[i]!.charCodeAt(0) * 7 + m.value[i]! * 3;
    out.push((own + deps.reduce((s, d) => s + out[d]! * 11, 0)) % m.modulus);
  });
  return out;
}

function graphOf(m: Model, ran: number[]): TaskGraph {
  const nodes: TaskNode[] = m.deps.map((deps, i) => ({
    id: `n${i}`,
    deps: deps.map((d) => `n${d}`),
    taskVersion: "1",
    inputs: { files: [{ name: "f", root: `/m/${i}` }], values: { v: m.value[i] } },
    action: async () => {
      ran.push(i);
      return evaluate(m)[i];
    },
  }));
  return new TaskGraph(nodes);
}

describe("make against the reference model", () => {
  it("runs exactly the nodes whose inputs changed, transitively through changed outputs only", async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, async ({ edits, ...start }) => {
        const m: Model = structuredClone(start);
        const store = new MemoryStore();
        const hasher = new MemoryHasher();
        const sync = () => m.file.forEach((content, i) => hasher.write(`/m/${i}/file`, content));
        const run = async () => {
          const ran: number[] = [];
          sync();
          const ids = m.deps.map((_, i) => `n${i}`);
          await make(graphOf(m, ran), ids, {
            store,
            hasher,
            clock: fakeClock(),
            env: {},
            runId: "r",
            concurrency: 3,
          });
          return ran.sort((a, b) => a - b);
        };
        expect(await run()).toEqual(m.deps.map((_, i) => i));
        for (const batch of edits) {
          const before = { file: [...m.file], value: [...m.value], out: evaluate(m) };
          for (const edit of batch) {
            const i = edit.node % m.deps.length;
            if (edit.kind === "file" && typeof edit.to === "string") m.file[i] = edit.to;
            if (edit.kind === "value" && typeof edit.to === "number") m.value[i] = edit.to;
          }
          const expected: number[] = [];
          m.deps.forEach((deps, i) => {
            const own = m.file[i] !== before.file[i] || m.value[i] !== before.value[i];
            if (own || deps.some((d) => evaluate(m)[d] !== before.out[d])) expected.push(i);
          });
          expect(await run()).toEqual(expected);
          expect(await run()).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
