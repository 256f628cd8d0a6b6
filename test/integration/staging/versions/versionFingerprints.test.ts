import { utimesSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { taskNode } from "../../../../src/engine/defineTask.js";
import { make } from "../../../../src/engine/make.js";
import { TaskGraph } from "../../../../src/engine/TaskGraph.js";
import { FsFileHasher } from "../../../../src/filehash/FsFileHasher.js";
import { snapshotFingerprint } from "../../../../src/staging/fingerprint/snapshotFingerprint.js";
import { versionFingerprints } from "../../../../src/staging/versions/index.js";
import { FsStore } from "../../../../src/store/FsStore.js";
import { fingerprintTask } from "../../../../tasks/fingerprint.js";
import { fakeClock } from "../../../helpers/fakeClock.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

describe("versionFingerprints", () => {
  const setup = () => {
    const root = useTmpDir({
      "versions/a/snapshot/gradle/w.jar": "jar",
      "versions/a/snapshot/gradle.properties": "p",
      "versions/b/snapshot/src/main.ts": "main",
    });
    const versions = ["a", "b"].map((slug) => ({ slug, dir: join(root, "versions", slug) }));
    // Older than the racy window, so that the stat cache may vouch for them.
    const past = new Date(Date.now() - 60_000);
    for (const file of ["a/snapshot/gradle/w.jar", "a/snapshot/gradle.properties", "b/snapshot/src/main.ts"])
      utimesSync(join(root, "versions", file), past, past);
    return { root, versions, cacheDir: join(root, ".staging/filecache") };
  };

  it("gives the prototype's fingerprint of each snapshot, and reads nothing the second time", async () => {
    const { versions, cacheDir } = setup();
    const expected = new Map(
      versions.map((v) => [v.slug, snapshotFingerprint(join(v.dir, "snapshot")).digest]),
    );
    const first = new FsFileHasher(cacheDir);
    expect(await versionFingerprints(first, versions)).toEqual(expected);
    expect(first.filesRead).toBe(3);
    const again = new FsFileHasher(cacheDir);
    expect(await versionFingerprints(again, versions)).toEqual(expected);
    expect(again.filesRead).toBe(0);
  });

  it("shares its cache with make: after a make, listing reads nothing, and the fingerprints agree", async () => {
    const { root, versions, cacheDir } = setup();
    const graph = new TaskGraph(
      versions.map((v) => taskNode(fingerprintTask, { slug: v.slug, snapshotDir: join(v.dir, "snapshot") })),
    );
    const result = await make(graph, ["fingerprint:a", "fingerprint:b"], {
      store: new FsStore(join(root, ".staging")),
      hasher: new FsFileHasher(cacheDir),
      clock: fakeClock(),
      env: {},
      runId: "r1",
    });
    const listing = new FsFileHasher(cacheDir);
    const fingerprints = await versionFingerprints(listing, versions);
    expect(listing.filesRead).toBe(0);
    for (const v of versions)
      expect(fingerprints.get(v.slug)).toBe(
        (result.outputs.get(`fingerprint:${v.slug}`) as { snapshot_fingerprint: string })
          .snapshot_fingerprint,
      );
  });
});
