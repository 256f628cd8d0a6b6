import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { useTmpDir } from "../../helpers/useTmpDir.js";
import { sshd } from "./ssh/sshFixture.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SCRIPT = join(root, "scripts/e2e-k3s-helm.sh");

/** Stand-ins for docker, helm, kubectl (and multipass) that record their argv and KUBECONFIG. */
function fakeTools(dir: string, names: string[]): { bin: string; calls: () => string[] } {
  const bin = join(dir, "bin");
  const log = join(dir, "calls.log");
  mkdirSync(bin, { recursive: true });
  for (const name of names) {
    const file = join(bin, name);
    writeFileSync(
      file,
      [
        "#!/bin/sh",
        `{ printf '%s' ${name}; for a in "$@"; do printf ' <%s>' "$a"; done; printf ' KUBECONFIG=%s\\n' "\${KUBECONFIG:-}"; } >> '${log}'`,
        'case "$*" in *jsonpath*) printf 30080 ;; *"info staging-vm --format json"*) cat "$(dirname "$0")/info.json" ;; esac',
      ].join("\n"),
    );
    chmodSync(file, 0o755);
  }
  return { bin, calls: () => readFileSync(log, "utf8").trim().split("\n") };
}

function run(args: string[], env: Record<string, string>) {
  return spawnSync("bash", [SCRIPT, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe.skipIf(!sshd)("scripts/e2e-k3s-helm.sh over SSH (external lifecycle)", () => {
  const s = sshd!;
  const sshEnv = (dir: string, bin: string) => ({
    E2E_SSH_HOST: s.host,
    E2E_SSH_PORT: String(s.port),
    E2E_SSH_USER: s.user,
    E2E_SSH_IDENTITY: s.identity,
    E2E_KNOWN_HOSTS: s.knownHosts,
    E2E_REMOTE_PROJECT_DIR: join(dir, "project dir"),
    E2E_REMOTE_PATH_PREFIX: bin,
  });

  it("builds from the version root, pushes, deploys as NodePort with the k3s kubeconfig and waits", () => {
    const dir = useTmpDir({ "project dir/versions/v1/snapshot/Dockerfile.native": "FROM scratch\n" });
    const tools = fakeTools(dir, ["docker", "helm", "kubectl"]);
    const result = run(["v1", "native"], { ...sshEnv(dir, tools.bin), E2E_VM_LIFECYCLE: "external" });
    expect(result.stderr).toContain("VM lifecycle: external");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`E2E_URL=http://${s.host}:30080\n`);
    const snap = join(dir, "project dir/versions/v1/snapshot");
    const calls = tools.calls();
    expect(calls[0]).toBe(
      `docker <build> <-t> <localhost:5000/staging-service:v1-native> <-f> <${snap}/Dockerfile.native> <--build-arg> <MODE=native> ` +
        `<--label> <staging.version=v1> <--label> <staging.mode=native> <${snap}> KUBECONFIG=`,
    );
    expect(calls[1]).toBe("docker <push> <localhost:5000/staging-service:v1-native> KUBECONFIG=");
    expect(calls[2]).toContain(`helm <upgrade> <--install> <staging-v1-native> <${snap}/deploy/helm>`);
    expect(calls[2]).toContain(
      "<--set> <image.repository=localhost:5000/staging-service> <--set> <image.tag=v1-native>",
    );
    expect(calls[2]).toContain("<--set> <service.type=NodePort>");
    expect(calls[2]).toMatch(/KUBECONFIG=\/etc\/rancher\/k3s\/k3s.yaml$/);
    expect(calls[3]).toMatch(
      /^kubectl <--namespace> <staging> <rollout> <status> <deployment> <--selector> <app.kubernetes.io\/instance=staging-v1-native>/,
    );
  });

  it("uses the VM's KUBECONFIG override and the plain Dockerfile when there is no per-mode one", () => {
    const dir = useTmpDir({ "project dir/versions/v2/snapshot/Dockerfile": "FROM scratch\n" });
    const tools = fakeTools(dir, ["docker", "helm", "kubectl"]);
    const result = run(["v2", "jvm"], {
      ...sshEnv(dir, tools.bin),
      E2E_REMOTE_KUBECONFIG: "/srv/kube/it's config",
    });
    expect(result.status).toBe(0);
    const calls = tools.calls();
    expect(calls[0]).toContain(`<-f> <${join(dir, "project dir/versions/v2/snapshot")}/Dockerfile>`);
    expect(calls[2]).toMatch(/KUBECONFIG=\/srv\/kube\/it's config$/);
  });

  it("--check stops before building; a missing snapshot names the version root", () => {
    const dir = useTmpDir({ "project dir/versions/v1/snapshot/Dockerfile": "" });
    const tools = fakeTools(dir, ["docker", "helm", "kubectl"]);
    const check = run(["--check", "v1", "jvm"], sshEnv(dir, tools.bin));
    expect(check.status).toBe(0);
    expect(check.stderr).toContain("check passed");
    const missing = run(["v9", "jvm"], sshEnv(dir, tools.bin));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(
      `no snapshot of version v9 on the VM at ${join(dir, "project dir/versions/v9/snapshot")}`,
    );
  });

  it("refuses an unknown host key (BatchMode, StrictHostKeyChecking=yes)", () => {
    const dir = useTmpDir({ known_hosts: "" });
    const tools = fakeTools(dir, ["docker", "helm", "kubectl"]);
    const result = run(["--check", "v1", "jvm"], {
      ...sshEnv(dir, tools.bin),
      E2E_KNOWN_HOSTS: join(dir, "known_hosts"),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot run commands on .* over SSH \(external lifecycle\)/);
    expect(result.stderr).toMatch(/Host key verification failed/);
  });

  it("multipass lifecycle: reads the address from multipass info, then works over SSH only", () => {
    const dir = useTmpDir({ "project dir/versions/v1/snapshot/Dockerfile": "" });
    const tools = fakeTools(dir, ["docker", "helm", "kubectl", "multipass"]);
    writeFileSync(
      join(tools.bin, "info.json"),
      JSON.stringify({ errors: [], info: { "staging-vm": { state: "Running", ipv4: [s.host] } } }),
    );
    const env = {
      ...sshEnv(dir, tools.bin),
      E2E_VM_LIFECYCLE: "multipass",
      E2E_SSH_HOST: "",
      PATH: `${tools.bin}:${process.env.PATH ?? ""}`,
    };
    const result = run(["--check", "v1", "jvm"], { ...env, E2E_STATE_DIR: join(dir, "state") });
    expect(result.stderr).toContain("VM lifecycle: multipass");
    expect(result.status).toBe(0);
    const multipass = tools.calls().filter((c) => c.startsWith("multipass"));
    expect(multipass).toEqual(["multipass <info> <staging-vm> <--format> <json> KUBECONFIG="]);
  });
});
