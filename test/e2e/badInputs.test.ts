import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "../helpers/cli.js";
import { writeDemoWorkspace } from "../helpers/demoWorkspaceFiles.js";
import { treeHash } from "../helpers/treeHash.js";
import { useTmpDir } from "../helpers/useTmpDir.js";
import { CASES, type BadInput } from "./badInputs/cases.js";

/** An unprivileged user for the EACCES cases (root reads everything). */
const NOBODY = 65534;
let template: string;

beforeAll(() => {
  // A used workspace: the demo's versions and corpus, a tiny benchmark, a store folder.
  template = writeDemoWorkspace(mkdtempSync(join(tmpdir(), "staging-bad-inputs-")));
  mkdirSync(join(template, ".staging"));
});
afterAll(() => rmSync(template, { recursive: true, force: true }));

function run(bad: BadInput, ws: string) {
  const privileged = bad.unprivileged && process.getuid?.() === 0;
  const child = spawnSync(process.execPath, [BIN, ...bad.args], {
    cwd: ws,
    env: { ...process.env, CI: "1", HOME: privileged ? "/tmp" : process.env.HOME },
    encoding: "utf8",
    timeout: 60_000,
    ...(privileged ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

describe("bad input through the built CLI: exit 2, the path or field named, no stack, nothing written", () => {
  it("has at least 60 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, bad) => {
    const root = useTmpDir();
    const ws = join(root, "ws");
    cpSync(template, ws, { recursive: true });
    if (bad.unprivileged) {
      // The unprivileged user may enter and read the workspace; only what the case closes is closed.
      chmodSync(root, 0o755);
      spawnSync("chmod", ["-R", "o+rX", ws]);
    }
    bad.setup?.(ws);
    const before = treeHash(ws);
    const result = run(bad, ws);
    const text = result.stderr.split(ws + "/").join("");
    expect(result.code, result.stderr).toBe(bad.code ?? 2);
    for (const name of bad.names) expect(text, `stderr names ${name}`).toContain(name);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at .+\(.*:\d+:\d+\)|\n\s+at .+:\d+:\d+/);
    expect(treeHash(ws)).toBe(before);
  });
});
