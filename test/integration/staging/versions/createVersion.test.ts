import { chmodSync, mkdirSync, symlinkSync } from "node:fs";
import { lstat, readFile, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { createVersion, listVersions, readVersion } from "../../../../src/staging/versions/index.js";
import { treeState, versionTree, workspaceFrom } from "./helpers.js";

const NOW = new Date("2026-03-01T12:00:00.456Z");
const SOURCE_FILES = {
  "build.gradle": "plugins {}\n",
  "src/App.java": "class App {}\n",
  "bin/run.sh": "#!/bin/sh\n",
};

async function baselineWorkspace() {
  const ws = await workspaceFrom({
    ...versionTree("base-1", "baseline", "none", SOURCE_FILES),
    ...versionTree("other", "rejected", "version:base-1", { "x.txt": "other\n" }),
  });
  chmodSync(join(ws.versionsDir, "base-1/snapshot/bin/run.sh"), 0o750);
  chmodSync(join(ws.versionsDir, "base-1/snapshot/build.gradle"), 0o600);
  return ws;
}

async function snapshotOf(dir: string): Promise<Record<string, string>> {
  return treeState(join(dir, "snapshot"));
}

describe("createVersion", () => {
  it("--from baseline copies the baseline's snapshot and writes the resolved parent", async () => {
    const ws = await baselineWorkspace();
    const created = await createVersion(ws, { slug: "cand-1", from: "baseline", now: NOW });
    expect(created).toMatchObject({
      slug: "cand-1",
      status: "staging",
      parent: "version:base-1",
      parentSlug: "base-1",
      origin: "version",
      createdAt: "2026-03-01T12:00:00Z",
    });
    expect(await snapshotOf(created.dir)).toEqual(await snapshotOf(join(ws.versionsDir, "base-1")));
    expect((await lstat(join(created.dir, "snapshot/bin/run.sh"))).mode & 0o777).toBe(0o750);
    expect((await lstat(join(created.dir, "snapshot/build.gradle"))).mode & 0o777).toBe(0o600);
    expect((await readdir(created.dir)).sort()).toEqual([
      "hypothesis.md",
      "images",
      "snapshot",
      "version.yaml",
    ]);
    expect(await readFile(join(created.dir, "version.yaml"), "utf8")).toBe(
      "slug: cand-1\nkind: generic-service\nstatus: staging\nparent: version:base-1\ncreated_at: '2026-03-01T12:00:00Z'\n",
    );
    const hypothesis = await readFile(join(created.dir, "hypothesis.md"), "utf8");
    expect(hypothesis).toContain("from parent `version:base-1`, the baseline at that time");
  });

  it("--from version:<slug> copies that version, whatever its status", async () => {
    const ws = await baselineWorkspace();
    const created = await createVersion(ws, {
      slug: "fork",
      from: { version: "other" },
      now: NOW,
      notes: "try again",
      sourceCommit: "abc1234",
    });
    expect(created).toMatchObject({ parent: "version:other", parentSlug: "other" });
    expect(await snapshotOf(created.dir)).toEqual(await snapshotOf(join(ws.versionsDir, "other")));
    expect(parse(await readFile(created.file, "utf8"))).toEqual({
      slug: "fork",
      kind: "generic-service",
      status: "staging",
      parent: "version:other",
      created_at: "2026-03-01T12:00:00Z",
      source_commit: "abc1234",
      notes: "try again",
    });
    expect(await readFile(join(created.dir, "hypothesis.md"), "utf8")).toContain(
      "from parent `version:other`.",
    );
  });

  it("--from none makes an empty snapshot and needs no baseline", async () => {
    const ws = await workspaceFrom({});
    const created = await createVersion(ws, { slug: "fresh", from: "none", now: NOW });
    expect(created).toMatchObject({ parent: "none", parentSlug: null, origin: "none" });
    expect(await readdir(join(created.dir, "snapshot"))).toEqual([]);
    expect(await readdir(join(created.dir, "images"))).toEqual([]);
    expect((await listVersions(ws)).map((v) => v.slug)).toEqual(["fresh"]);
  });

  it("builds a lineage: each new version names the baseline of its moment", async () => {
    const ws = await baselineWorkspace();
    await createVersion(ws, { slug: "child", from: "baseline", now: NOW });
    await createVersion(ws, { slug: "grandchild", from: { version: "child" }, now: NOW });
    expect((await readVersion(ws, "grandchild")).parentSlug).toBe("child");
    expect((await readVersion(ws, "child")).parentSlug).toBe("base-1");
  });

  it("keeps symlinks inside the snapshot, rewriting absolute ones as relative", async () => {
    const ws = await baselineWorkspace();
    const snap = join(ws.versionsDir, "base-1/snapshot");
    symlinkSync("../build.gradle", join(snap, "src/link"));
    symlinkSync(join(snap, "src/App.java"), join(snap, "abs-link"));
    symlinkSync("src", join(snap, "dir-link"));
    symlinkSync("missing-inside", join(snap, "dangling"));
    mkdirSync(join(snap, "empty"));
    const created = await createVersion(ws, { slug: "links", from: "baseline", now: NOW });
    expect(await readlink(join(created.dir, "snapshot/src/link"))).toBe("../build.gradle");
    expect(await readlink(join(created.dir, "snapshot/abs-link"))).toBe("src/App.java");
    expect(await readlink(join(created.dir, "snapshot/dir-link"))).toBe("src");
    expect(await readlink(join(created.dir, "snapshot/dangling"))).toBe("missing-inside");
    expect(await readFile(join(created.dir, "snapshot/abs-link"), "utf8")).toBe("class App {}\n");
    expect((await lstat(join(created.dir, "snapshot/empty"))).isDirectory()).toBe(true);
  });

  it("accepts a 63-character slug", async () => {
    const ws = await workspaceFrom({});
    const slug = "s".repeat(63);
    expect((await createVersion(ws, { slug, from: "none", now: NOW })).slug).toBe(slug);
  });

  it("leaves no temp folder behind", async () => {
    const ws = await baselineWorkspace();
    await createVersion(ws, { slug: "clean", from: "baseline", now: NOW });
    expect(await readdir(join(ws.stagingDir, "tmp"))).toEqual([]);
  });
});
