import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { dockerAvailable } from "../helpers/docker.js";
import { requireOrSkip } from "../helpers/integration.js";
import { testSshd } from "../helpers/sshd.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

const docker = requireOrSkip(dockerAvailable(), "dockerd");
const made: string[] = [];

afterAll(() => {
  for (const ws of made) {
    const ids = spawnSync("docker", ["images", "-q", `staging/${basename(ws).toLowerCase()}/*`], {
      encoding: "utf8",
    })
      .stdout.trim()
      .split("\n")
      .filter(Boolean);
    if (ids.length > 0) spawnSync("docker", ["rmi", "-f", ...new Set(ids)]);
  }
});

function workspace(): string {
  const ws = useTmpDir({
    "staging.config.ts": `export default {
  workspace: ".",
  builder: "docker",
  modes: {
    one: { build: { dockerfile: "docker/one.Dockerfile" } },
    two: { build: { dockerfile: "docker/two.Dockerfile" } },
  },
};\n`,
    "docker/one.Dockerfile": "FROM scratch\nCOPY . /app\n",
    "docker/two.Dockerfile": "FROM scratch\nCOPY . /srv\n",
    "versions/app/version.yaml":
      "slug: app\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n",
    "versions/app/snapshot/main.txt": "v1\n",
  });
  made.push(ws);
  return ws;
}

type Row = { mode: string; status: string; reason: string };
function build(ws: string, ...args: string[]): Row[] {
  const r = runCli(["build-images", "app", "--json", ...args], { cwd: ws });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { images: Row[] }).images;
}
const reasons = (rows: Row[]) => rows.map((r) => `${r.mode}: ${r.reason}`);

describe.runIf(docker)("image nodes with the docker builder, against the real dockerd", () => {
  it("builds, hits the cache, and records the image id that docker reports", () => {
    const ws = workspace();
    expect(build(ws).map((r) => r.status)).toEqual(["executed", "executed"]);
    expect(reasons(build(ws))).toEqual(["one: cache-hit", "two: cache-hit"]);
    const manifest = JSON.parse(readFileSync(join(ws, "versions/app/images/manifest.json"), "utf8")) as {
      modes: Record<string, { image_ref: string; image_id: string }>;
    };
    const one = manifest.modes.one!;
    expect(one.image_ref).toMatch(new RegExp(`^staging/${basename(ws).toLowerCase()}/app:one-[0-9a-f]{12}$`));
    expect(
      execFileSync("docker", ["image", "inspect", "--format", "{{.Id}}", one.image_ref], {
        encoding: "utf8",
      }).trim(),
    ).toBe(one.image_id);
  });

  it("builds a byte-identical snapshot once: the second version's tag names the first one's image", () => {
    const ws = workspace();
    const yaml = readFileSync(join(ws, "versions/app/version.yaml"), "utf8");
    mkdirSync(join(ws, "versions/twin/snapshot"), { recursive: true });
    writeFileSync(join(ws, "versions/twin/version.yaml"), yaml.replace("slug: app", "slug: twin"));
    writeFileSync(join(ws, "versions/twin/snapshot/main.txt"), "v1\n");
    build(ws, "--mode", "one");
    const r = runCli(["build-images", "twin", "--mode", "one", "--json"], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const one = (slug: string) =>
      (
        JSON.parse(readFileSync(join(ws, `versions/${slug}/images/manifest.json`), "utf8")) as {
          modes: Record<string, { image_ref: string; image_id: string }>;
        }
      ).modes.one!;
    expect(one("twin").image_ref).toMatch(/\/twin:one-[0-9a-f]{12}$/);
    expect(one("twin").image_id).toBe(one("app").image_id);
    const log = join(ws, ".staging/logs/image%3Atwin%3Aone.log");
    expect(readFileSync(log, "utf8")).toContain("nothing built");
    // Forced, it is built again: a base image may have changed under the same content.
    build(ws, "--mode", "one", "--force-rebuild-images");
    expect(readFileSync(join(ws, ".staging/logs/image%3Aapp%3Aone.log"), "utf8")).not.toContain(
      "nothing built",
    );
  });

  it("shares nothing where the context differs: a build command that writes the version into it", () => {
    const ws = workspace();
    writeFileSync(
      join(ws, "staging.config.ts"),
      `export default {
  workspace: ".",
  builder: "docker",
  modes: {
    one: { build: { command: ["sh", "-c", "echo {version} > {out}/VERSION"], dockerfile: "docker/one.Dockerfile" } },
  },
};\n`,
    );
    const yaml = readFileSync(join(ws, "versions/app/version.yaml"), "utf8");
    mkdirSync(join(ws, "versions/twin/snapshot"), { recursive: true });
    writeFileSync(join(ws, "versions/twin/version.yaml"), yaml.replace("slug: app", "slug: twin"));
    writeFileSync(join(ws, "versions/twin/snapshot/main.txt"), "v1\n");
    build(ws);
    const r = runCli(["build-images", "twin", "--json"], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    const id = (slug: string) =>
      (
        JSON.parse(readFileSync(join(ws, `versions/${slug}/images/manifest.json`), "utf8")) as {
          modes: Record<string, { image_id: string }>;
        }
      ).modes.one!.image_id;
    expect(id("twin")).not.toBe(id("app"));
    expect(readFileSync(join(ws, ".staging/logs/image%3Atwin%3Aone.log"), "utf8")).not.toContain(
      "nothing built",
    );
  });

  it("rebuilds after a snapshot edit, after a Dockerfile edit (that mode only), and after docker rmi", () => {
    const ws = workspace();
    build(ws);
    writeFileSync(join(ws, "versions/app/snapshot/main.txt"), "v2\n");
    expect(reasons(build(ws))).toEqual([
      "one: snapshot-fingerprint-mismatch (files changed: snapshot/main.txt; upstream changed: fingerprint:app)",
      "two: snapshot-fingerprint-mismatch (files changed: snapshot/main.txt; upstream changed: fingerprint:app)",
    ]);
    writeFileSync(join(ws, "docker/two.Dockerfile"), "FROM scratch\nCOPY . /opt\n");
    expect(reasons(build(ws))).toEqual([
      "one: cache-hit",
      "two: build-fingerprint-mismatch (files changed: recipe/docker/two.Dockerfile)",
    ]);
    const manifest = JSON.parse(readFileSync(join(ws, "versions/app/images/manifest.json"), "utf8")) as {
      modes: Record<string, { image_ref: string }>;
    };
    execFileSync("docker", ["rmi", "-f", manifest.modes.one!.image_ref]);
    expect(reasons(build(ws))).toEqual(["one: image-missing (live check: image-missing)", "two: cache-hit"]);
  });

  it("forces one mode or all", () => {
    const ws = workspace();
    build(ws);
    expect(reasons(build(ws, "--force-rebuild-mode", "two"))).toEqual([
      "one: cache-hit",
      "two: forced-mode (forced)",
    ]);
    expect(reasons(build(ws, "--force-rebuild-images"))).toEqual([
      "one: forced-all (forced)",
      "two: forced-all (forced)",
    ]);
  });

  it("leaves no record for a failing build and shows the log's last lines and path", () => {
    const ws = workspace();
    writeFileSync(
      join(ws, "docker/one.Dockerfile"),
      "FROM staging-base/node:20\nRUN echo 'the build breaks here' && exit 3\n",
    );
    const result = runCli(["build-images", "app", "--mode", "one"], { cwd: ws });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the build breaks here");
    expect(result.stderr).toMatch(/\.staging\/logs\/image%3Aapp%3Aone\.log/);
    expect(reasons(build(ws, "--mode", "one", "--dry-run"))).toEqual(["one: mode-missing (never run)"]);
  });

  it("builds on an SSH target (the loopback sshd, with docker on this machine), verifying its host key", () => {
    const sshd = testSshd();
    if (!requireOrSkip(sshd !== undefined, "the test sshd")) return;
    const ws = workspace();
    const ssh = ["--target", sshd!.url, "--identity", sshd!.identity, "--known-hosts", sshd!.knownHosts];
    const env = { E2E_REMOTE_PROJECT_DIR: join(ws, "remote-project") };
    const first = runCli([...ssh, "build-images", "app", "--json"], { cwd: ws, env });
    expect(first.code, first.stderr).toBe(0);
    expect((JSON.parse(first.stdout) as { images: Row[] }).images.map((r) => r.status)).toEqual([
      "executed",
      "executed",
    ]);
    expect(readFileSync(join(ws, "remote-project/versions/app/snapshot/main.txt"), "utf8")).toBe("v1\n");
    const second = runCli([...ssh, "build-images", "app", "--json"], { cwd: ws, env });
    expect(reasons((JSON.parse(second.stdout) as { images: Row[] }).images)).toEqual([
      "one: cache-hit",
      "two: cache-hit",
    ]);
    const refused = runCli(
      [
        "--target",
        sshd!.url,
        "--identity",
        sshd!.identity,
        "--known-hosts",
        "/dev/null",
        "build-images",
        "app",
      ],
      { cwd: ws, env },
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("is not in known_hosts");
  });
});
