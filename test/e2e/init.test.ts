import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../helpers/cli.js";
import { useTmpDir, type Tree } from "../helpers/useTmpDir.js";
import { treeState } from "../integration/staging/versions/helpers.js";

/** An empty project that has installed staging (this checkout, linked as node_modules/staging). */
function project(tree: Tree = {}): string {
  const dir = useTmpDir({ node_modules: null, ...tree });
  symlinkSync(REPO.replace(/\/$/, ""), join(dir, "node_modules/staging"));
  return dir;
}

/** The schema a YAML file's first line names, resolved from the file's folder. */
function schemaOf(file: string): string {
  const first = readFileSync(file, "utf8").split("\n")[0]!;
  const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  expect(match, first).not.toBeNull();
  return resolve(file, "..", match![1]!);
}

interface VersionsJson {
  slug: string;
  status: string;
  parent: string;
}

const versions = (cwd: string) => {
  const result = runCli(["versions", "--json"], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { versions: VersionsJson[] }).versions.map((v) => ({
    slug: v.slug,
    status: v.status,
  }));
};

/** A Node service that does what staging asks of a service: PORT, HOST, /health with its fingerprint. */
const NODE_SERVICE: Tree = {
  "service/package.json": JSON.stringify({
    name: "hello",
    private: true,
    scripts: { start: "node server.js" },
  }),
  "service/server.js": `const http = require("node:http");
http.createServer((req, res) => {
  if (req.url === "/health") return res.end(JSON.stringify({ build_fingerprint: process.env.STAGING_BUILD_FINGERPRINT }));
  res.end("hello\\n");
}).listen(Number(process.env.PORT), process.env.HOST);
`,
  "service/node_modules/left-out/index.js": "",
  "service/.git/HEAD": "ref: refs/heads/main\n",
};

describe("staging init --demo", () => {
  it("writes the demo as a workspace of its own: config, benchmark with its schema line, baseline and candidate", () => {
    const dir = project();
    const result = runCli(["init", "--demo"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "wrote staging.config.ts, benchmark/, docker/, versions/baseline/, versions/candidate/
      next:
        npx staging run-campaign candidate  # build both versions, measure them in rounds, print the report
        npx staging campaigns               # the campaign, its rounds and its verdicts (report.html beside report.md)
        npx staging promote candidate       # make the candidate the baseline, if no critical metric regressed
      "
    `);
    expect(readFileSync(join(dir, "staging.config.ts"), "utf8")).toContain('workspace: "."');
    expect(schemaOf(join(dir, "benchmark/benchmark.yaml"))).toBe(join(REPO, "schemas/benchmark.schema.json"));
    for (const slug of ["baseline", "candidate"])
      expect(schemaOf(join(dir, "versions", slug, "version.yaml"))).toBe(
        join(REPO, "schemas/version.schema.json"),
      );
    expect(readdirSync(join(dir, "versions")).sort()).toEqual(["baseline", "candidate"]);
    expect(readdirSync(join(dir, "benchmark/corpus")).sort()).toEqual(
      readdirSync(join(REPO, "experiments/demo/benchmark/corpus")).sort(),
    );
    expect(versions(dir)).toEqual([
      { slug: "baseline", status: "baseline" },
      { slug: "candidate", status: "candidate" },
    ]);
    // The graph plans from it: the demo's modes, both versions.
    const graph = runCli(["graph", "images:candidate", "--format", "json"], { cwd: dir });
    expect(graph.code, graph.stderr).toBe(0);
    expect(graph.stdout).toContain("image:candidate:bun");
  });

  it("refuses to overwrite anything, naming what is there, and writes nothing", async () => {
    const dir = project({ "benchmark/benchmark.yaml": "platform_modes: [x]\n" });
    const before = await treeState(dir);
    const result = runCli(["init", "--demo"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: staging init would overwrite what is there\n/);
    expect(result.stderr).toMatch(/exists: +benchmark\n/);
    expect(await treeState(dir)).toEqual(before);
  });
});

describe("staging init <service-dir>", () => {
  it("makes the service's files the baseline, and its zx recipes build, start and stop it", () => {
    const dir = project(NODE_SERVICE);
    const result = runCli(["init", "service"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "wrote staging.config.ts, benchmark/benchmark.yaml, versions/baseline/snapshot/, versions/baseline/images/, versions/baseline/version.yaml, versions/baseline/hypothesis.md",
    );
    expect(result.stdout).toContain("npx staging measure baseline");
    expect(versions(dir)).toEqual([{ slug: "baseline", status: "baseline" }]);
    expect(readdirSync(join(dir, "versions/baseline/snapshot")).sort()).toEqual([
      "package.json",
      "server.js",
    ]);
    expect(schemaOf(join(dir, "versions/baseline/version.yaml"))).toBe(
      join(REPO, "schemas/version.schema.json"),
    );
    try {
      const made = runCli(["make", "deploy:baseline:node", "--json"], { cwd: dir });
      expect(made.code, made.stderr).toBe(0);
      const status = JSON.parse(runCli(["status", "--json"], { cwd: dir }).stdout) as {
        running: { url: string }[];
      };
      expect(execFileSync("curl", ["-s", `${status.running[0]!.url}/`], { encoding: "utf8" })).toBe(
        "hello\n",
      );
    } finally {
      expect(runCli(["down"], { cwd: dir }).code).toBe(0);
    }
  }, 120_000);

  it("in the service's own folder, leaves the workspace and node_modules out of the snapshot", () => {
    const dir = project({ "package.json": '{ "name": "svc", "main": "main.js" }', "main.js": "" });
    const result = runCli(["init", "."], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(dir, "versions/baseline/snapshot")).sort()).toEqual(["main.js", "package.json"]);
    expect(readFileSync(join(dir, "staging.config.ts"), "utf8")).toContain(
      'return ["node", "{artifact}/main.js"];',
    );
  });

  it.each([
    [[], "init needs a service folder, or --demo"],
    [["svc", "--demo"], "init takes a service folder or --demo, not both"],
    [["missing"], "The service folder does not exist"],
  ])("refuses %j: %s", (args, message) => {
    const dir = project();
    const result = runCli(["init", ...args], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: ${message}`);
    expect(existsSync(join(dir, "staging.config.ts"))).toBe(false);
  });
});
