import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalise, runCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

function workspace(): string {
  return useTmpDir({
    "versions/base/version.yaml":
      "slug: base\nkind: generic-service\nstatus: baseline\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n",
    "versions/base/snapshot/src/main.ts": "console.log(1)\n",
    "versions/cand/version.yaml":
      "slug: cand\nkind: generic-service\nstatus: candidate\nparent: version:base\ncreated_at: '2026-01-01T00:00:00Z'\n",
    "versions/cand/snapshot/src/main.ts": "console.log(2)\n",
  });
}

describe("staging make / status / explain / graph", () => {
  it("fingerprints every version, then finds nothing to do", () => {
    const ws = workspace();
    const first = runCli(["--workspace", ws, "make", "fingerprint:*", "--json"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      executed: ["fingerprint:base", "fingerprint:cand"],
      upToDate: [],
      failed: [],
      skipped: [],
    });
    const second = runCli(["--workspace", ws, "make", "fingerprint:*", "--json"]);
    expect(JSON.parse(second.stdout)).toMatchObject({
      executed: [],
      upToDate: ["fingerprint:base", "fingerprint:cand"],
    });
  });

  it("status says never run, up to date, and stale with the changed file", () => {
    const ws = workspace();
    expect(runCli(["--workspace", ws, "status"]).stdout).toContain("fingerprint:base   never run");
    runCli(["--workspace", ws, "make", "fingerprint:*"]);
    writeFileSync(join(ws, "versions/cand/snapshot/src/main.ts"), "console.log(3)\n");
    const status = runCli(["--workspace", ws, "status"]);
    // With no config file, each version also has the seed's jvm and native image nodes.
    expect(normalise(status.stdout, ws)).toBe(
      [
        "workspace: <root>",
        "benchmark: none usable: E_BENCHMARK_MISSING: No benchmark file found",
        "  fingerprint:base   up to date",
        "  fingerprint:cand   stale (files changed: snapshot/src/main.ts)",
        "  image:base:jvm     never run",
        "  image:base:native  never run",
        "  image:cand:jvm     never run",
        "  image:cand:native  never run",
        "",
      ].join("\n"),
    );
    const json = JSON.parse(runCli(["--workspace", ws, "status", "--json"]).stdout) as { nodes: unknown[] };
    expect(json.nodes.slice(0, 2)).toEqual([
      { id: "fingerprint:base", state: "up to date", reason: "" },
      { id: "fingerprint:cand", state: "stale", reason: "files changed: snapshot/src/main.ts" },
    ]);
  });

  it("explain names the changed file with old and new hashes", () => {
    const ws = workspace();
    runCli(["--workspace", ws, "make", "fingerprint:cand"]);
    writeFileSync(join(ws, "versions/cand/snapshot/src/new.ts"), "x\n");
    const out = runCli(["--workspace", ws, "explain", "fingerprint:cand"]).stdout;
    expect(out).toMatch(/^fingerprint:cand: would-run \(files changed: snapshot\/src\/new\.ts \(added\)\)\n/);
    expect(out).toMatch(/file snapshot\/src\/new\.ts: \(absent\) -> [0-9a-f]{12}\n/);
  });

  it("graph prints dot, mermaid and json in a stable order", () => {
    const ws = workspace();
    expect(runCli(["--workspace", ws, "graph", "fingerprint:*", "--format", "json"]).stdout).toBe(
      JSON.stringify({ nodes: ["fingerprint:base", "fingerprint:cand"], edges: [] }, null, 2) + "\n",
    );
    expect(runCli(["--workspace", ws, "graph", "fingerprint:base"]).stdout).toBe(
      'digraph staging {\n  rankdir=LR;\n  "fingerprint:base";\n}\n',
    );
    const bad = runCli(["--workspace", ws, "graph", "fingerprint:base", "--format", "svg"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected: dot | mermaid | json");
  });

  it("rejects an unknown target with exit code 2 and no stack trace", () => {
    const ws = workspace();
    const result = runCli(["--workspace", ws, "make", "image:nope:jvm"]);
    expect(result.code).toBe(2);
    expect(normalise(result.stderr, ws)).toBe(
      [
        "error: No node matches the target image:nope:jvm",
        "  target: image:nope:jvm",
        "  nodes:  fingerprint:base, image:base:jvm, image:base:native, fingerprint:cand, image:cand:jvm, image:cand:native",
        "hint: targets are node ids, globs such as 'fingerprint:*', images:<version> or campaign:<candidate>; `staging status` lists the nodes",
        "",
      ].join("\n"),
    );
  });

  it("treats usage errors as exit code 2", () => {
    const ws = workspace();
    expect(runCli(["--workspace", ws, "make", "x", "--concurrency", "0"]).code).toBe(2);
    expect(runCli(["--workspace", ws, "frobnicate"]).code).toBe(2);
  });

  it("writes a run summary per make with each node's status, duration and reason", () => {
    const ws = workspace();
    const { runId } = JSON.parse(
      runCli(["--workspace", ws, "make", "fingerprint:base", "--json"]).stdout,
    ) as { runId: string };
    const summary = JSON.parse(readFileSync(join(ws, ".staging/runs", `${runId}.json`), "utf8")) as {
      nodes: unknown[];
    };
    expect(summary.nodes).toEqual([
      {
        id: "fingerprint:base",
        status: "executed",
        reason: "never run",
        reasonKind: "never-run",
        durationMs: expect.any(Number) as number,
        outputUnchanged: false,
        staleAfterRun: false,
      },
    ]);
  });
});
