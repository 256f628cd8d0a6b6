import { describe, expect, it } from "vitest";
import { seedModes } from "../../../../src/config/seedDefaults.js";
import { StagingError } from "../../../../src/errors/index.js";
import { preflightBuild, type PlannedBuild } from "../../../../src/staging/images/preflightBuild.js";
import type { CommandResult, Target, TargetIdentity } from "../../../../src/targets/Target.js";

/** A machine with some programs installed; docker's daemon may be down. */
class FakeMachine implements Target {
  readonly name = "ssh://ci@127.0.0.1:2222";
  readonly kind = "ssh" as const;
  readonly ran: string[] = [];
  constructor(
    private readonly installed: string[],
    private readonly daemonUp = true,
  ) {}
  run(argv: readonly string[]): Promise<CommandResult> {
    this.ran.push(argv.join(" "));
    if (!this.installed.includes(argv[0]!))
      return Promise.reject(
        new StagingError(`program not found on ${this.name}: ${argv[0]}`, { code: "E_TARGET_NOT_FOUND" }),
      );
    if (argv[0] === "docker" && !this.daemonUp)
      return Promise.resolve({
        exitCode: 1,
        stdout: "",
        stderr: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.",
      });
    return Promise.resolve({ exitCode: 0, stdout: "27.1.1\n", stderr: "" });
  }
  uploadTree(): Promise<void> {
    return Promise.resolve();
  }
  readFile(): Promise<string> {
    return Promise.reject(new Error("not here"));
  }
  writeFile(): Promise<void> {
    return Promise.resolve();
  }
  identity(): Promise<TargetIdentity> {
    return Promise.resolve({ kind: "ssh", id: "SHA256:x", os: "linux", arch: "x64", tools: {} });
  }
  home(): Promise<string> {
    return Promise.resolve("/home/ci");
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const ROOT = "/ws";
const seed = seedModes();
const builds = (...modes: ("jvm" | "native")[]): PlannedBuild[] =>
  modes.map((mode) => ({
    slug: "cp-java",
    mode,
    versionDir: "/ws/versions/cp-java",
    recipe: seed[mode]!.build!,
  }));
const files = (...present: string[]) => ({
  workspaceRoot: ROOT,
  builder: "docker" as const,
  exists: (path: string) => present.map((p) => `versions/cp-java/snapshot/${p}`).includes(path),
});

async function errorOf(promise: Promise<void>): Promise<StagingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof StagingError) return error;
  throw new Error(`expected a StagingError, got ${String(error)}`);
}

describe("preflightBuild: before anything builds, say what the target or the snapshot lacks", () => {
  it("passes when docker answers and each mode has its file", async () => {
    const machine = new FakeMachine(["docker", "bash"]);
    await preflightBuild(
      machine,
      builds("jvm", "native"),
      files("control-plane/Dockerfile", "control-plane/Dockerfile.native"),
    );
    expect(machine.ran).toEqual(["docker version --format {{.Server.Version}}"]);
  });

  it("names docker as missing, and the modes that need it", async () => {
    const error = await errorOf(
      preflightBuild(
        new FakeMachine(["bash"]),
        builds("jvm", "native"),
        files("control-plane/Dockerfile", "control-plane/Dockerfile.native"),
      ),
    );
    expect(error.code).toBe("E_BUILD_PREFLIGHT");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("Cannot build on ssh://ci@127.0.0.1:2222: docker is missing");
    expect(error.facts.docker).toBe(
      "docker is not installed on ssh://ci@127.0.0.1:2222 (needed by jvm, native)",
    );
  });

  it("tells a daemon that does not answer from a missing client", async () => {
    const error = await errorOf(
      preflightBuild(new FakeMachine(["docker"], false), builds("jvm"), files("control-plane/Dockerfile")),
    );
    expect(error.facts.docker).toBe(
      "docker daemon is not reachable on ssh://ci@127.0.0.1:2222 (needed by jvm)",
    );
  });

  it("needs bash for the native build script, when the snapshot has no Dockerfile.native", async () => {
    const error = await errorOf(
      preflightBuild(new FakeMachine(["docker"]), builds("native"), files("scripts/build-native.sh")),
    );
    expect(error.message).toBe("Cannot build on ssh://ci@127.0.0.1:2222: bash is missing");
    expect(error.facts.bash).toBe(
      "not found on ssh://ci@127.0.0.1:2222 (needed by the build script of native)",
    );
  });

  it("names the file a version's snapshot lacks, with every problem in one error", async () => {
    const error = await errorOf(preflightBuild(new FakeMachine([]), builds("jvm", "native"), files()));
    expect(error.message).toBe(
      "Cannot build on ssh://ci@127.0.0.1:2222: cp-java jvm has nothing to build from, cp-java native has nothing to build from, docker is missing",
    );
    expect(error.facts["cp-java jvm"]).toBe(
      "the snapshot has no control-plane/Dockerfile (versions/cp-java/snapshot/control-plane/Dockerfile)",
    );
    expect(error.facts["cp-java native"]).toBe(
      "the snapshot has no control-plane/Dockerfile.native and no scripts/build-native.sh (versions/cp-java/snapshot/control-plane/Dockerfile.native)",
    );
  });

  it("checks nothing on the target for artifact builds (they run on this machine)", async () => {
    const machine = new FakeMachine([]);
    await preflightBuild(machine, builds("jvm"), { ...files(), builder: "artifact" });
    expect(machine.ran).toEqual([]);
  });
});
