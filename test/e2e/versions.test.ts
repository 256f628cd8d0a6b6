import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { normalise, REPO, runCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";
import { treeState } from "../integration/staging/versions/helpers.js";

/** The user's files (the store under .staging/ is the tool's own). */
async function treeDigest(root: string): Promise<string> {
  const state = await treeState(root);
  return JSON.stringify(Object.entries(state).filter(([path]) => !path.startsWith(".staging")));
}

function compatWorkspace(): string {
  const root = useTmpDir();
  cpSync(join(REPO, "test/fixtures/workspaces/control-plane-compat"), root, { recursive: true });
  return root;
}

function demoLike(): string {
  const root = useTmpDir({
    "versions/base/version.yaml":
      "slug: base\nkind: generic-service\nstatus: baseline\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n",
    "versions/base/hypothesis.md": "# Hypothesis\n",
    "versions/base/snapshot/src/main.ts": "console.log(1)\n",
    "versions/base/images": null,
  });
  return root;
}

describe("staging versions on a workspace written by the old prototype", () => {
  it("lists both versions as found, with outside and opaque parents, without changing a file", async () => {
    const ws = compatWorkspace();
    const before = await treeDigest(ws);
    const result = runCli(["--workspace", ws, "versions", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const { versions } = JSON.parse(result.stdout) as {
      versions: { slug: string; status: string; origin: string; fingerprint: string }[];
    };
    expect(versions.map((v) => [v.slug, v.status, v.origin])).toEqual([
      ["control-plane-rust-m3-axum-port-20260222-200159", "staging", "outside"],
      ["cp-java-g1-20260222-182442", "staging", "opaque"],
    ]);
    expect(versions.every((v) => /^[0-9a-f]{64}$/.test(v.fingerprint))).toBe(true);
    expect(await treeDigest(ws)).toBe(before);
  });

  it("refuses --from baseline when there is none, saying how to set the first one", () => {
    const ws = compatWorkspace();
    const result = runCli(["--workspace", ws, "create-version", "new-one", "--from", "baseline"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: No baseline version found\n/);
    expect(result.stderr).toContain("staging set-baseline");
  });
});

describe("creating and marking versions from the command line", () => {
  it("creates from the baseline with the old --slug spelling, then marks it a candidate", () => {
    const ws = demoLike();
    const created = runCli([
      "--workspace",
      ws,
      "create-version",
      "--slug",
      "faster-io",
      "--from",
      "baseline",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const yaml = readFileSync(join(ws, "versions/faster-io/version.yaml"), "utf8");
    expect(yaml).toMatch(
      /^# yaml-language-server: \$schema=\S+\nslug: faster-io\nkind: generic-service\nstatus: staging\nparent: version:base\ncreated_at: '?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'?\n/,
    );
    // The schema line names staging's own schema, relative to the file, for editors.
    const schema = /\$schema=(\S+)/.exec(yaml)![1]!;
    expect(resolve(ws, "versions/faster-io", schema)).toBe(join(REPO, "schemas/version.schema.json"));
    expect(readFileSync(join(ws, "versions/faster-io/snapshot/src/main.ts"), "utf8")).toBe(
      "console.log(1)\n",
    );
    expect(readFileSync(join(ws, "versions/faster-io/hypothesis.md"), "utf8")).toMatch(
      /# Hypothesis[\s\S]*## Context[\s\S]*version:base|base/,
    );
    expect(runCli(["--workspace", ws, "mark", "faster-io", "candidate"]).stdout).toBe(
      "faster-io: candidate\n",
    );
    expect(readFileSync(join(ws, "versions/faster-io/version.yaml"), "utf8")).toContain("status: candidate");
  });

  it("sets the first baseline once and refuses a second", () => {
    const ws = compatWorkspace();
    expect(runCli(["--workspace", ws, "set-baseline", "cp-java-g1-20260222-182442"]).code).toBe(0);
    const again = runCli([
      "--workspace",
      ws,
      "set-baseline",
      "control-plane-rust-m3-axum-port-20260222-200159",
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^error: /);
  });
});

describe("a typo in version.yaml", () => {
  it("is kept as written, with a warning that names the file, the line and the known key", async () => {
    const ws = demoLike();
    const file = join(ws, "versions/base/version.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}statsu: candidate\nowner: perf-team\n`);
    const before = await treeDigest(ws);
    const listed = runCli(["--workspace", ws, "versions"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(normalise(listed.stderr, ws)).toBe(
      "warning: <root>/versions/base/version.yaml:6: `statsu` is not a field staging knows; did you mean `status`? (kept as written)\n",
    );
    expect(await treeDigest(ws)).toBe(before);
  });

  it("that hides a required field is named in the error's hint", () => {
    const ws = demoLike();
    const file = join(ws, "versions/base/version.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("status:", "statsu:"));
    const result = runCli(["--workspace", ws, "versions"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: Missing field `status` in version.yaml\n/);
    expect(result.stderr).toContain("hint: `statsu` is there: did you mean `status`?");
  });
});

describe("bad input exits 2 with a clear message and changes nothing", () => {
  const cases: [string, string[], RegExp][] = [
    ["a path trick as slug", ["create-version", "../x", "--from", "none"], /slug/i],
    ["a slug with a space", ["create-version", "a b", "--from", "none"], /slug/i],
    ["a command substitution", ["create-version", "$(id)", "--from", "none"], /slug/i],
    ["quotes", ["create-version", "'q'\"", "--from", "none"], /slug/i],
    ["uppercase", ["create-version", "Upper", "--from", "none"], /slug/i],
    ["an empty slug", ["create-version", "", "--from", "none"], /slug/i],
    ["a newline", ["create-version", "a\nb", "--from", "none"], /slug/i],
    ["a reserved word", ["create-version", "baseline", "--from", "none"], /reserved/i],
    ["an existing slug", ["create-version", "base", "--from", "none"], /exists/i],
    ["an unknown --from", ["create-version", "ok-slug", "--from", "yesterday"], /from/i],
    ["--from a missing version", ["create-version", "ok-slug", "--from", "version:nope"], /nope/],
    ["no --from at all", ["create-version", "ok-slug"], /--from/],
    ["an unknown status", ["mark", "base", "golden"], /status/i],
    ["marking the baseline", ["mark", "base", "staging"], /baseline/i],
    ["marking a missing version", ["mark", "nope", "candidate"], /nope/],
    ["a hostile slug to mark", ["mark", "$(touch /tmp/staging-pwned)", "candidate"], /slug/i],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const ws = demoLike();
    const before = await treeDigest(ws);
    const result = runCli(["--workspace", ws, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await treeDigest(ws)).toBe(before);
    expect(existsSync("/tmp/staging-pwned")).toBe(false);
  });

  it("names the file and field of a broken version.yaml", () => {
    const ws = useTmpDir({
      "versions/a/version.yaml":
        "slug: a\nkind: generic-service\nstatus: golden\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n",
      "versions/a/snapshot/f": "x",
    });
    const result = runCli(["--workspace", ws, "versions"]);
    expect(result.code).toBe(2);
    expect(normalise(result.stderr, ws)).toContain("<root>/versions/a/version.yaml");
    expect(result.stderr).toMatch(/staging, candidate, baseline, rejected, archived-baseline/);
  });
});
