import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { requireOrSkip } from "../../helpers/integration.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SCRIPTS = [
  "scripts/e2e-k3s-helm.sh",
  "scripts/lib/e2e-k3s-common.sh",
  ...readdirSync(join(root, "scripts/ci"))
    .filter((f) => f.endsWith(".sh"))
    .sort()
    .map((f) => `scripts/ci/${f}`),
];
const hasShellcheck = spawnSync("shellcheck", ["--version"]).status === 0;

describe("e2e and CI shell scripts", () => {
  for (const script of SCRIPTS) {
    it(`${script} parses (bash -n)`, () => {
      const result = spawnSync("bash", ["-n", join(root, script)], { encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    });
  }

  it.skipIf(!requireOrSkip(hasShellcheck, "shellcheck (apt-get install shellcheck)"))(
    "are shellcheck clean",
    () => {
      const result = spawnSync("shellcheck", ["-x", ...SCRIPTS], { cwd: root, encoding: "utf8" });
      expect(result.stdout).toBe("");
      expect(result.status).toBe(0);
    },
  );

  it("run remote commands over ssh with BatchMode and strict host key checking only", () => {
    const lib = readFileSync(join(root, "scripts/lib/e2e-k3s-common.sh"), "utf8");
    expect(lib).toContain("BatchMode=yes");
    expect(lib).toContain("StrictHostKeyChecking=yes");
    expect(lib).toContain("UserKnownHostsFile=");
    expect(lib).not.toMatch(/StrictHostKeyChecking=(no|accept-new)/);
  });

  it("never hard-code a kubeconfig path of one user, and root remote paths in E2E_REMOTE_PROJECT_DIR", () => {
    const text = SCRIPTS.map((s) => readFileSync(join(root, s), "utf8")).join("\n");
    expect(text).not.toContain("/home/ubuntu");
    expect(text).toContain("/etc/rancher/k3s/k3s.yaml");
    expect(text).toContain('"$E2E_REMOTE_PROJECT_DIR" "$1"');
  });

  it("nowhere use or recommend `multipass exec` or `multipass shell` (scripts and docs)", () => {
    const docs = ["docs/e2e-tutorial.md", "docs/testing.md"];
    const files = [
      ...SCRIPTS,
      ...docs,
      ...readdirSync(join(root, "scripts"))
        .filter((f) => f.endsWith(".sh"))
        .map((f) => `scripts/${f}`),
    ];
    for (const file of files) {
      const text = readFileSync(join(root, file), "utf8");
      expect(text, file).not.toMatch(/multipass\s+(exec|shell)\b/);
    }
  });
});
