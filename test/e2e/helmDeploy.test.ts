import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exited, REPO, runCli, startCli } from "../helpers/cli.js";
import { demoWorkspace } from "../helpers/demoWorkspace.js";
import { requireOrSkip } from "../helpers/integration.js";
import { testSshd } from "../helpers/sshd.js";

describe("the helm deploy driver from staging.config.ts", () => {
  it("uploads the snapshot, runs the seed's script over SSH, and checks the service it reports", async () => {
    const sshd = testSshd();
    if (!requireOrSkip(sshd !== undefined, "the test sshd")) return;
    const ws = demoWorkspace({ runs: 1 });
    const configFile = join(ws, "staging.config.ts");
    const target = `targets: { vm: { url: ${JSON.stringify(sshd!.url)}, identity: ${JSON.stringify(sshd!.identity)}, knownHosts: ${JSON.stringify(sshd!.knownHosts)} } },\n  target: "vm",`;
    writeFileSync(
      configFile,
      readFileSync(configFile, "utf8")
        .replace(
          'deploy: { command: ["node", "{artifact}/service.mjs"] },',
          'deploy: { command: ["node", "{artifact}/service.mjs"], driver: "helm" },',
        )
        .replace('target: "local",', target),
    );
    expect(readFileSync(configFile, "utf8")).toContain('driver: "helm"');
    // Stand-ins for the VM's docker, helm and kubectl (kubectl reports the NodePort of our server).
    const bin = join(ws, "vm-bin");
    mkdirSync(bin);
    for (const tool of ["docker", "helm", "kubectl"]) {
      copyFileSync(join(REPO, "test/fixtures/helm-standins", tool), join(bin, tool));
      chmodSync(join(bin, tool), 0o755);
    }
    const env = {
      E2E_REMOTE_PATH_PREFIX: bin,
      E2E_REMOTE_PROJECT_DIR: join(ws, "remote"),
      E2E_ROLLOUT_TIMEOUT: "30s",
    };
    expect(runCli(["build-images", "candidate", "--mode", "node"], { cwd: ws, env }).code).toBe(0);
    const manifest = JSON.parse(
      readFileSync(join(ws, "versions/candidate/images/manifest.json"), "utf8"),
    ) as { modes: { node: { build_fingerprint: string } } };
    const server = createServer((_req, res) =>
      res.end(JSON.stringify({ status: "ok", build_fingerprint: manifest.modes.node.build_fingerprint })),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    writeFileSync(join(bin, "nodeport"), `${(server.address() as AddressInfo).port}\n`);
    try {
      // Asynchronously: the test's own server must answer /health while the make runs.
      const made = await exited(startCli(["make", "deploy:candidate:node", "--json"], { cwd: ws, env }));
      expect(made.code, made.stderr).toBe(0);
      expect((JSON.parse(made.stdout) as { executed: string[] }).executed).toContain("deploy:candidate:node");
      expect(existsSync(join(ws, "remote/versions/candidate/snapshot/src/main.ts"))).toBe(true);
      const calls = readFileSync(join(bin, "calls.log"), "utf8");
      expect(calls).toMatch(/helm upgrade --install staging-candidate-node /);
      const status = JSON.parse((await exited(startCli(["status", "--json"], { cwd: ws, env }))).stdout) as {
        nodes: { id: string; state: string }[];
      };
      expect(status.nodes.find((n) => n.id === "deploy:candidate:node")?.state).toBe("up to date");
      const down = await exited(startCli(["down", "candidate"], { cwd: ws, env }));
      expect(down.code, down.stderr).toBe(0);
      expect(down.stdout).toContain("stopped candidate:node (helm");
      expect(readFileSync(join(bin, "uninstalled"), "utf8")).toContain("staging-candidate-node");
    } finally {
      await new Promise((r) => server.close(r));
    }
    const gone = JSON.parse(runCli(["status", "--json"], { cwd: ws, env }).stdout) as {
      nodes: { id: string; state: string; reason: string }[];
    };
    expect(gone.nodes.find((n) => n.id === "deploy:candidate:node")).toMatchObject({ state: "stale" });
  }, 120_000);
});
