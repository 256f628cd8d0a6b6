import { describe, expect, it } from "vitest";
import { make, type MakeOptions } from "../../../src/engine/make.js";
import { TaskGraph } from "../../../src/engine/TaskGraph.js";
import type { FileInput, TaskNode } from "../../../src/engine/TaskNode.js";
import { fakeClock } from "../../helpers/fakeClock.js";
import { MemoryHasher } from "../../helpers/MemoryHasher.js";
import { MemoryStore } from "../../helpers/MemoryStore.js";

/** A small build: src files -> compile -> link, plus an independent lint, with recorded runs. */
function fixture() {
  const store = new MemoryStore();
  const hasher = new MemoryHasher();
  hasher.write("/w/src/a.txt", "a1");
  hasher.write("/w/src/b.txt", "b1");
  const ran: string[] = [];
  let linkOutput = (upstream: Record<string, unknown>) => ({ linked: JSON.stringify(upstream) });
  let compileOutput = (files: string) => ({ obj: files });
  const node = (
    id: string,
    deps: string[],
    extra: Partial<TaskNode> = {},
    out: (u: Record<string, unknown>) => unknown = () => id,
  ): TaskNode => ({
    id,
    deps,
    taskVersion: "t@1",
    inputs: {},
    action: async (ctx) => {
      ran.push(id);
      return out(ctx.upstream);
    },
    ...extra,
  });
  const graph = (values: Record<string, unknown> = { flags: "-O2" }) =>
    new TaskGraph([
      node("compile", [], { inputs: { files: [{ name: "src", root: "/w/src" }], values } }, () =>
        compileOutput([...hasher.files.values()].join("")),
      ),
      node("link", ["compile"], {}, (u) => linkOutput(u)),
      node("lint", [], { inputs: { files: [{ name: "src", root: "/w/src" }] } }),
    ]);
  const options = (extra: Partial<MakeOptions> = {}): MakeOptions => ({
    store,
    hasher,
    clock: fakeClock(),
    env: {},
    runId: "r",
    ...extra,
  });
  return {
    store,
    hasher,
    ran,
    graph,
    options,
    setCompileOutput: (f: typeof compileOutput) => (compileOutput = f),
    setLinkOutput: (f: typeof linkOutput) => (linkOutput = f),
  };
}

describe("make", () => {
  it("runs every node the first time and nothing the second time", async () => {
    const f = fixture();
    const first = await make(f.graph(), ["link", "lint"], f.options());
    expect(first.executed.sort()).toEqual(["compile", "link", "lint"]);
    f.ran.length = 0;
    const second = await make(f.graph(), ["link", "lint"], f.options());
    expect(second.executed).toEqual([]);
    expect(second.upToDate.sort()).toEqual(["compile", "link", "lint"]);
    expect(f.ran).toEqual([]);
  });

  it("runs only what the target needs", async () => {
    const f = fixture();
    const result = await make(f.graph(), ["compile"], f.options());
    expect(result.executed).toEqual(["compile"]);
  });

  it("reruns a node whose file changed and the nodes its output reaches", async () => {
    const f = fixture();
    await make(f.graph(), ["link", "lint"], f.options());
    f.hasher.write("/w/src/a.txt", "a2");
    f.ran.length = 0;
    const result = await make(f.graph(), ["link", "lint"], f.options());
    expect(result.executed.sort()).toEqual(["compile", "lint", "link"].sort());
  });

  it("stops at an upstream rerun that produced the same output (early cutoff)", async () => {
    const f = fixture();
    f.setCompileOutput(() => ({ obj: "constant" }));
    await make(f.graph(), ["link"], f.options());
    f.hasher.write("/w/src/a.txt", "a2");
    const result = await make(f.graph(), ["link"], f.options());
    expect(result.executed).toEqual(["compile"]);
    expect(result.upToDate).toEqual(["link"]);
    const outcome = result.summary.nodes.find((n) => n.id === "compile");
    expect(outcome?.outputUnchanged).toBe(true);
  });

  it("keeps 'changed at' apart from 'built at' when a rerun gives the same output", async () => {
    const f = fixture();
    f.setCompileOutput(() => ({ obj: "constant" }));
    await make(f.graph(), ["compile"], f.options());
    const before = await f.store.get("compile");
    f.hasher.write("/w/src/a.txt", "a2");
    await make(f.graph(), ["compile"], f.options({ clock: fakeClock(Date.UTC(2026, 5, 1)) }));
    const after = await f.store.get("compile");
    expect(after?.builtAt).not.toBe(before?.builtAt);
    expect(after?.changedAt).toBe(before?.changedAt);
  });

  it("reruns a node when a value input changes, and says which", async () => {
    const f = fixture();
    await make(f.graph(), ["compile"], f.options());
    const result = await make(f.graph({ flags: "-O3" }), ["compile"], f.options({ dryRun: true }));
    expect(result.summary.nodes[0]).toMatchObject({
      id: "compile",
      status: "would-run",
      reason: "value changed: flags",
    });
  });

  it("names the changed files in the reason", async () => {
    const f = fixture();
    await make(f.graph(), ["compile"], f.options());
    f.hasher.write("/w/src/c.txt", "new");
    f.hasher.files.delete("/w/src/b.txt");
    const result = await make(f.graph(), ["compile"], f.options({ dryRun: true }));
    expect(result.summary.nodes[0]?.reason).toBe("files changed: src/b.txt (removed), src/c.txt (added)");
  });

  it("runs forced nodes matched by a glob even when up to date", async () => {
    const f = fixture();
    await make(f.graph(), ["link", "lint"], f.options());
    const result = await make(f.graph(), ["link", "lint"], f.options({ force: ["l*"] }));
    expect(result.executed.sort()).toEqual(["link", "lint"]);
  });

  it("writes nothing and runs nothing in a dry run", async () => {
    const f = fixture();
    const result = await make(f.graph(), ["link"], f.options({ dryRun: true }));
    expect(result.wouldRun).toEqual(["compile", "link"]);
    expect(result.summary.nodes[1]?.reason).toBe("upstream compile would run");
    expect(f.ran).toEqual([]);
    expect(f.store.records.size).toBe(0);
    expect(f.store.summaries).toEqual([]);
  });

  it("records nothing for a failed node, skips its dependents, and stops without --keep-going", async () => {
    const f = fixture();
    const failing = new TaskGraph([
      { id: "bad", deps: [], taskVersion: "1", inputs: {}, action: () => Promise.reject(new Error("boom")) },
      { id: "after", deps: ["bad"], taskVersion: "1", inputs: {}, action: async () => "x" },
    ]);
    const result = await make(failing, ["after"], f.options());
    expect(result.failed).toEqual(["bad"]);
    expect(result.skipped).toEqual(["after"]);
    expect(result.summary.nodes[0]?.error).toBe("boom");
    expect(f.store.records.has("bad")).toBe(false);
  });

  it("goes on with independent nodes under --keep-going", async () => {
    const f = fixture();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const graph = new TaskGraph([
      {
        id: "bad",
        deps: [],
        taskVersion: "1",
        inputs: {},
        action: () => Promise.reject(new Error("boom")).finally(release),
      },
      { id: "slow", deps: [], taskVersion: "1", inputs: {}, action: async () => gate.then(() => "a") },
      { id: "later", deps: ["slow"], taskVersion: "1", inputs: {}, action: async () => "b" },
    ]);
    const stopped = await make(graph, ["bad", "later"], f.options({ concurrency: 2 }));
    expect(stopped.skipped).toEqual(["later"]);
    const going = await make(graph, ["bad", "later"], f.options({ keepGoing: true, concurrency: 2 }));
    expect(going.executed).toEqual(["later"]);
    expect(going.upToDate).toEqual(["slow"]);
  });

  it("reruns an up-to-date node whose live check fails, with the check's reason", async () => {
    const f = fixture();
    let alive = true;
    const graph = new TaskGraph([
      {
        id: "image",
        deps: [],
        taskVersion: "1",
        inputs: {},
        action: async () => "sha256:1",
        check: async () => (alive ? { ok: true } : { ok: false, reason: "image-id-mismatch" }),
      },
    ]);
    await make(graph, ["image"], f.options());
    expect((await make(graph, ["image"], f.options())).upToDate).toEqual(["image"]);
    alive = false;
    const result = await make(graph, ["image"], f.options());
    expect(result.summary.nodes[0]).toMatchObject({
      status: "executed",
      reason: "live check: image-id-mismatch",
    });
  });

  it("leaves a node stale when its inputs change while it runs", async () => {
    const f = fixture();
    const graph = new TaskGraph([
      {
        id: "compile",
        deps: [],
        taskVersion: "1",
        inputs: { files: [{ name: "src", root: "/w/src" }] },
        action: async () => {
          f.hasher.write("/w/src/a.txt", "edited during the run");
          return "out";
        },
      },
    ]);
    const result = await make(graph, ["compile"], f.options());
    expect(result.summary.nodes[0]).toMatchObject({ status: "executed", staleAfterRun: true });
    expect(f.store.records.has("compile")).toBe(false);
  });

  it("does not hash the inputs of an outputFromKey node again after it ran: its action answers for them", async () => {
    const f = fixture();
    let hashed = 0;
    const hasher = { hash: (input: FileInput) => (hashed++, f.hasher.hash(input)) };
    const seen: Readonly<Record<string, string>>[] = [];
    const fingerprint = (outputFromKey: boolean): TaskNode => ({
      id: "fingerprint",
      deps: [],
      taskVersion: "1",
      inputs: { files: [{ name: "src", root: "/w/src" }] },
      ...(outputFromKey ? { outputFromKey } : {}),
      action: async (ctx) => (seen.push(ctx.inputDigests), "out"),
    });
    const key = await make(new TaskGraph([fingerprint(true)]), ["fingerprint"], { ...f.options(), hasher });
    expect(key.executed).toEqual(["fingerprint"]);
    expect(hashed).toBe(1);
    expect(seen[0]).toEqual({ src: (await f.hasher.hash({ name: "src", root: "/w/src" })).digest });
    hashed = 0;
    await make(new TaskGraph([fingerprint(false)]), ["fingerprint"], {
      ...f.options(),
      hasher,
      force: ["fingerprint"],
    });
    expect(hashed).toBe(2);
  });

  it("records nothing for an outputFromKey node whose action says its inputs changed, and keeps it stale", async () => {
    const f = fixture();
    const graph = new TaskGraph([
      {
        id: "fingerprint",
        deps: [],
        taskVersion: "1",
        inputs: { files: [{ name: "src", root: "/w/src" }] },
        outputFromKey: true,
        action: async (ctx) => (ctx.inputsChanged(), "what it read"),
      },
      {
        id: "image",
        deps: ["fingerprint"],
        taskVersion: "1",
        inputs: {},
        action: async (ctx) => ctx.upstream,
      },
    ]);
    const result = await make(graph, ["image"], f.options());
    expect(result.summary.nodes.find((n) => n.id === "fingerprint")).toMatchObject({
      status: "executed",
      staleAfterRun: true,
    });
    expect(f.store.records.has("fingerprint")).toBe(false);
    // The run goes on with what the action read.
    expect(result.outputs.get("image")).toEqual({ fingerprint: "what it read" });
  });

  it("marks a node interrupted, and records nothing, when the run is aborted mid-action", async () => {
    const f = fixture();
    const controller = new AbortController();
    const graph = new TaskGraph([
      {
        id: "long",
        deps: [],
        taskVersion: "1",
        inputs: {},
        action: (ctx) =>
          new Promise((_, reject) => {
            ctx.signal.addEventListener("abort", () => reject(new Error("aborted")));
            controller.abort();
          }),
      },
      { id: "next", deps: ["long"], taskVersion: "1", inputs: {}, action: async () => 1 },
    ]);
    const result = await make(graph, ["next"], f.options({ signal: controller.signal }));
    expect(result.interrupted).toEqual(["long"]);
    expect(result.skipped).toEqual(["next"]);
    expect(f.store.records.size).toBe(0);
    expect(f.store.running.size).toBe(0);
  });

  it("never runs more nodes of a pool at once than its limit", async () => {
    const f = fixture();
    let running = 0;
    let peak = 0;
    const nodes: TaskNode[] = Array.from({ length: 6 }, (_, i) => ({
      id: `run:${i}`,
      deps: [],
      taskVersion: "1",
      inputs: {},
      pool: "target:local",
      priority: -i,
      action: async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return i;
      },
    }));
    const result = await make(
      new TaskGraph(nodes),
      nodes.map((n) => n.id),
      f.options({ concurrency: 4 }),
    );
    expect(result.executed).toHaveLength(6);
    expect(peak).toBe(1);
  });

  it("hashes environment variables it declares, never stores their values", async () => {
    const f = fixture();
    const graph = new TaskGraph([
      { id: "e", deps: [], taskVersion: "1", inputs: { env: ["TOKEN"] }, action: async () => 1 },
    ]);
    await make(graph, ["e"], f.options({ env: { TOKEN: "s3cret" } }));
    expect(f.store.manifests.get("e")).not.toContain("s3cret");
    const changed = await make(graph, ["e"], f.options({ env: { TOKEN: "other" }, dryRun: true }));
    expect(changed.summary.nodes[0]?.reason).toBe("env changed: TOKEN");
  });

  it("reruns every node of a task whose version is bumped", async () => {
    const f = fixture();
    const graph = (v: string) =>
      new TaskGraph([{ id: "n", deps: [], taskVersion: v, inputs: {}, action: async () => 1 }]);
    await make(graph("a@1"), ["n"], f.options());
    const result = await make(graph("a@2"), ["n"], f.options({ dryRun: true }));
    expect(result.summary.nodes[0]?.reason).toBe("task version changed: taskVersion");
  });
});
