import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkArtifact } from "../../../../src/staging/images/checkArtifact.js";
import { treeContentDigest } from "../../../../src/staging/images/treeContentDigest.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

/** An artifact folder built "long ago" (its files older than the stat cache's racy window). */
function artifact(): {
  root: string;
  at: { workspaceRoot: string; stagingDir: string };
  out: { image_ref: string; image_id: string };
} {
  const root = useTmpDir();
  const dir = join(root, ".staging/artifacts/a1");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "service.mjs"), "console.log('hello')\n");
  writeFileSync(join(dir, "run"), "#!/bin/sh\n");
  chmodSync(join(dir, "run"), 0o755);
  const old = new Date(Date.now() - 60_000);
  for (const f of ["service.mjs", "run"]) utimesSync(join(dir, f), old, old);
  return {
    root,
    at: { workspaceRoot: root, stagingDir: join(root, ".staging") },
    out: { image_ref: ".staging/artifacts/a1", image_id: treeContentDigest(dir).digest },
  };
}

describe("the live check of a built artifact verifies its content", () => {
  it("holds for an untouched artifact, and keeps a stat cache so the next check reads no file", async () => {
    const { root, at, out } = artifact();
    expect(await checkArtifact(at, out)).toEqual({ ok: true });
    expect(readdirSync(join(root, ".staging/filecache"))).toEqual([
      `artifact-${out.image_id.slice(0, 32)}.bin`,
    ]);
    expect(await checkArtifact(at, out)).toEqual({ ok: true });
  });

  it("fails when a file was appended to (echo x >> service.mjs), even with the cache in place", async () => {
    const { root, at, out } = artifact();
    expect(await checkArtifact(at, out)).toEqual({ ok: true });
    appendFileSync(join(root, out.image_ref, "service.mjs"), "x\n");
    expect(await checkArtifact(at, out)).toEqual({ ok: false, reason: "artifact-changed" });
  });

  it("fails when a file was rewritten with the same size and its old times restored", async () => {
    const { root, at, out } = artifact();
    expect(await checkArtifact(at, out)).toEqual({ ok: true });
    const file = join(root, out.image_ref, "service.mjs");
    writeFileSync(file, "console.log('HELLO')\n");
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    // ctime moved: the cache does not vouch for it, the content is read again.
    expect(await checkArtifact(at, out)).toEqual({ ok: false, reason: "artifact-changed" });
  });

  it("fails when a file lost its executable bit, or a file was added", async () => {
    const one = artifact();
    chmodSync(join(one.root, one.out.image_ref, "run"), 0o644);
    expect(await checkArtifact(one.at, one.out)).toEqual({ ok: false, reason: "artifact-changed" });
    const two = artifact();
    writeFileSync(join(two.root, two.out.image_ref, "extra.js"), "");
    expect(await checkArtifact(two.at, two.out)).toEqual({ ok: false, reason: "artifact-changed" });
  });

  it("reports a missing artifact as missing", async () => {
    const { root, at, out } = artifact();
    rmSync(join(root, out.image_ref), { recursive: true });
    expect(await checkArtifact(at, out)).toEqual({ ok: false, reason: "artifact-missing" });
  });
});
