import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildArtifact, type ArtifactBuild } from "../../../../src/staging/images/buildArtifact.js";
import { freshLog } from "../../../../src/staging/images/buildLog.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const target = new LocalTarget();

/** A workspace with versions whose snapshots are given, and a build that copies the snapshot and counts its runs. */
function workspace(snapshots: Record<string, string>) {
  const tree: Record<string, string> = {};
  for (const [slug, content] of Object.entries(snapshots))
    tree[`versions/${slug}/snapshot/src/main.txt`] = content;
  const root = useTmpDir(tree);
  const runs = join(root, "runs.log");
  writeFileSync(runs, "");
  const build = async (slug: string, command?: string[]): Promise<ArtifactBuild> => ({
    nodeId: `image:${slug}:m`,
    target,
    workspaceRoot: root,
    stagingDir: join(root, ".staging"),
    slug,
    mode: "m",
    snapshotDir: join(root, "versions", slug, "snapshot"),
    recipe: { command: command ?? ["sh", "-c", `cp -R {snapshot}/. {out}/ && echo {mode} >> ${runs}`] },
    logFile: await freshLog(join(root, ".staging"), `image:${slug}:m`),
    signal: new AbortController().signal,
  });
  const ran = () => readFileSync(runs, "utf8").split("\n").filter(Boolean).length;
  return { root, build, ran };
}

describe("buildArtifact", () => {
  it("builds once for two versions with identical snapshots: the second gets the first's artifact", async () => {
    const ws = workspace({ a: "same\n", b: "same\n" });
    const first = await buildArtifact(await ws.build("a"));
    const second = await buildArtifact(await ws.build("b"));
    expect(second).toEqual(first);
    expect(ws.ran()).toBe(1);
    expect(readFileSync(join(ws.root, ".staging/logs/image%3Ab%3Am.log"), "utf8")).toContain(
      `same inputs as an earlier build: ${first.dir}`,
    );
  });

  it("builds each snapshot that differs", async () => {
    const ws = workspace({ a: "one\n", b: "two\n" });
    const first = await buildArtifact(await ws.build("a"));
    const second = await buildArtifact(await ws.build("b"));
    expect(second.digest).not.toBe(first.digest);
    expect(ws.ran()).toBe(2);
  });

  it("builds per version a command that names {version}", async () => {
    const ws = workspace({ a: "same\n", b: "same\n" });
    const command = (runs: string) => ["sh", "-c", `echo {version} > {out}/v && echo x >> ${runs}`];
    await buildArtifact(await ws.build("a", command(join(ws.root, "runs.log"))));
    await buildArtifact(await ws.build("b", command(join(ws.root, "runs.log"))));
    expect(ws.ran()).toBe(2);
  });

  it("runs two builds of the same inputs at once as one", async () => {
    const ws = workspace({ a: "same\n", b: "same\n", c: "same\n" });
    const built = await Promise.all(["a", "b", "c"].map(async (slug) => buildArtifact(await ws.build(slug))));
    expect(new Set(built.map((a) => a.digest)).size).toBe(1);
    expect(ws.ran()).toBe(1);
  });

  it("builds again when the shared artifact is gone from the store", async () => {
    const ws = workspace({ a: "same\n", b: "same\n" });
    const first = await buildArtifact(await ws.build("a"));
    rmSync(join(ws.root, first.dir), { recursive: true });
    const second = await buildArtifact(await ws.build("b"));
    expect(second).toEqual(first);
    expect(ws.ran()).toBe(2);
  });
});
