import { describe, expect, it } from "vitest";
import { make, type MakeOptions } from "../../../src/engine/make.js";
import { nodeRef } from "../../../src/engine/NodeRef.js";
import { TaskGraph } from "../../../src/engine/TaskGraph.js";
import type { TaskNode } from "../../../src/engine/TaskNode.js";
import { fakeClock } from "../../helpers/fakeClock.js";
import { MemoryHasher } from "../../helpers/MemoryHasher.js";
import { MemoryStore } from "../../helpers/MemoryStore.js";

/**
 * A campaign in miniature: `plan` reads a value and declares `round:1..n` and `look:k` nodes; a
 * `look` decides from its rounds whether more are needed; `final` follows the looks (dynamic deps)
 * and `goal` depends on `final` through the plan's output.
 */
function campaign(opts: { rounds: number; step: number; decideAt: number; measure?: (r: number) => number }) {
  const store = new MemoryStore();
  const hasher = new MemoryHasher();
  const ran: string[] = [];
  let rounds = opts.rounds;
  const node = (id: string, extra: Partial<TaskNode>): TaskNode => ({
    id,
    deps: [],
    taskVersion: "t@1",
    inputs: {},
    action: async () => {
      ran.push(id);
      return id;
    },
    ...extra,
  });
  const looks = () => {
    const out: number[] = [];
    for (let n = opts.step; n < rounds; n += opts.step) out.push(n);
    return [...out, rounds];
  };
  const roundNode = (r: number): TaskNode =>
    node(`round:${r}`, {
      uses: ["image"],
      after: r > 1 ? [`round:${r - 1}`] : [],
      cost: "expensive",
      action: async (ctx) => {
        ran.push(`round:${r}`);
        expect(ctx.get(nodeRef<string>("image"))).toBe("image-output");
        return { r, value: opts.measure?.(r) ?? r };
      },
    });
  const lookNode = (n: number): TaskNode =>
    node(`look:${n}`, {
      deps: Array.from({ length: n }, (_, i) => `round:${i + 1}`),
      // Whether a look is the last one is part of what it decides from.
      inputs: { values: { rounds } },
      pure: true,
      action: async (ctx) => {
        ran.push(`look:${n}`);
        const values = Object.values(ctx.upstream) as { value: number }[];
        return {
          n,
          decided: n >= opts.decideAt || n === rounds,
          sum: values.reduce((a, b) => a + b.value, 0),
        };
      },
    });
  const graph = () =>
    new TaskGraph([
      node("image", { action: async () => (ran.push("image"), "image-output") }),
      node("plan", {
        inputs: { values: { rounds } },
        pure: true,
        action: async () => (ran.push("plan"), { rounds, looks: looks() }),
        expand: (output) => {
          const plan = output as { rounds: number; looks: number[] };
          return [
            ...Array.from({ length: plan.rounds }, (_, i) => roundNode(i + 1)),
            ...plan.looks.map(lookNode),
            node("final", {
              deps: ["plan"],
              dynamicDeps: (read) => {
                for (const n of plan.looks) {
                  const look = read(nodeRef<{ decided: boolean }>(`look:${n}`));
                  if (look.decided) return [`look:${n}`];
                }
                throw new Error("no look decided");
              },
              action: async (ctx) => {
                ran.push("final");
                return Object.entries(ctx.upstream).filter(([id]) => id.startsWith("look:"));
              },
            }),
          ];
        },
      }),
      node("goal", {
        deps: ["plan"],
        dynamicDeps: () => ["final"],
        action: async (ctx) => (ran.push("goal"), ctx.upstream.final),
      }),
    ]);
  const options = (extra: Partial<MakeOptions> = {}): MakeOptions => ({
    store,
    hasher,
    clock: fakeClock(),
    env: {},
    runId: "r",
    ...extra,
  });
  return { store, ran, graph, options, setRounds: (n: number) => (rounds = n) };
}

describe("make with a graph that grows from outputs", () => {
  it("makes nodes declared by an output, and follows dependencies named from outputs", async () => {
    const c = campaign({ rounds: 4, step: 4, decideAt: 4 });
    const result = await make(c.graph(), ["goal"], c.options());
    expect(result.failed).toEqual([]);
    expect(result.executed).toEqual(
      expect.arrayContaining(["plan", "image", "round:1", "round:4", "look:4", "final", "goal"]),
    );
    expect(result.deps.get("goal")).toEqual(["plan", "final"]);
    expect(result.deps.get("final")).toEqual(["plan", "look:4"]);
  });

  it("runs rounds in their declared order even when they wait on other nodes", async () => {
    const c = campaign({ rounds: 5, step: 5, decideAt: 5 });
    await make(c.graph(), ["goal"], c.options({ concurrency: 4 }));
    const rounds = c.ran.filter((id) => id.startsWith("round:"));
    expect(rounds).toEqual(["round:1", "round:2", "round:3", "round:4", "round:5"]);
    // The rounds' image is made before the first round, once.
    expect(c.ran.indexOf("image")).toBeLessThan(c.ran.indexOf("round:1"));
    expect(c.ran.filter((id) => id === "image")).toHaveLength(1);
  });

  it("stops adding rounds at the first look that decides, and never makes the rounds after it", async () => {
    const c = campaign({ rounds: 12, step: 4, decideAt: 8 });
    const result = await make(c.graph(), ["goal"], c.options());
    expect(c.ran.filter((id) => id.startsWith("round:"))).toHaveLength(8);
    expect(c.ran.filter((id) => id.startsWith("look:"))).toEqual(["look:4", "look:8"]);
    // Every look it read is a dependency: another decision there changes it.
    expect(result.deps.get("final")).toEqual(["plan", "look:4", "look:8"]);
    expect(result.summary.nodes.map((n) => n.id)).not.toContain("round:9");
  });

  it("takes the same decisions from the records on a second make, and runs nothing", async () => {
    const c = campaign({ rounds: 12, step: 4, decideAt: 8 });
    await make(c.graph(), ["goal"], c.options());
    c.ran.length = 0;
    const again = await make(c.graph(), ["goal"], c.options());
    expect(c.ran).toEqual([]);
    expect(again.executed).toEqual([]);
    expect(again.deps.get("final")).toEqual(["plan", "look:4", "look:8"]);
  });

  it("does not make a round's uses when the round is up to date", async () => {
    const c = campaign({ rounds: 2, step: 2, decideAt: 2 });
    await make(c.graph(), ["goal"], c.options());
    await c.store.delete("image");
    c.ran.length = 0;
    const again = await make(c.graph(), ["goal"], c.options());
    expect(c.ran).toEqual([]);
    expect(again.summary.nodes.map((n) => n.id)).not.toContain("image");
  });

  it("evaluates pure nodes in a dry run, so the nodes they declare are shown, and writes nothing", async () => {
    const c = campaign({ rounds: 3, step: 3, decideAt: 3 });
    const dry = await make(c.graph(), ["goal"], c.options({ dryRun: true }));
    expect(c.store.records.size).toBe(0);
    expect(dry.wouldRun).toEqual(expect.arrayContaining(["plan", "round:1", "round:3", "look:3"]));
    // The look reads rounds that have not run: what follows it cannot be known yet.
    expect(dry.summary.nodes.find((n) => n.id === "final")?.reason).toBe("after look:3 runs");
    expect(c.ran).toEqual(["plan"]);
  });

  it("shows a completed campaign whole in a dry run", async () => {
    const c = campaign({ rounds: 8, step: 4, decideAt: 8 });
    await make(c.graph(), ["goal"], c.options());
    const dry = await make(c.graph(), ["goal"], c.options({ dryRun: true }));
    expect(dry.wouldRun).toEqual([]);
    expect(dry.upToDate).toEqual(expect.arrayContaining(["round:8", "look:4", "look:8", "final", "goal"]));
  });

  it("a new plan (more rounds) reruns the plan and only what its output changes", async () => {
    const c = campaign({ rounds: 4, step: 4, decideAt: 99 });
    await make(c.graph(), ["goal"], c.options());
    c.setRounds(6);
    c.ran.length = 0;
    const result = await make(c.graph(), ["goal"], c.options());
    expect(result.failed).toEqual([]);
    expect(c.ran).toEqual(expect.arrayContaining(["plan", "round:5", "round:6", "look:6", "final", "goal"]));
    expect(c.ran).not.toContain("round:1");
  });

  it("skips what depends on a failed round, and says which", async () => {
    const c = campaign({
      rounds: 3,
      step: 3,
      decideAt: 3,
      measure: (r) => {
        if (r === 2) throw new Error("deploy failed");
        return r;
      },
    });
    const result = await make(c.graph(), ["goal"], c.options({ keepGoing: true }));
    expect(result.failed).toEqual(["round:2"]);
    // Order only: the next round still runs with --keep-going.
    expect(result.executed).toContain("round:3");
    expect(result.summary.nodes.find((n) => n.id === "look:3")?.reason).toBe("dependency round:2 failed");
    expect(result.skipped).toEqual(expect.arrayContaining(["look:3", "final", "goal"]));
  });

  it("refuses a dependency cycle that only outputs reveal", async () => {
    const node = (id: string, extra: Partial<TaskNode>): TaskNode => ({
      id,
      deps: [],
      taskVersion: "t@1",
      inputs: {},
      action: async () => id,
      ...extra,
    });
    const graph = new TaskGraph([
      node("a", { dynamicDeps: () => ["b"] }),
      node("b", { dynamicDeps: () => ["a"] }),
    ]);
    const c = campaign({ rounds: 1, step: 1, decideAt: 1 });
    await expect(make(graph, ["a"], c.options())).rejects.toThrow(/Dependency cycle/);
  });
});
