import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

const version = (slug: string, status: string, parent: string) =>
  `slug: ${slug}\nkind: generic-service\nstatus: ${status}\nparent: ${parent}\ncreated_at: '2026-02-22T18:24:42.185768Z'\n`;

describe("the prototype's --staging-root, wherever --workspace goes", () => {
  it("runs the prototype's own invocation: create-version --slug S --from none --staging-root DIR", () => {
    // As the prototype's smoke test sets it up: the staging root holds its test benchmark.
    const root = join(
      useTmpDir({
        "control-plane-staging/benchmark/benchmark.yaml":
          "function_profile: all\nplatform_modes:\n- jvm\n- native\nk6:\n  stages: 20s:20,20s:0\n",
      }),
      "control-plane-staging",
    );
    const created = runCli(["create-version", "--slug", "cand-a", "--from", "none", "--staging-root", root]);
    expect(created.code, created.stderr).toBe(0);
    expect(existsSync(join(root, "versions/cand-a/version.yaml"))).toBe(true);
    const before = runCli(["--staging-root", root, "versions", "--json"]);
    const after = runCli(["versions", "--json", `--staging-root=${root}`]);
    expect(before.code, before.stderr).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect((JSON.parse(after.stdout) as { workspace: string }).workspace).toBe(root);
  });

  it("refuses --staging-root and --workspace naming two folders", () => {
    const result = runCli(["--workspace", "/tmp/a", "versions", "--staging-root", "/tmp/b"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --staging-root and --workspace name different folders\n/);
  });

  it("says in --help that --staging-root is accepted", () => {
    expect(runCli(["--help"]).stdout).toContain("--staging-root");
  });
});

describe("parent: baseline, as the prototype wrote it", () => {
  function workspace(): string {
    return useTmpDir({
      "versions/base/version.yaml": version("base", "baseline", "none"),
      "versions/base/snapshot/app.txt": "v1\n",
      "versions/proto-child/version.yaml": version("proto-child", "staging", "baseline"),
      "versions/proto-child/snapshot/app.txt": "v2\n",
    });
  }

  it("reads and lists it as written, an origin outside the lineage", () => {
    const ws = workspace();
    const listed = runCli(["--workspace", ws, "versions", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = (
      JSON.parse(listed.stdout) as { versions: { slug: string; parent: string; origin: string }[] }
    ).versions;
    expect(rows.map((r) => [r.slug, r.parent, r.origin])).toEqual([
      ["base", "none", "none"],
      ["proto-child", "baseline", "opaque"],
    ]);
    expect(runCli(["--workspace", ws, "versions"]).stdout).toMatch(
      /^proto-child +staging +baseline +2026-02-22/m,
    );
  });

  it("keeps it through a rewrite, and a version made --from baseline now records the resolved slug", () => {
    const ws = workspace();
    expect(runCli(["--workspace", ws, "mark", "proto-child", "candidate"]).code).toBe(0);
    expect(readFileSync(join(ws, "versions/proto-child/version.yaml"), "utf8")).toContain(
      "parent: baseline\n",
    );
    expect(runCli(["--workspace", ws, "create-version", "next", "--from", "baseline"]).code).toBe(0);
    expect(readFileSync(join(ws, "versions/next/version.yaml"), "utf8")).toContain("parent: version:base\n");
  });

  it("says so in create-version --help", () => {
    expect(runCli(["create-version", "--help"]).stdout).toMatch(/parent: version:<the\s+baseline's\s+slug>/);
  });
});
