import { describe, expect, it } from "vitest";
import { StagingError } from "../../../src/errors/StagingError.js";
import { checkTarget } from "../../../src/targets/checkTarget.js";
import { formatTargetCheck } from "../../../src/targets/formatTargetCheck.js";
import { parseToolVersion, probeTools } from "../../../src/targets/probeTools.js";
import type { CommandResult, Target, TargetIdentity } from "../../../src/targets/Target.js";

function fakeTarget(identity: () => Promise<TargetIdentity>): Target {
  return {
    name: "ssh://ci@127.0.0.1:2222",
    kind: "ssh",
    run: () => Promise.reject(new Error("unused")),
    uploadTree: () => Promise.resolve(),
    readFile: () => Promise.resolve(""),
    writeFile: () => Promise.resolve(),
    identity,
    home: () => Promise.resolve("/home/ci"),
    close: () => Promise.resolve(),
  };
}

const clock = () => {
  let t = 1000;
  return () => (t += 400);
};

describe("checkTarget", () => {
  it("reports identity, home and missing tools of a reachable target", async () => {
    const identity: TargetIdentity = {
      kind: "ssh",
      id: "SHA256:abc",
      os: "Linux",
      arch: "x86_64",
      tools: { docker: "24.0.7", helm: "3.14.0+g3fc9f4b" },
    };
    const report = await checkTarget(
      fakeTarget(() => Promise.resolve(identity)),
      { lifecycle: "external", now: clock() },
    );
    expect(report).toEqual({
      target: "ssh://ci@127.0.0.1:2222",
      lifecycle: "external",
      ok: true,
      elapsedMs: 400,
      identity,
      home: "/home/ci",
      missingTools: ["k6", "kubectl", "node", "bun"],
    });
    expect(formatTargetCheck(report)).toBe(
      [
        "target ssh://ci@127.0.0.1:2222: reachable (0.4 s)",
        "  lifecycle: external",
        "  id:        SHA256:abc",
        "  system:    Linux x86_64",
        "  home:      /home/ci",
        "  docker:    24.0.7",
        "  k6:        not found",
        "  helm:      3.14.0+g3fc9f4b",
        "  kubectl:   not found",
        "  node:      not found",
        "  bun:       not found",
      ].join("\n"),
    );
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("turns a user error into an unreachable report with the error's facts and hint", async () => {
    const refused = new StagingError("host key of x is not in known_hosts", {
      code: "E_SSH_HOSTKEY_UNKNOWN",
      facts: { fingerprint: "SHA256:zzz", "line to add": "[h]:22 ssh-ed25519 AAAA" },
      hint: "check the fingerprint",
    });
    const report = await checkTarget(
      fakeTarget(() => Promise.reject(refused)),
      { now: clock() },
    );
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe("E_SSH_HOSTKEY_UNKNOWN");
    const text = formatTargetCheck(report);
    expect(text).toMatch(/^target ssh:\/\/ci@127.0.0.1:2222: NOT reachable \(0.4 s\)/);
    expect(text).toContain("error: host key of x is not in known_hosts");
    expect(text).toContain("line to add: [h]:22 ssh-ed25519 AAAA");
    expect(text).toContain("hint: check the fingerprint");
  });

  it("lets bugs through", async () => {
    await expect(checkTarget(fakeTarget(() => Promise.reject(new TypeError("bug"))))).rejects.toThrow(
      TypeError,
    );
  });
});

describe("tool versions", () => {
  it("parses the version out of each tool's output", () => {
    expect(parseToolVersion("Docker version 24.0.7, build afdd53b")).toBe("24.0.7");
    expect(parseToolVersion("k6 v0.49.0 (go1.21.6, linux/amd64)")).toBe("0.49.0");
    expect(parseToolVersion("v3.14.0+g3fc9f4b")).toBe("3.14.0+g3fc9f4b");
    expect(parseToolVersion("Client Version: v1.29.1\nKustomize Version: v5.0.4")).toBe("1.29.1");
    expect(parseToolVersion("v20.11.1")).toBe("20.11.1");
    expect(parseToolVersion("1.1.3")).toBe("1.1.3");
    expect(parseToolVersion("no version")).toBeUndefined();
  });

  it("leaves out missing, failing and hanging tools; a broken target still rejects", async () => {
    const answers: Record<string, Promise<CommandResult>> = {
      docker: Promise.resolve({ exitCode: 0, stdout: "Docker version 25.0.1, build x", stderr: "" }),
      k6: Promise.reject(new StagingError("program not found", { code: "E_TARGET_NOT_FOUND" })),
      helm: Promise.resolve({ exitCode: 1, stdout: "", stderr: "boom" }),
      kubectl: Promise.reject(new StagingError("timed out", { code: "E_TARGET_TIMEOUT" })),
      node: Promise.resolve({ exitCode: 0, stdout: "v20.1.0\n", stderr: "" }),
      bun: Promise.resolve({ exitCode: 127, stdout: "", stderr: "" }),
    };
    for (const p of Object.values(answers)) p.catch(() => undefined);
    const target = {
      run: (argv: readonly string[]) => answers[argv[0] ?? ""] ?? Promise.reject(new Error("?")),
    };
    expect(await probeTools(target)).toEqual({ docker: "25.0.1", node: "20.1.0" });
    const dropped = { run: () => Promise.reject(new StagingError("dropped", { code: "E_SSH_DROPPED" })) };
    await expect(probeTools(dropped)).rejects.toThrow("dropped");
  });
});
