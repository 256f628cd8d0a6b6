import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

const versionYaml = (slug: string) =>
  `slug: ${slug}\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n`;

/** A build that concatenates the snapshot into {out}/app.txt with a mode banner: real files, real process. */
const copyScript =
  "const fs=require('fs');const [src,out,mode]=process.argv.slice(1);fs.writeFileSync(out+'/app.txt',mode+':'+fs.readFileSync(src+'/main.txt','utf8'))";

function workspace(extraConfig = ""): string {
  return useTmpDir({
    "staging.config.ts": `export default {
  workspace: ".",
  modes: {
    fast: { build: { command: [process.execPath, "-e", ${JSON.stringify(copyScript)}, "{snapshot}", "{out}", "fast"] } },
    slow: { build: { command: [process.execPath, "-e", ${JSON.stringify(copyScript)}, "{snapshot}", "{out}", "slow"] } },
    ${extraConfig}
  },
};\n`,
    "versions/app/version.yaml": versionYaml("app"),
    "versions/app/snapshot/main.txt": "v1\n",
  });
}

function build(
  ws: string,
  ...args: string[]
): { code: number; rows: { mode: string; status: string; reason: string }[]; stderr: string } {
  const r = runCli(["build-images", "app", "--json", ...args], { cwd: ws });
  return {
    code: r.code,
    stderr: r.stderr,
    rows:
      r.code === 0 || r.code === 1
        ? (JSON.parse(r.stdout) as { images: { mode: string; status: string; reason: string }[] }).images
        : [],
  };
}

const statuses = (rows: { mode: string; status: string }[]) =>
  Object.fromEntries(rows.map((r) => [r.mode, r.status]));

describe("image nodes with the artifact builder (no Docker)", () => {
  it("builds each mode once, then hits the cache", () => {
    const ws = workspace();
    expect(statuses(build(ws).rows)).toEqual({ fast: "executed", slow: "executed" });
    expect(build(ws).rows.map((r) => r.reason)).toEqual(["cache-hit", "cache-hit"]);
    const manifest = JSON.parse(readFileSync(join(ws, "versions/app/images/manifest.json"), "utf8")) as {
      modes: Record<string, { image_id: string; kind: string }>;
    };
    expect(Object.keys(manifest.modes)).toEqual(["fast", "slow"]);
    expect(
      readFileSync(join(ws, ".staging/artifacts", manifest.modes.fast!.image_id, "app.txt"), "utf8"),
    ).toBe("fast:v1\n");
  });

  it("rebuilds every mode after a snapshot edit, naming the reason in the prototype's words", () => {
    const ws = workspace();
    build(ws);
    writeFileSync(join(ws, "versions/app/snapshot/main.txt"), "v2\n");
    const dry = build(ws, "--dry-run").rows;
    expect(dry.map((r) => r.reason)).toEqual(
      Array(2).fill(
        "snapshot-fingerprint-mismatch (files changed: snapshot/main.txt; upstream changed: fingerprint:app)",
      ),
    );
    const real = build(ws).rows;
    expect(statuses(real)).toEqual({ fast: "executed", slow: "executed" });
    // A dry run evaluates the fingerprint in memory, so it gives the real run's reasons.
    expect(real.map((r) => r.reason)).toEqual(dry.map((r) => r.reason));
  });

  it("rebuilds only the mode whose recipe changed", () => {
    const ws = workspace();
    build(ws);
    const config = readFileSync(join(ws, "staging.config.ts"), "utf8");
    writeFileSync(join(ws, "staging.config.ts"), config.replace(`"{out}", "slow"]`, `"{out}", "slower"]`));
    const rows = build(ws).rows;
    expect(statuses(rows)).toEqual({ fast: "up-to-date", slow: "executed" });
    expect(rows[1]?.reason).toBe("build-fingerprint-mismatch (value changed: recipe)");
  });

  it("forces all modes, or one", () => {
    const ws = workspace();
    build(ws);
    expect(
      build(ws, "--force-rebuild-mode", "slow").rows.map((r) => `${r.mode} ${r.status} ${r.reason}`),
    ).toEqual(["fast up-to-date cache-hit", "slow executed forced-mode (forced)"]);
    expect(statuses(build(ws, "--force-rebuild-images").rows)).toEqual({
      fast: "executed",
      slow: "executed",
    });
    expect(statuses(build(ws, "--mode", "fast", "--force-rebuild-images").rows)).toEqual({
      fast: "executed",
    });
  });

  it("rebuilds an artifact deleted by hand (live check)", () => {
    const ws = workspace();
    build(ws);
    rmSync(join(ws, ".staging/artifacts"), { recursive: true });
    const rows = build(ws).rows;
    expect(rows.map((r) => r.reason)).toEqual([
      "artifact-missing (live check: artifact-missing)",
      "artifact-missing (live check: artifact-missing)",
    ]);
  });

  it("rebuilds an artifact changed by hand (echo x >> app.txt), and files the rebuilt content again", () => {
    const ws = workspace();
    build(ws);
    const dirs = readdirSync(join(ws, ".staging/artifacts"));
    const fast = dirs.find((d) =>
      readFileSync(join(ws, ".staging/artifacts", d, "app.txt"), "utf8").startsWith("fast"),
    )!;
    appendFileSync(join(ws, ".staging/artifacts", fast, "app.txt"), "x\n");
    expect(build(ws).rows.map((r) => `${r.mode} ${r.reason}`)).toEqual([
      "fast artifact-changed (live check: artifact-changed)",
      "slow cache-hit",
    ]);
    expect(readFileSync(join(ws, ".staging/artifacts", fast, "app.txt"), "utf8")).toBe("fast:v1\n");
    expect(build(ws).rows.map((r) => r.reason)).toEqual(["cache-hit", "cache-hit"]);
  });

  it("records nothing for a failing build and shows its log's last lines and path", () => {
    const ws = workspace(
      `broken: { build: { command: [process.execPath, "-e", "console.error('compiler says: no'); process.exit(3)"], hint: "install the compiler" } },`,
    );
    const result = runCli(["build-images", "app", "--mode", "broken"], { cwd: ws });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("error: The broken build of app failed: exit code 3");
    expect(result.stderr).toMatch(/log: +.*\.staging\/logs\/image%3Aapp%3Abroken\.log/);
    expect(result.stderr).toContain("compiler says: no");
    expect(result.stderr).toContain("hint: install the compiler");
    const again = runCli(["build-images", "app", "--mode", "broken", "--dry-run", "--json"], { cwd: ws });
    expect((JSON.parse(again.stdout) as { images: { status: string }[] }).images[0]?.status).toBe(
      "would-run",
    );
  });

  it("says how to get a build tool that is missing", () => {
    const ws = workspace(
      `gone: { build: { command: ["/nonexistent/bun", "build"], hint: "bun comes with npm ci" } },`,
    );
    const result = runCli(["build-images", "app", "--mode", "gone"], { cwd: ws });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("hint: bun comes with npm ci");
  });
});

describe("the demo's modes build for real", () => {
  it("builds the benchmark's modes by default, and a mode the benchmark does not run when asked", () => {
    const ws = useTmpDir({});
    const modes = (...extra: string[]) => {
      const result = runCli(
        [
          "--workspace",
          join(REPO, "experiments/demo"),
          "--config",
          join(REPO, "staging.config.ts"),
          "build-images",
          "baseline",
          "--json",
          "--dry-run",
          ...extra,
        ],
        { cwd: ws },
      );
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { images: { mode: string }[] }).images.map((r) => r.mode);
    };
    expect(modes()).toEqual(["bun", "node"]);
    expect(modes("--mode", "jvm")).toEqual(["jvm"]);
  });
});
