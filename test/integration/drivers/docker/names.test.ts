// Pure checks of the docker driver's argument building and parsing: no daemon needed. They sit
// beside the driver's integration tests because they pin the same contracts.
import { describe, expect, it } from "vitest";
import {
  assertContainerName,
  assertImageRef,
  buildArgv,
  isContainerName,
  isImageRef,
  parseProcCgroup,
  peakCandidates,
} from "../../../../src/drivers/docker/index.js";
import { StagingError } from "../../../../src/errors/index.js";

describe("docker names", () => {
  it("accepts docker's container names and refuses the rest", () => {
    for (const name of ["demo-baseline-jvm", "a1", "x_y.z-0", "A9"]) expect(isContainerName(name)).toBe(true);
    for (const name of ["", "a", "-rm", "_x", "a b", "a/b", "a:b", "ä1", "x".repeat(256)]) {
      expect(isContainerName(name), name).toBe(false);
    }
    expect(() => assertContainerName("--privileged")).toThrow(StagingError);
  });

  it("accepts image references with registry, tag and digest, and image ids", () => {
    const good = [
      "staging-base/node:20",
      "demo",
      "staging/demo-baseline:native",
      "localhost:5000/a/b:1.0",
      "registry.example.com/team/app__x:v1-2",
      `app@sha256:${"a".repeat(64)}`,
      `sha256:${"0".repeat(64)}`,
      "2449a5cd22d6",
    ];
    for (const ref of good) expect(isImageRef(ref), ref).toBe(true);
    const bad = [
      "",
      "Demo",
      "-demo",
      "demo:",
      "demo:-x",
      "a//b",
      "a/b c",
      "demo@sha256:xyz",
      "demo:tag:again",
      "a--",
    ];
    for (const ref of bad) expect(isImageRef(ref), ref).toBe(false);
    try {
      assertImageRef("Bad Tag");
      expect.unreachable();
    } catch (error) {
      expect((error as StagingError).code).toBe("E_DOCKER_NAME");
      expect((error as StagingError).format()).toContain("Bad Tag");
    }
  });
});

describe("docker build arguments", () => {
  it("is one argument list with the legacy builder on the host network", () => {
    const argv = buildArgv(
      {
        contextDir: "/srv/ctx",
        dockerfile: "/srv/ctx/Dockerfile",
        tag: "staging/demo:jvm",
        buildArgs: { MODE: "jvm; rm -rf /" },
        labels: { "org.staging.node": "image:v1:jvm" },
        platform: "linux/amd64",
        logFile: "/tmp/log",
      },
      false,
    );
    expect(argv).toEqual([
      "build",
      "--file",
      "/srv/ctx/Dockerfile",
      "--tag",
      "staging/demo:jvm",
      "--force-rm",
      "--build-arg",
      "MODE=jvm; rm -rf /",
      "--label",
      "org.staging.node=image:v1:jvm",
      "--platform",
      "linux/amd64",
      "--network",
      "host",
      "/srv/ctx",
    ]);
  });

  it("refuses a bad build-arg name or platform", () => {
    const base = { contextDir: ".", dockerfile: "Dockerfile", tag: "t:1", logFile: "/tmp/l" };
    expect(() => buildArgv({ ...base, buildArgs: { "A=B": "x" } }, false)).toThrow(
      /environment variable name/,
    );
    expect(() => buildArgv({ ...base, platform: "--x" }, false)).toThrow(/platform/);
  });
});

describe("cgroup peak files", () => {
  it("reads cgroup v1 (hybrid) paths", () => {
    const entries = parseProcCgroup(
      [
        "9:name=systemd:/docker/abc",
        "4:memory:/docker/abc",
        "1:cpu,cpuacct:/docker/abc",
        "0::/docker/abc",
        "",
      ].join("\n"),
    );
    expect(entries[1]).toEqual({ hierarchy: "4", controllers: ["memory"], path: "/docker/abc" });
    expect(peakCandidates(entries)).toEqual([
      "/sys/fs/cgroup/docker/abc/memory.peak",
      "/sys/fs/cgroup/unified/docker/abc/memory.peak",
      "/sys/fs/cgroup/memory/docker/abc/memory.max_usage_in_bytes",
    ]);
  });

  it("reads a pure cgroup v2 path", () => {
    const entries = parseProcCgroup("0::/system.slice/docker-abc.scope\n");
    expect(peakCandidates(entries)[0]).toBe("/sys/fs/cgroup/system.slice/docker-abc.scope/memory.peak");
  });

  it("has no candidates without a memory cgroup", () => {
    expect(peakCandidates(parseProcCgroup("1:cpu:/x\n"))).toEqual([]);
  });
});
