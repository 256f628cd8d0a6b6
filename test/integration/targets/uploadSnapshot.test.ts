import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StagingError } from "../../../src/errors/StagingError.js";
import { LocalTarget } from "../../../src/targets/LocalTarget.js";
import { resolveRemotePath } from "../../../src/targets/remoteProjectDir.js";
import type { Target } from "../../../src/targets/Target.js";
import { uploadSnapshot } from "../../../src/targets/uploadSnapshot.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";
import { sshd, sshTarget } from "./ssh/sshFixture.js";

function snapshot(files: Record<string, string>): string {
  const dir = useTmpDir(Object.fromEntries(Object.entries(files).map(([k, v]) => [`snap/${k}`, v])));
  return join(dir, "snap");
}

function suite(name: string, make: () => Target | undefined): void {
  describe.skipIf(!make())(`uploadSnapshot over ${name}`, () => {
    const target = make()!;
    afterAll(() => target.close());

    it("uploads into <project>/versions/<slug>/snapshot with a fingerprint marker beside it", async () => {
      const project = useTmpDir();
      const local = snapshot({
        Dockerfile: "FROM scratch\n",
        ".dockerignore": "x\n",
        "bin/run.sh": "#!/bin/sh\necho hi\n",
        "src/ünï code.txt": "ü",
      });
      spawnSync("chmod", ["755", join(local, "bin/run.sh")]);
      spawnSync("ln", ["-s", "../Dockerfile", join(local, "bin/link")]);
      const result = await uploadSnapshot(target, {
        localDir: local,
        projectDir: project,
        slug: "v1",
        fingerprint: "sha256:aaa",
      });
      const remote = join(project, "versions/v1/snapshot");
      expect(result).toEqual({
        remoteDir: remote,
        markerFile: join(project, "versions/v1/snapshot.fingerprint"),
        uploaded: true,
      });
      expect(readdirSync(remote).sort()).toEqual([".dockerignore", "Dockerfile", "bin", "src"]);
      expect(readFileSync(join(remote, "src/ünï code.txt"), "utf8")).toBe("ü");
      expect(statSync(join(remote, "bin/run.sh")).mode & 0o777).toBe(0o755);
      expect(lstatSync(join(remote, "bin/link")).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(remote, "bin/link"))).toBe("../Dockerfile");
      expect(readFileSync(result.markerFile, "utf8")).toBe("sha256:aaa\n");
      expect(readdirSync(join(project, "versions/v1")).sort()).toEqual(["snapshot", "snapshot.fingerprint"]);
    });

    it("skips an unchanged snapshot and replaces a changed one whole", async () => {
      const project = useTmpDir();
      const first = snapshot({ "a.txt": "one", "gone.txt": "old" });
      await uploadSnapshot(target, { localDir: first, projectDir: project, slug: "v2", fingerprint: "fp-1" });
      const remote = join(project, "versions/v2/snapshot");
      writeFileSync(join(remote, "sentinel"), "left by the test");
      const again = await uploadSnapshot(target, {
        localDir: first,
        projectDir: project,
        slug: "v2",
        fingerprint: "fp-1",
      });
      expect(again.uploaded).toBe(false);
      expect(existsSync(join(remote, "sentinel"))).toBe(true);
      const second = snapshot({ "a.txt": "two", "new.txt": "new" });
      const changed = await uploadSnapshot(target, {
        localDir: second,
        projectDir: project,
        slug: "v2",
        fingerprint: "fp-2",
      });
      expect(changed.uploaded).toBe(true);
      expect(readdirSync(remote).sort()).toEqual(["a.txt", "new.txt"]);
      expect(readFileSync(join(remote, "a.txt"), "utf8")).toBe("two");
      expect(readFileSync(changed.markerFile, "utf8")).toBe("fp-2\n");
      expect(readdirSync(join(project, "versions/v2")).sort()).toEqual(["snapshot", "snapshot.fingerprint"]);
    });

    it("uploads again when the marker matches but the tree is gone, or the marker is gone", async () => {
      const project = useTmpDir();
      const local = snapshot({ "a.txt": "a" });
      const first = await uploadSnapshot(target, {
        localDir: local,
        projectDir: project,
        slug: "v3",
        fingerprint: "fp",
      });
      spawnSync("rm", ["-rf", first.remoteDir]);
      expect(
        (
          await uploadSnapshot(target, {
            localDir: local,
            projectDir: project,
            slug: "v3",
            fingerprint: "fp",
          })
        ).uploaded,
      ).toBe(true);
      spawnSync("rm", ["-f", first.markerFile]);
      expect(
        (
          await uploadSnapshot(target, {
            localDir: local,
            projectDir: project,
            slug: "v3",
            fingerprint: "fp",
          })
        ).uploaded,
      ).toBe(true);
    });

    it("a failed upload leaves the old snapshot in place and no temp dir", async () => {
      const project = useTmpDir();
      await uploadSnapshot(target, {
        localDir: snapshot({ "a.txt": "a" }),
        projectDir: project,
        slug: "v4",
        fingerprint: "fp-1",
      });
      const failing = uploadSnapshot(target, {
        localDir: join(project, "no-such-dir"),
        projectDir: project,
        slug: "v4",
        fingerprint: "fp-2",
      });
      await expect(failing).rejects.toBeInstanceOf(StagingError);
      expect(readFileSync(join(project, "versions/v4/snapshot/a.txt"), "utf8")).toBe("a");
      expect(readdirSync(join(project, "versions/v4")).filter((f) => f.includes(".tmp-"))).toEqual([]);
    });

    it("roots ~ and relative project dirs in the target's home, and refuses escaping slugs", async () => {
      const home = await target.home();
      expect(await resolveRemotePath(target, "~/staging-project")).toBe(join(home, "staging-project"));
      expect(await resolveRemotePath(target, "proj/x/../y")).toBe(join(home, "proj/y"));
      expect(await resolveRemotePath(target, "/abs/dir/")).toBe("/abs/dir/");
      const bad = uploadSnapshot(target, {
        localDir: "/tmp",
        projectDir: "/tmp",
        slug: "../etc",
        fingerprint: "x",
      });
      await expect(bad).rejects.toMatchObject({ code: "E_SLUG" });
    });
  });
}

suite("the local target", () => new LocalTarget());
suite("SSH", () => (sshd ? sshTarget(sshd) : undefined));
