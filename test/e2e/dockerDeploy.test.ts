import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../helpers/cli.js";
import { demoWorkspace } from "../helpers/demoWorkspace.js";
import { dockerAvailable } from "../helpers/docker.js";
import { requireOrSkip } from "../helpers/integration.js";
import { testSshd } from "../helpers/sshd.js";

const docker = requireOrSkip(dockerAvailable(), "dockerd");

/** The demo with the docker builder: images from docker/node.Dockerfile on the local base image. */
function dockerWorkspace(): string {
  const ws = demoWorkspace({ runs: 1 });
  cpSync(join(REPO, "experiments/demo/docker"), join(ws, "docker"), { recursive: true });
  const config = join(ws, "staging.config.ts");
  writeFileSync(
    config,
    readFileSync(config, "utf8").replace('target: "local",', 'target: "local",\n  builder: "docker",'),
  );
  return ws;
}

interface Status {
  nodes: { id: string; state: string; reason: string }[];
  running: { version: string; mode: string; driver: string; url: string; container: string | null }[];
}

function containers(label: string): string[] {
  return execFileSync("docker", ["ps", "-a", "-q", "--filter", `label=${label}`], { encoding: "utf8" })
    .trim()
    .split("\n")
    .filter(Boolean);
}

describe.runIf(docker)("deploying the demo in Docker", () => {
  const cases: [string, () => string[] | undefined][] = [
    ["on this machine", () => []],
    [
      "on an SSH target (the loopback sshd, docker on the same machine)",
      () => {
        const sshd = testSshd();
        if (!requireOrSkip(sshd !== undefined, "the test sshd")) return undefined;
        return ["--target", sshd!.url, "--identity", sshd!.identity, "--known-hosts", sshd!.knownHosts];
      },
    ],
  ];
  it.each(cases)(
    "deploys, is redeployed after docker rm -f, and down leaves no container (%s)",
    (_name, flags) => {
      const target = flags();
      if (target === undefined) return;
      const ws = dockerWorkspace();
      const env = { E2E_REMOTE_PROJECT_DIR: join(ws, "remote-project") };
      const cli = (...args: string[]) => runCli([...target, ...args], { cwd: ws, env });
      const first = cli("make", "deploy:candidate:node", "--json");
      expect(first.code, first.stderr).toBe(0);
      expect((JSON.parse(first.stdout) as { executed: string[] }).executed).toContain(
        "deploy:candidate:node",
      );
      const status = JSON.parse(cli("status", "--json").stdout) as Status;
      const running = status.running.find((r) => r.version === "candidate" && r.mode === "node")!;
      expect(running.driver).toBe("docker");
      const health = execFileSync("curl", ["-s", `${running.url}/health`], { encoding: "utf8" });
      expect(JSON.parse(health)).toMatchObject({ version: "candidate", mode: "node" });
      execFileSync("docker", ["rm", "-f", running.container!]);
      const stale = (JSON.parse(cli("status", "--json").stdout) as Status).nodes.find(
        (n) => n.id === "deploy:candidate:node",
      )!;
      expect(stale.state).toBe("stale");
      expect(stale.reason).toMatch(/^live check: /);
      const again = cli("make", "deploy:candidate:node", "--json");
      expect((JSON.parse(again.stdout) as { executed: string[] }).executed).toEqual([
        "deploy:candidate:node",
      ]);
      const workspaceLabel = execFileSync(
        "docker",
        [
          "inspect",
          "--format",
          '{{index .Config.Labels "staging.workspace"}}',
          (JSON.parse(cli("status", "--json").stdout) as Status).running[0]!.container!,
        ],
        { encoding: "utf8" },
      ).trim();
      expect(cli("down").code).toBe(0);
      expect(containers(`staging.workspace=${workspaceLabel}`)).toEqual([]);
      const manifest = JSON.parse(
        readFileSync(join(ws, "versions/candidate/images/manifest.json"), "utf8"),
      ) as { modes: Record<string, { image_ref: string }> };
      execFileSync("docker", ["rmi", "-f", ...Object.values(manifest.modes).map((m) => m.image_ref)]);
    },
    180_000,
  );
});

describe.runIf(docker)("measuring through an SSH target", () => {
  it("deploys in Docker there and drives load through an SSH port forward, with every metric measured", () => {
    const sshd = testSshd();
    if (!requireOrSkip(sshd !== undefined, "the test sshd")) return;
    const ws = dockerWorkspace();
    const flags = ["--target", sshd!.url, "--identity", sshd!.identity, "--known-hosts", sshd!.knownHosts];
    const result = runCli([...flags, "measure", "candidate", "--json"], {
      cwd: ws,
      env: { E2E_REMOTE_PROJECT_DIR: join(ws, "remote-project") },
    });
    expect(result.code, result.stderr).toBe(0);
    const [cell] = JSON.parse(result.stdout) as {
      valid: boolean;
      metrics: Record<string, number | null>;
      invalid_reasons: string[];
    }[];
    expect(cell!.invalid_reasons).toEqual([]);
    for (const m of ["p95", "throughput", "heap_peak", "gc_pause", "rss_peak"])
      expect(typeof cell!.metrics[m], m).toBe("number");
    const manifest = JSON.parse(
      readFileSync(join(ws, "versions/candidate/images/manifest.json"), "utf8"),
    ) as { modes: Record<string, { image_ref: string }> };
    execFileSync("docker", ["rmi", "-f", ...Object.values(manifest.modes).map((m) => m.image_ref)]);
  }, 180_000);
});
