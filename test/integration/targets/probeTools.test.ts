import { chmodSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalTarget } from "../../../src/targets/LocalTarget.js";
import { locateLocalTools, locateRemoteTools } from "../../../src/targets/locateTools.js";
import { identityWith, probeTools, type ToolName } from "../../../src/targets/probeTools.js";
import type { Target } from "../../../src/targets/Target.js";
import { ToolVersionCache } from "../../../src/targets/ToolVersionCache.js";
import { useTmpDir } from "../../helpers/useTmpDir.js";

const local = new LocalTarget();

/** A bin folder with tools that say their version and log each run. */
function fakeTools(dir: string, tools: Record<string, string>): string {
  const bin = join(dir, "bin");
  for (const [name, output] of Object.entries(tools)) writeTool(bin, name, output);
  return bin;
}

function writeTool(bin: string, name: string, output: string): void {
  const file = join(bin, name);
  writeFileSync(file, `#!/bin/sh\necho "$(basename "$0")" >> "${bin}/../runs.log"\necho "${output}"\n`, {
    flag: "w",
  });
  chmodSync(file, 0o755);
}

const runs = (dir: string) => readFileSync(join(dir, "runs.log"), "utf8").trim().split("\n");

describe("probeTools with a cache", () => {
  const probe = (bin: string, cacheFile: string) =>
    probeTools(local, {
      locate: (names) => Promise.resolve(locateLocalTools(names, bin)),
      cache: new ToolVersionCache(cacheFile, "this-machine"),
    });

  it("runs a tool once, then takes its version from the cache while its binary is unchanged", async () => {
    const dir = useTmpDir({ "bin/": null });
    const bin = fakeTools(dir, { docker: "Docker version 24.0.7, build x", helm: "v3.14.0+g3fc9f4b" });
    const cacheFile = join(dir, "tool-versions.json");
    expect(await probe(bin, cacheFile)).toEqual({ docker: "24.0.7", helm: "3.14.0+g3fc9f4b" });
    expect(runs(dir).sort()).toEqual(["docker", "helm"]);
    // Another command, another cache object: nothing runs.
    expect(await probe(bin, cacheFile)).toEqual({ docker: "24.0.7", helm: "3.14.0+g3fc9f4b" });
    expect(runs(dir)).toHaveLength(2);
    // An upgraded docker is another binary: only it runs again.
    writeTool(bin, "docker", "Docker version 25.0.10, build y");
    expect(await probe(bin, cacheFile)).toEqual({ docker: "25.0.10", helm: "3.14.0+g3fc9f4b" });
    expect(runs(dir).slice(2)).toEqual(["docker"]);
  });

  it("probes only the tools asked for: the others are not even looked for", async () => {
    const dir = useTmpDir({ "bin/": null });
    const bin = fakeTools(dir, { docker: "Docker version 24.0.7, build x", helm: "v3.14.0+g3fc9f4b" });
    const located: string[][] = [];
    const tools = await probeTools(local, {
      locate: (names) => (located.push([...names]), Promise.resolve(locateLocalTools(names, bin))),
      cache: new ToolVersionCache(join(dir, "tool-versions.json"), "this-machine"),
      names: ["docker"],
    });
    expect(tools).toEqual({ docker: "24.0.7" });
    expect(located).toEqual([["docker"]]);
    expect(runs(dir)).toEqual(["docker"]);
  });

  it("runs a multi-call binary under the name it was found by (kubectl as a link to k3s)", async () => {
    const dir = useTmpDir({ "bin/": null });
    const bin = join(dir, "bin");
    writeFileSync(
      join(bin, "k3s"),
      '#!/bin/sh\ncase "$(basename "$0")" in kubectl) echo "Client Version: v1.29.1";; *) echo "k3s version v1.30.0+k3s1";; esac\n',
    );
    chmodSync(join(bin, "k3s"), 0o755);
    symlinkSync("k3s", join(bin, "kubectl"));
    expect(await probe(bin, join(dir, "cache.json"))).toEqual({ kubectl: "1.29.1" });
  });

  it("keeps versions apart per machine", async () => {
    const dir = useTmpDir({ "bin/": null });
    const bin = fakeTools(dir, { node: "v20.1.0" });
    const cacheFile = join(dir, "cache.json");
    await probe(bin, cacheFile);
    await probeTools(local, {
      locate: (names) => Promise.resolve(locateLocalTools(names, bin)),
      cache: new ToolVersionCache(cacheFile, "another-machine"),
    });
    expect(runs(dir)).toEqual(["node", "node"]);
  });
});

describe("locateRemoteTools", () => {
  it("finds the same binaries with one shell command as the local search does", async () => {
    const dir = useTmpDir({ "bin/": null });
    const bin = fakeTools(dir, { docker: "Docker version 24.0.7", bun: "1.1.3" });
    symlinkSync(join(bin, "bun"), join(bin, "k6"));
    // The command runs in a shell whose PATH is the fake bin folder and the system's.
    const shell: Pick<Target, "run"> = {
      run: (argv, options) => local.run(argv, { ...options, env: { PATH: `${bin}:/usr/bin:/bin` } }),
    };
    const names: ToolName[] = ["docker", "k6", "helm", "bun"];
    const remote = await locateRemoteTools(shell, names);
    const here = locateLocalTools(names, bin);
    expect(remote.helm).toBeNull();
    for (const name of ["docker", "k6", "bun"]) {
      const { mtimeMs, ...rest } = here[name]!;
      expect(remote[name]).toEqual({ ...rest, mtimeMs: Math.floor(mtimeMs / 1000) * 1000 });
    }
    expect(remote.k6!.real).toBe(join(bin, "bun"));
  });
});

describe("identityWith", () => {
  it("keeps only the tools named, so other tools' versions stay out of a key", () => {
    const identity = {
      kind: "local" as const,
      id: "m",
      os: "Linux",
      arch: "x86_64",
      tools: { docker: "24.0.7", helm: "3.14.0", node: "20.1.0" },
    };
    expect(identityWith(identity, ["docker", "k6"])).toEqual({ ...identity, tools: { docker: "24.0.7" } });
    expect(identity.tools).toEqual({ docker: "24.0.7", helm: "3.14.0", node: "20.1.0" });
  });
});
