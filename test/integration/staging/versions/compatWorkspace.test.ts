import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createVersion,
  findBaseline,
  lineageOf,
  listVersions,
  markVersion,
  setFirstBaseline,
} from "../../../../src/staging/versions/index.js";
import { loadWorkspaceBenchmark, openWorkspace } from "../../../../src/staging/workspace/index.js";
import { MODES, copyFixture, stagingErrorOf, treeState } from "./helpers.js";

const JAVA = "cp-java-g1-20260222-182442";
const RUST = "control-plane-rust-m3-axum-port-20260222-200159";
const NOW = new Date("2026-03-01T12:00:00Z");

async function openCompat() {
  return openWorkspace(copyFixture("control-plane-compat"), { requiredModes: MODES });
}

describe("a workspace in the prototype's layout (COMPAT.md)", () => {
  it("is listed as found, without a benchmark, a baseline or any write", async () => {
    const ws = await openCompat();
    const before = await treeState(ws.root);
    const versions = await listVersions(ws);
    expect(
      versions.map((v) => ({
        slug: v.slug,
        status: v.status,
        parent: v.parent,
        parentSlug: v.parentSlug,
        origin: v.origin,
        createdAt: v.createdAt,
      })),
    ).toEqual([
      {
        slug: RUST,
        status: "staging",
        parent: "version:control-plane-rust-m1-20260222-193928",
        parentSlug: null,
        origin: "outside",
        createdAt: "2026-02-22T20:01:59Z",
      },
      {
        slug: JAVA,
        status: "staging",
        parent: "decompiled:docker-image:ghcr.io/acme/control-plane:1.4.2",
        parentSlug: null,
        origin: "opaque",
        createdAt: "2026-02-22T18:24:42.185768Z",
      },
    ]);
    expect(versions[1]?.fields).toMatchObject({ owner: "perf-team", source_commit: "3f9c2e1" });
    expect(await findBaseline(ws)).toBeNull();
    expect(lineageOf(versions, RUST)).toEqual({
      slugs: [RUST],
      origin: "version:control-plane-rust-m1-20260222-193928",
    });
    expect(await treeState(ws.root)).toEqual(before);
  });

  it("creates from version:<slug> and none; --from baseline says how to set one", async () => {
    const ws = await openCompat();
    const fork = await createVersion(ws, { slug: "cp-rust-m4", from: { version: RUST }, now: NOW });
    expect(await readFile(join(fork.dir, "snapshot/Cargo.toml"), "utf8")).toContain('name = "control-plane"');
    await createVersion(ws, { slug: "scratch", from: "none", now: NOW });
    const error = await stagingErrorOf(() => createVersion(ws, { slug: "x", from: "baseline", now: NOW }));
    expect(error.code).toBe("E_NO_BASELINE");
    expect(error.message).toBe("No baseline version found");
    expect(error.hint).toContain("staging set-baseline <slug>");
  });

  it("keeps unknown fields and comments through status changes", async () => {
    const ws = await openCompat();
    const original = await readFile(join(ws.versionsDir, JAVA, "version.yaml"), "utf8");
    await markVersion(ws, JAVA, "candidate");
    await markVersion(ws, JAVA, "staging");
    expect(await readFile(join(ws.versionsDir, JAVA, "version.yaml"), "utf8")).toBe(original);
    await setFirstBaseline(ws, JAVA, NOW);
    const text = await readFile(join(ws.versionsDir, JAVA, "version.yaml"), "utf8");
    expect(text).toContain("owner: perf-team   # not a field staging knows: must survive rewrites");
    expect(text).toContain("created_at: '2026-02-22T18:24:42.185768Z'");
    expect(text).toContain("status: baseline");
  });

  it("reports the missing benchmark with how to create one", async () => {
    const ws = await openCompat();
    const error = await stagingErrorOf(() => loadWorkspaceBenchmark(ws));
    expect(error.code).toBe("E_BENCHMARK_MISSING");
    expect(error.facts.file).toBe(join(ws.root, "benchmark/benchmark.yaml"));
    expect(error.hint).toBe(
      "create it with at least `platform_modes: [jvm, native]` and one entry under `requests:` (see docs/benchmark.md)",
    );
  });
});
