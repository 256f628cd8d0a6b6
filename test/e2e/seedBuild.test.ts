import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { dockerAvailable, dockerImageExists, NODE_BASE_IMAGE } from "../helpers/docker.js";
import { requireOrSkip } from "../helpers/integration.js";
import { testSshd } from "../helpers/sshd.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

const ready = requireOrSkip(
  dockerAvailable() && dockerImageExists(NODE_BASE_IMAGE),
  `dockerd with ${NODE_BASE_IMAGE}`,
);
const sshd = ready ? testSshd() : undefined;
const made: string[] = [];

afterAll(() => {
  for (const ws of made) {
    const listed = spawnSync("docker", ["images", "-q", `staging/${basename(ws).toLowerCase()}/*`], {
      encoding: "utf8",
    });
    const ids = listed.stdout.trim().split("\n").filter(Boolean);
    if (ids.length > 0) spawnSync("docker", ["rmi", "-f", ...new Set(ids)]);
  }
});

const versionYaml = (slug: string) =>
  `slug: ${slug}\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: '2026-02-22T18:24:42.185768Z'\n`;

/**
 * A workspace as the prototype left it (no config file, no benchmark): a version whose snapshot has
 * the seed's layout, a JVM Dockerfile and a native one under control-plane/, built FROM a local base;
 * and a version whose snapshot has neither.
 */
function seedWorkspace(): string {
  const ws = useTmpDir({
    "versions/cp-java/version.yaml": versionYaml("cp-java"),
    "versions/cp-java/snapshot/control-plane/Dockerfile": `FROM ${NODE_BASE_IMAGE}\nCOPY control-plane/app.txt /app/jvm.txt\n`,
    "versions/cp-java/snapshot/control-plane/Dockerfile.native": `FROM ${NODE_BASE_IMAGE}\nCOPY control-plane/app.txt /app/native.txt\n`,
    "versions/cp-java/snapshot/control-plane/app.txt": "control plane v1\n",
    "versions/cp-java/snapshot/gradle/w.jar": "jar\n",
    "versions/cp-java/snapshot/gradle.properties": "org.gradle.jvmargs=-Xmx1g\n",
    "versions/cp-bare/version.yaml": versionYaml("cp-bare"),
    "versions/cp-bare/snapshot/README.md": "nothing to build\n",
  });
  made.push(ws);
  return ws;
}

type Row = { mode: string; status: string; reason: string };
const rowsOf = (stdout: string) => (JSON.parse(stdout) as { images: Row[] }).images;

describe.runIf(ready && sshd)(
  "--workspace with no config builds the seed's jvm and native on the SSH target",
  () => {
    const ssh = () => [
      "--target",
      sshd!.url,
      "--identity",
      sshd!.identity,
      "--known-hosts",
      sshd!.knownHosts,
    ];

    it("builds both modes with docker over SSH; the dry run before said what the real run said", () => {
      const ws = seedWorkspace();
      const env = { E2E_REMOTE_PROJECT_DIR: join(ws, "remote-project") };
      const cli = (...args: string[]) =>
        runCli(["--workspace", ws, ...ssh(), "build-images", "cp-java", "--json", ...args], { env });
      const dry = cli("--dry-run");
      expect(dry.code, dry.stderr).toBe(0);
      expect(rowsOf(dry.stdout).map((r) => `${r.mode}: ${r.reason}`)).toEqual([
        "jvm: mode-missing (never run)",
        "native: mode-missing (never run)",
      ]);
      const built = cli();
      expect(built.code, built.stderr).toBe(0);
      expect(rowsOf(built.stdout)).toEqual([
        { node: "image:cp-java:jvm", mode: "jvm", status: "executed", reason: "mode-missing (never run)" },
        {
          node: "image:cp-java:native",
          mode: "native",
          status: "executed",
          reason: "mode-missing (never run)",
        },
      ]);
      // Built on the target from the uploaded snapshot, one image per mode, from its own Dockerfile.
      expect(
        existsSync(join(ws, "remote-project/versions/cp-java/snapshot/control-plane/Dockerfile.native")),
      ).toBe(true);
      const manifest = JSON.parse(
        execFileSync("cat", [join(ws, "versions/cp-java/images/manifest.json")], { encoding: "utf8" }),
      ) as {
        modes: Record<string, { image_ref: string; image_id: string }>;
      };
      for (const mode of ["jvm", "native"]) {
        const ref = manifest.modes[mode]!.image_ref;
        const inspected = execFileSync(
          "docker",
          ["image", "inspect", "--format", '{{.Id}} {{index .Config.Labels "staging.mode"}}', ref],
          {
            encoding: "utf8",
          },
        );
        expect(inspected.trim()).toBe(`${manifest.modes[mode]!.image_id} ${mode}`);
      }
      expect(rowsOf(cli().stdout).map((r) => `${r.mode}: ${r.reason}`)).toEqual([
        "jvm: cache-hit",
        "native: cache-hit",
      ]);
    });

    it("refuses before anything runs when a snapshot has nothing to build from, naming the files", () => {
      const ws = seedWorkspace();
      const result = runCli(["--workspace", ws, ...ssh(), "build-images", "cp-bare"], {
        env: { E2E_REMOTE_PROJECT_DIR: join(ws, "remote-project") },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `error: Cannot build on ${sshd!.url}: cp-bare jvm has nothing to build from, cp-bare native has nothing to build from`,
      );
      expect(result.stderr).toContain(
        "the snapshot has no control-plane/Dockerfile.native and no scripts/build-native.sh",
      );
      expect(existsSync(join(ws, "remote-project"))).toBe(false);
      expect(existsSync(join(ws, ".staging/logs"))).toBe(false);
    });
  },
);

describe.runIf(ready)("a target without docker", () => {
  it("is named before anything runs, with the modes that need it", () => {
    const ws = seedWorkspace();
    // This machine as the target, with a PATH where no docker is found.
    const result = runCli(["--workspace", ws, "build-images", "cp-java"], { env: { PATH: "/nonexistent" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: Cannot build on local: docker is missing\n/);
    expect(result.stderr).toContain("docker is not installed on local (needed by jvm, native)");
    expect(existsSync(join(ws, ".staging/logs"))).toBe(false);
  });
});
