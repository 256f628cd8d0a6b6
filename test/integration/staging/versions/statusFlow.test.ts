import { mkdirSync, writeFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  applyPromotion,
  createVersion,
  findBaseline,
  listVersions,
  markVersion,
  setFirstBaseline,
} from "../../../../src/staging/versions/index.js";
import { openWorkspace } from "../../../../src/staging/workspace/index.js";
import { MODES, stagingErrorOf, treeState, versionTree, versionYaml, workspaceFrom } from "./helpers.js";

const NOW = new Date("2026-03-01T12:00:00Z");

describe("markVersion", () => {
  it("moves between staging, candidate and rejected, keeping comments and unknown fields", async () => {
    const ws = await workspaceFrom({
      "versions/v1/version.yaml": versionYaml(
        "v1",
        "staging",
        "decompiled:docker-image:cp:1",
        "owner: perf-team # who\nnotes: 'x'\n",
      ),
      "versions/v1/snapshot": null,
    });
    for (const status of ["candidate", "rejected", "staging", "rejected", "candidate", "staging"]) {
      expect((await markVersion(ws, "v1", status)).status).toBe(status);
    }
    const text = await readFile(join(ws.versionsDir, "v1/version.yaml"), "utf8");
    expect(text).toBe(
      versionYaml("v1", "staging", "decompiled:docker-image:cp:1", "owner: perf-team # who\nnotes: 'x'\n"),
    );
  });

  it("is a no-op for the same status", async () => {
    const ws = await workspaceFrom(versionTree("v1", "candidate"));
    const before = await treeState(ws.root);
    expect((await markVersion(ws, "v1", "candidate")).status).toBe("candidate");
    expect(await treeState(ws.root)).toEqual(before);
  });
});

describe("setFirstBaseline", () => {
  it("makes the first baseline of a workspace", async () => {
    const ws = await workspaceFrom({ ...versionTree("a", "staging"), ...versionTree("b", "candidate") });
    expect(await findBaseline(ws)).toBeNull();
    const baseline = await setFirstBaseline(ws, "a", NOW);
    expect(baseline).toMatchObject({ slug: "a", status: "baseline" });
    expect(baseline.fields.promoted_at).toBe("2026-03-01T12:00:00Z");
    expect((await findBaseline(ws))?.slug).toBe("a");
  });

  it("refuses when a baseline exists", async () => {
    const ws = await workspaceFrom({ ...versionTree("a", "baseline"), ...versionTree("b", "candidate") });
    const error = await stagingErrorOf(() => setFirstBaseline(ws, "b", NOW));
    expect(error.code).toBe("E_BASELINE_EXISTS");
    expect(error.message).toBe("A baseline already exists: a");
  });

  it.each(["rejected", "archived-baseline"])("refuses a %s version", async (status) => {
    const ws = await workspaceFrom(versionTree("a", status));
    expect((await stagingErrorOf(() => setFirstBaseline(ws, "a", NOW))).code).toBe("E_STATUS_TRANSITION");
  });
});

describe("applyPromotion", () => {
  it("makes the candidate the baseline and archives the previous one, in one change", async () => {
    const ws = await workspaceFrom({
      ...versionTree("old", "baseline"),
      ...versionTree("new", "candidate", "version:old"),
    });
    const result = await applyPromotion(ws, {
      candidate: "new",
      campaignId: "c-20260301",
      now: NOW,
      forced: false,
    });
    expect(result.baseline).toMatchObject({ slug: "new", status: "baseline" });
    expect(result.baseline.fields).toMatchObject({
      promoted_by_campaign: "c-20260301",
      promoted_at: "2026-03-01T12:00:00Z",
    });
    expect(result.baseline.fields.promotion_forced).toBeUndefined();
    expect(result.archived).toMatchObject({ slug: "old", status: "archived-baseline" });
    expect(result.archived.fields.archived_at).toBe("2026-03-01T12:00:00Z");
    expect(await readdir(join(ws.stagingDir, "journal"))).toEqual([]);
    const promotedAgain = await stagingErrorOf(() =>
      applyPromotion(ws, { candidate: "new", campaignId: "c2", now: NOW, forced: false }),
    );
    expect(promotedAgain.code).toBe("E_STATUS_TRANSITION");
  });

  it("records a forced promotion", async () => {
    const ws = await workspaceFrom({ ...versionTree("old", "baseline"), ...versionTree("new", "candidate") });
    const result = await applyPromotion(ws, { candidate: "new", campaignId: "c1", now: NOW, forced: true });
    expect(result.baseline.fields.promotion_forced).toBe(true);
  });

  it.each(["staging", "rejected", "archived-baseline"])("refuses a %s version", async (status) => {
    const ws = await workspaceFrom({ ...versionTree("old", "baseline"), ...versionTree("new", status) });
    const before = await treeState(ws.root);
    const error = await stagingErrorOf(() =>
      applyPromotion(ws, { candidate: "new", campaignId: "c1", now: NOW, forced: true }),
    );
    expect(error.code).toBe("E_STATUS_TRANSITION");
    expect(error.facts.got).toBe(`${status} -> baseline`);
    expect(await treeState(ws.root)).toEqual(before);
  });

  it("a journal left by a crash is rolled forward by the next open", async () => {
    const ws = await workspaceFrom({ ...versionTree("old", "baseline"), ...versionTree("new", "candidate") });
    // The state right after the journal was made durable and the first file written, before the second.
    const journal = {
      format: 1,
      change: "promote new (campaign c1)",
      writes: [
        { path: "versions/new/version.yaml", content: versionYaml("new", "baseline") },
        { path: "versions/old/version.yaml", content: versionYaml("old", "archived-baseline") },
      ],
    };
    mkdirSync(join(ws.stagingDir, "journal"), { recursive: true });
    writeFileSync(join(ws.stagingDir, "journal", "999999-1-abcd.json"), JSON.stringify(journal));
    writeFileSync(join(ws.versionsDir, "new/version.yaml"), versionYaml("new", "baseline"));
    await expect(listVersions(ws)).rejects.toThrow("Multiple baseline versions found: new, old");
    const reopened = await openWorkspace(ws.root, { requiredModes: MODES });
    expect((await listVersions(reopened)).map((v) => [v.slug, v.status])).toEqual([
      ["new", "baseline"],
      ["old", "archived-baseline"],
    ]);
    expect(await readdir(join(ws.stagingDir, "journal"))).toEqual([]);
    expect(
      (parse(await readFile(join(ws.versionsDir, "old/version.yaml"), "utf8")) as { status: string }).status,
    ).toBe("archived-baseline");
  });
});

describe("versions named with reserved words (the demo's `baseline` and `candidate`)", () => {
  it("can be read, marked, promoted and forked, but not created anew", async () => {
    const ws = await workspaceFrom({
      ...versionTree("baseline", "baseline"),
      ...versionTree("candidate", "staging", "version:baseline"),
    });
    expect((await markVersion(ws, "candidate", "candidate")).status).toBe("candidate");
    const fork = await createVersion(ws, { slug: "candidate-2", from: { version: "candidate" }, now: NOW });
    expect(fork.parentSlug).toBe("candidate");
    await applyPromotion(ws, { candidate: "candidate", campaignId: "c1", now: NOW, forced: false });
    expect((await findBaseline(ws))?.slug).toBe("candidate");
    const error = await stagingErrorOf(() => createVersion(ws, { slug: "staging", from: "none", now: NOW }));
    expect(error.code).toBe("E_SLUG_RESERVED");
  });
});
