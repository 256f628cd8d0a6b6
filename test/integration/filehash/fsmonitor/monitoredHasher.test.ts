import { linkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TreeMonitor } from "../../../../src/filehash/fsmonitor/FsMonitorClient.js";
import { FsMonitorServer, type MonitorAnswer } from "../../../../src/filehash/fsmonitor/FsMonitorServer.js";
import { FsFileHasher } from "../../../../src/filehash/FsFileHasher.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const servers: FsMonitorServer[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** A real monitor in this process, recording what it answered. */
function realMonitor(dir: string): TreeMonitor & { answers: MonitorAnswer[] } {
  const server = new FsMonitorServer({ cookieDir: join(dir, "cookies"), burstLimit: 10_000 });
  server.start();
  servers.push(server);
  const answers: MonitorAnswer[] = [];
  return {
    answers,
    check: async (root, since) => {
      const answer = await server.check(root, since);
      answers.push(answer);
      return answer;
    },
  };
}

/** A monitor that vouches for everything: shows what the hasher trusts it with. */
const credulous: TreeMonitor = { check: async () => ({ unchanged: true, token: "t:1" }) };

describe("FsFileHasher with a file-system monitor", () => {
  it("returns the cached tree without looking at the files when the monitor vouches for it", async () => {
    const dir = useTmpDir({ "tree/f": "old", "cache/": null });
    const input = { name: "t", root: join(dir, "tree") };
    const first = await new FsFileHasher(join(dir, "cache"), { monitor: credulous }).hash(input);
    writeFileSync(join(dir, "tree/f"), "new content the monitor did not report");
    const second = await new FsFileHasher(join(dir, "cache"), { monitor: credulous }).hash(input);
    expect(second.digest).toBe(first.digest);
    expect(second.files()).toEqual(first.files());
  });

  it("sees every edit the real monitor reports, and vouches once a scan kept its token", async () => {
    const dir = useTmpDir({ "tree/a/f": "1", "tree/g": "2", "cache/": null });
    const monitor = realMonitor(dir);
    const hasher = new FsFileHasher(join(dir, "cache"), { monitor });
    const input = { name: "t", root: join(dir, "tree") };
    const first = await hasher.hash(input);
    expect((await hasher.hash(input)).digest).toBe(first.digest);
    expect(monitor.answers.map((a) => a.unchanged)).toEqual([false, true]);
    writeFileSync(join(dir, "tree/a/f"), "edited");
    const edited = await hasher.hash(input);
    expect(edited.digest).not.toBe(first.digest);
    expect(edited.files()["a/f"]).not.toBe(first.files()["a/f"]);
    expect((await hasher.hash(input)).digest).toBe(edited.digest);
    expect(monitor.answers.map((a) => a.unchanged)).toEqual([false, true, false, true]);
  });

  it("keeps scanning a tree with a hard-linked file, which can change through a path nobody watches", async () => {
    const dir = useTmpDir({ "tree/f": "1", "elsewhere/": null, "cache/": null });
    linkSync(join(dir, "tree/f"), join(dir, "elsewhere/f"));
    const input = { name: "t", root: join(dir, "tree") };
    const hasher = new FsFileHasher(join(dir, "cache"), { monitor: credulous });
    const first = await hasher.hash(input);
    writeFileSync(join(dir, "elsewhere/f"), "changed through the other link");
    expect((await hasher.hash(input)).digest).not.toBe(first.digest);
  });

  it("scans when the monitor cannot answer", async () => {
    const dir = useTmpDir({ "tree/f": "1", "cache/": null });
    const silent: TreeMonitor = { check: async () => undefined };
    const input = { name: "t", root: join(dir, "tree") };
    const hasher = new FsFileHasher(join(dir, "cache"), { monitor: silent });
    const first = await hasher.hash(input);
    writeFileSync(join(dir, "tree/f"), "22");
    expect((await hasher.hash(input)).digest).not.toBe(first.digest);
  });
});
