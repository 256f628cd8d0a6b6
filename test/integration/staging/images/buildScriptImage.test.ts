import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isStagingError, type StagingError } from "../../../../src/errors/index.js";
import { buildScriptImage, type ScriptBuild } from "../../../../src/staging/images/buildScriptImage.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import type { Target } from "../../../../src/targets/Target.js";
import { dockerAvailable, dockerImageExists, NODE_BASE_IMAGE, testRunId } from "../../../helpers/docker.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";
import { sshd, sshTarget } from "../../targets/ssh/sshFixture.js";

const ready = requireOrSkip(
  dockerAvailable() && dockerImageExists(NODE_BASE_IMAGE),
  `dockerd with ${NODE_BASE_IMAGE}`,
);
const run = testRunId();
const tags: string[] = [];

afterAll(() => {
  if (tags.length > 0) spawnSync("docker", ["rmi", "-f", ...tags]);
});

/** The seed's native build as a script: it writes into its folder, and builds the image it is told to. */
const BUILD_NATIVE = `#!/usr/bin/env bash
set -euo pipefail
echo "building $STAGING_IMAGE ($STAGING_VERSION, $STAGING_MODE)"
mkdir -p build/native && cp control-plane/app.txt build/native/control-plane
printf 'FROM ${NODE_BASE_IMAGE}\\nCOPY build/native/control-plane /app/control-plane\\n' > build/native/Dockerfile
docker build --quiet --network host --file build/native/Dockerfile --tag "$1" .
`;

function setup(script = BUILD_NATIVE): { snapshotDir: string; stagingDir: string; project: string } {
  const root = useTmpDir({
    "versions/cp-rust/snapshot/control-plane/app.txt": "native v1\n",
    "versions/cp-rust/snapshot/scripts/build-native.sh": script,
    ".staging/tmp": null,
    "remote-project": null,
  });
  return {
    snapshotDir: join(root, "versions/cp-rust/snapshot"),
    stagingDir: join(root, ".staging"),
    project: join(root, "remote-project"),
  };
}

function build(target: Target, dirs: ReturnType<typeof setup>, tag: string): ScriptBuild {
  tags.push(tag);
  return {
    target,
    projectDir: dirs.project,
    stagingDir: dirs.stagingDir,
    slug: "cp-rust",
    mode: "native",
    snapshotDir: dirs.snapshotDir,
    snapshotDigest: "d".repeat(64),
    script: "scripts/build-native.sh",
    tag,
    logFile: join(dirs.stagingDir, "native.log"),
    signal: new AbortController().signal,
  };
}

async function errorOf(promise: Promise<unknown>): Promise<StagingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (isStagingError(error)) return error;
  throw new Error(`expected a StagingError, got ${String(error)}`);
}

function suite(name: string, make: () => Target | undefined): void {
  describe.runIf(ready && make())(`buildScriptImage (the seed's native build script) on ${name}`, () => {
    const target = make()!;
    afterAll(() => target.close());

    it("runs the snapshot's script in a scratch copy and returns the id of the image it built", async () => {
      const dirs = setup();
      const tag = `staging-test/${run}-${name}:native`;
      const id = await buildScriptImage(build(target, dirs, tag));
      expect(
        execFileSync("docker", ["image", "inspect", "--format", "{{.Id}}", tag], { encoding: "utf8" }).trim(),
      ).toBe(id);
      expect(readFileSync(join(dirs.stagingDir, "native.log"), "utf8")).toContain(
        `building ${tag} (cp-rust, native)`,
      );
      // What the script wrote stayed in its scratch folder, which is gone.
      expect(existsSync(join(dirs.snapshotDir, "build"))).toBe(false);
      expect(readdirSync(join(dirs.stagingDir, "tmp"))).toEqual([]);
    });

    it("fails with the log's last lines when the script fails", async () => {
      const dirs = setup("#!/usr/bin/env bash\necho 'graalvm not found' >&2\nexit 3\n");
      const error = await errorOf(
        buildScriptImage(build(target, dirs, `staging-test/${run}-${name}:broken`)),
      );
      expect(error.code).toBe("E_IMAGE_BUILD");
      expect(error.message).toContain("failed");
      expect(error.message).toContain("exit code 3");
      expect(error.facts["last lines"]).toContain("graalvm not found");
    });

    it("fails when the script succeeds without building the image it was asked for", async () => {
      const dirs = setup("#!/usr/bin/env bash\necho done\n");
      const tag = `staging-test/${run}-${name}:none`;
      const error = await errorOf(buildScriptImage(build(target, dirs, tag)));
      expect(error.message).toContain(`it succeeded but built no image ${tag}`);
    });
  });
}

suite("local", () => new LocalTarget());
suite("ssh", () => (sshd ? sshTarget(sshd) : undefined));
