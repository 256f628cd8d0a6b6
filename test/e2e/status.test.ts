import { chmodSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

const versionYaml =
  "slug: a\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n";

/** A workspace whose `docker` on PATH only notes how it was called (and lists no container). */
function workspace(builder: "artifact" | "docker"): {
  dir: string;
  calls: () => string[];
  env: Record<string, string>;
} {
  const dir = useTmpDir({
    "staging.config.ts": `export default {
  workspace: ".",
  builder: ${JSON.stringify(builder)},
  modes: {
    node: {
      build: { command: ["true"], dockerfile: "node.Dockerfile" },
      deploy: { command: ["node", "{artifact}/service.mjs"] },
    },
  },
};\n`,
    "versions/a/version.yaml": versionYaml,
    "versions/a/snapshot/main.txt": "a\n",
    "bin/docker":
      '#!/bin/sh\necho "$*" >> "$(dirname "$0")/calls"\n[ "$1" = --version ] && echo "Docker version 20.10.24, build x"\nexit 0\n',
  });
  chmodSync(join(dir, "bin/docker"), 0o755);
  const calls = join(dir, "bin/calls");
  return {
    dir,
    calls: () => (existsSync(calls) ? readFileSync(calls, "utf8").trim().split("\n") : []),
    env: { PATH: `${join(dir, "bin")}:${process.env.PATH ?? ""}`, STAGING_CACHE_DIR: join(dir, "cache") },
  };
}

describe("staging status", () => {
  it("does not ask docker for containers where none can be (services run as processes)", () => {
    const ws = workspace("artifact");
    const result = runCli(["status", "--json"], { cwd: ws.dir, env: ws.env });
    expect(result.code, result.stderr).toBe(0);
    expect(ws.calls().filter((argv) => argv.startsWith("ps"))).toEqual([]);
  });

  it("asks docker where images are built with it", () => {
    const ws = workspace("docker");
    const result = runCli(["status", "--json"], { cwd: ws.dir, env: ws.env });
    expect(result.code, result.stderr).toBe(0);
    expect(ws.calls().filter((argv) => argv.startsWith("ps"))).toHaveLength(1);
  });
});
