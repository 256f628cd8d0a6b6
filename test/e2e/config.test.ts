import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalise, REPO, runCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

const versionYaml = (slug: string) =>
  `slug: ${slug}\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n`;

const publicEntry = join(REPO, "src/public/index.ts");

function project(config: string): string {
  return useTmpDir({
    "staging.config.ts": config,
    "ws/versions/a/snapshot/f.txt": "a\n",
    "ws/versions/a/version.yaml": versionYaml("a"),
    "other/versions/b/snapshot/f.txt": "b\n",
    "other/versions/b/version.yaml": versionYaml("b"),
    "deep/inside/x": "",
  });
}

describe("staging.config.ts", () => {
  it("is loaded from TypeScript without a build step, found upward from the cwd", () => {
    const root = project(
      `import { defineConfig } from ${JSON.stringify(publicEntry)};\nconst ws: string = "ws";\nexport default defineConfig({ workspace: ws });\n`,
    );
    const result = runCli(["status", "--json"], { cwd: join(root, "deep/inside") });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      workspace: join(root, "ws"),
      nodes: [{ id: "fingerprint:a" }],
    });
  });

  it("is overridden by --config", () => {
    const root = project(`export default { workspace: "ws" };\n`);
    writeFileSync(join(root, "alt.config.ts"), `export default { workspace: "other" };\n`);
    const result = runCli(["--config", "alt.config.ts", "status", "--json"], { cwd: root });
    expect(JSON.parse(result.stdout)).toMatchObject({
      workspace: join(root, "other"),
      nodes: [{ id: "fingerprint:b" }],
    });
  });

  it("rejects an unknown field with the file, the field and the allowed names", () => {
    const root = project(`export default { workspace: "ws", wrkers: 3 };\n`);
    const result = runCli(["status"], { cwd: root });
    expect(result.code).toBe(2);
    expect(normalise(result.stderr, root)).toBe(
      [
        "error: Invalid configuration field wrkers",
        "  file:     <root>/staging.config.ts",
        "  field:    wrkers",
        "  expected: one of workspace, requiredModes, modes, targets, target, benchmark, builder, concurrency, pools, fsmonitor",
        '  got:      "wrkers"',
        "",
      ].join("\n"),
    );
  });

  it("says which field a misspelt one is likely to be", () => {
    const root = project(`export default { workspace: "ws", modse: {} };\n`);
    const result = runCli(["status"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: Invalid configuration field modse\n/);
    expect(result.stderr).toMatch(/\nhint: did you mean `modes`\?\n$/);
  });

  it("reports a config that does not evaluate, without a stack trace", () => {
    const root = project(`export default defineConfig({ workspace: "ws" });\n`);
    const result = runCli(["status"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: The config file could not be loaded\n {2}file: +.*staging\.config\.ts\n {2}error: +defineConfig is not defined\nhint: /,
    );
    expect(result.stderr).not.toContain("    at ");
  });

  it("works with --workspace and no config file at all, with the seed's jvm and native builds", () => {
    const root = useTmpDir({ "versions/x/snapshot/f": "x", "versions/x/version.yaml": versionYaml("x") });
    mkdirSync(join(root, "cwd"));
    const result = runCli(["--workspace", root, "status", "--json"], { cwd: join(root, "cwd") });
    expect(JSON.parse(result.stdout)).toMatchObject({
      nodes: [
        { id: "fingerprint:x", state: "never run" },
        { id: "image:x:jvm", state: "never run" },
        { id: "image:x:native", state: "never run" },
      ],
    });
  });

  it("says how to start when there is neither a config nor a workspace", () => {
    const root = useTmpDir();
    const result = runCli(["status"], { cwd: root, env: { STAGING_WORKSPACE: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "hint: pass --workspace DIR (or set STAGING_WORKSPACE), or create a staging.config.ts",
    );
  });
});
