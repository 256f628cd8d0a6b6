import { chmodSync, mkdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FsMonitorServer } from "../../../../src/filehash/fsmonitor/FsMonitorServer.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const servers: FsMonitorServer[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

function monitored(burstLimit = 10_000) {
  const dir = useTmpDir({ "tree/a/f": "1", "tree/b/g": "2", "tree/top": "3" });
  const server = new FsMonitorServer({ cookieDir: join(dir, "cookies"), burstLimit });
  server.start();
  servers.push(server);
  const root = join(dir, "tree");
  let token: string | undefined;
  /** Asks about the tree since the last token, and keeps the new one, as a hasher would. */
  const changed = async (): Promise<boolean> => {
    const answer = await server.check(root, token);
    token = answer.token;
    return !answer.unchanged;
  };
  return { dir, root, server, changed };
}

describe("FsMonitorServer", () => {
  it("knows nothing of a tree it starts watching, then vouches for it until something happens", async () => {
    const m = monitored();
    expect(await m.changed()).toBe(true);
    expect(await m.changed()).toBe(false);
    expect(await m.changed()).toBe(false);
  });

  it.each([
    ["an edit", (root: string) => writeFileSync(join(root, "a/f"), "edited")],
    ["a new file", (root: string) => writeFileSync(join(root, "b/new"), "")],
    ["a deletion", (root: string) => rmSync(join(root, "top"))],
    ["a mode change", (root: string) => chmodSync(join(root, "a/f"), 0o755)],
    ["a touch", (root: string) => utimesSync(join(root, "b/g"), new Date(), new Date())],
    ["a rename", (root: string) => renameSync(join(root, "a/f"), join(root, "b/f"))],
    ["a new symlink", (root: string) => symlinkSync("top", join(root, "link"))],
  ])("sees %s made just before the question", async (_, change) => {
    const m = monitored();
    await m.changed();
    change(m.root);
    expect(await m.changed()).toBe(true);
    expect(await m.changed()).toBe(false);
  });

  it("watches a folder that appears before anything can be written into it unseen", async () => {
    const m = monitored();
    await m.changed();
    mkdirSync(join(m.root, "new/deep"), { recursive: true });
    expect(await m.changed()).toBe(true);
    writeFileSync(join(m.root, "new/deep/f"), "x");
    expect(await m.changed()).toBe(true);
    renameSync(join(m.root, "new"), join(m.root, "moved"));
    expect(await m.changed()).toBe(true);
    writeFileSync(join(m.root, "moved/deep/f"), "y");
    expect(await m.changed()).toBe(true);
    expect(await m.changed()).toBe(false);
  });

  it("watches a folder moved in from outside, and one deleted and made again", async () => {
    const m = monitored();
    mkdirSync(join(m.dir, "outside/sub"), { recursive: true });
    await m.changed();
    renameSync(join(m.dir, "outside"), join(m.root, "inside"));
    expect(await m.changed()).toBe(true);
    writeFileSync(join(m.root, "inside/sub/f"), "x");
    expect(await m.changed()).toBe(true);
    rmSync(join(m.root, "a"), { recursive: true });
    mkdirSync(join(m.root, "a"));
    expect(await m.changed()).toBe(true);
    writeFileSync(join(m.root, "a/f"), "again");
    expect(await m.changed()).toBe(true);
  });

  it("treats a root made again with its own name inside (inode reused) as a tree it never saw", async () => {
    const m = monitored();
    await m.changed();
    rmSync(m.root, { recursive: true });
    mkdirSync(join(m.root, "tree"), { recursive: true });
    expect(await m.changed()).toBe(true);
    writeFileSync(join(m.root, "f"), "x");
    expect(await m.changed()).toBe(true);
    expect(await m.changed()).toBe(false);
  });

  it("fails a tree whose path led elsewhere while an event was handled (an ancestor renamed)", async () => {
    const dir = useTmpDir({ "proj/src/a/f": "1", "cookies/": null });
    const server = new FsMonitorServer({ cookieDir: join(dir, "cookies"), burstLimit: 10_000 });
    server.start();
    servers.push(server);
    const root = join(dir, "proj/src");
    let { token } = await server.check(root, undefined);
    renameSync(join(dir, "proj"), join(dir, "moved"));
    mkdirSync(join(dir, "moved/src/a/newdir"));
    await new Promise((r) => setTimeout(r, 100)); // the event is handled while the path is wrong
    renameSync(join(dir, "moved"), join(dir, "proj"));
    ({ token } = await server.check(root, token));
    writeFileSync(join(root, "a/newdir/f"), "written later");
    expect((await server.check(root, token)).unchanged).toBe(false);
  });

  it("fails a tree reached through a symlink that pointed elsewhere while an event was handled", async () => {
    const dir = useTmpDir({ "v1/src/f": "1", "v2/src/f": "2", "cookies/": null });
    symlinkSync("v1", join(dir, "current"));
    const server = new FsMonitorServer({ cookieDir: join(dir, "cookies"), burstLimit: 10_000 });
    server.start();
    servers.push(server);
    const root = join(dir, "current/src");
    let { token } = await server.check(root, undefined);
    rmSync(join(dir, "current"));
    symlinkSync("v2", join(dir, "current"));
    mkdirSync(join(dir, "v1/src/gen"));
    await new Promise((r) => setTimeout(r, 100));
    rmSync(join(dir, "current"));
    symlinkSync("v1", join(dir, "current"));
    ({ token } = await server.check(root, token));
    writeFileSync(join(dir, "v1/src/gen/f"), "x");
    expect((await server.check(root, token)).unchanged).toBe(false);
  });

  it("treats a root deleted and made again as a tree it never saw", async () => {
    const m = monitored();
    await m.changed();
    rmSync(m.root, { recursive: true });
    mkdirSync(m.root);
    expect(await m.changed()).toBe(true);
    writeFileSync(join(m.root, "f"), "x");
    expect(await m.changed()).toBe(true);
  });

  it("vouches for nothing with a token of another monitor, a garbled one, or none", async () => {
    const m = monitored();
    const { token } = await m.server.check(m.root, undefined);
    const other = monitored();
    const { token: foreign } = await other.server.check(m.root, undefined);
    for (const since of [foreign, "garbage", "x:y", undefined]) {
      expect((await m.server.check(m.root, since)).unchanged).toBe(false);
    }
    expect((await m.server.check(m.root, token)).unchanged).toBe(true);
  });

  it("does not trust a token taken before the current watch began", async () => {
    const m = monitored();
    const { token } = await m.server.check(m.root, undefined);
    rmSync(m.root, { recursive: true });
    mkdirSync(m.root);
    await m.server.check(m.root, token); // the root was replaced: watched anew from here
    expect((await m.server.check(m.root, token)).unchanged).toBe(false);
  });

  it("forgets everything after a burst as large as the kernel's queue could have overflowed", async () => {
    const m = monitored(20);
    const { token } = await m.server.check(m.root, undefined);
    const epoch = m.server.status().epoch;
    for (let i = 0; i < 50; i++) writeFileSync(join(m.root, `burst-${i}`), "x");
    const answer = await m.server.check(m.root, token);
    expect(answer.unchanged).toBe(false);
    expect(m.server.status().epoch).not.toBe(epoch);
  });

  it("counts a burst across short pauses, as when a starved daemon drains a full queue", async () => {
    const m = monitored(20);
    const { token } = await m.server.check(m.root, undefined);
    const epoch = m.server.status().epoch;
    for (let batch = 0; batch < 5; batch++) {
      for (let i = 0; i < 6; i++) writeFileSync(join(m.root, `burst-${batch}-${i}`), "x");
      await new Promise((r) => setTimeout(r, 60));
    }
    expect((await m.server.check(m.root, token)).unchanged).toBe(false);
    expect(m.server.status().epoch).not.toBe(epoch);
  });

  it("still counts the queued events of watches it let go, so an overflow hidden there is caught", async () => {
    const m = monitored(50);
    writeFileSync(join(m.root, "a/g"), "");
    const { token } = await m.server.check(m.root, undefined);
    const epoch = m.server.status().epoch;
    // Renamed, then written in before the monitor handles the rename: its old watch is let go
    // while 100 events for it still wait in the queue (two files in turn: the kernel merges
    // identical events in a row).
    renameSync(join(m.root, "a"), join(m.root, "a.old"));
    const when = new Date();
    for (let i = 0; i < 100; i++) utimesSync(join(m.root, i % 2 ? "a.old/f" : "a.old/g"), when, when);
    expect((await m.server.check(m.root, token)).unchanged).toBe(false);
    expect(m.server.status().epoch).not.toBe(epoch);
  });

  it("closes the watches it let go only by starting over, when there are too many", async () => {
    const dir = useTmpDir({ "tree/a/b/c/f": "1", "tree/g": "2", "cookies/": null });
    const server = new FsMonitorServer({
      cookieDir: join(dir, "cookies"),
      burstLimit: 10_000,
      retiredLimit: 3,
    });
    server.start();
    servers.push(server);
    const root = join(dir, "tree");
    let { token } = await server.check(root, undefined);
    const epoch = server.status().epoch;
    renameSync(join(root, "a/b"), join(root, "a/x"));
    const first = await server.check(root, token);
    expect(first.unchanged).toBe(false);
    expect(server.retiredCount()).toBe(2);
    expect(server.status().epoch).toBe(epoch);
    ({ token } = first);
    renameSync(join(root, "a/x"), join(root, "a/y"));
    expect((await server.check(root, token)).unchanged).toBe(false);
    expect(server.retiredCount()).toBe(0);
    expect(server.status().epoch).not.toBe(epoch);
    ({ token } = await server.check(root, undefined));
    writeFileSync(join(root, "a/y/c/f"), "after starting over");
    expect((await server.check(root, token)).unchanged).toBe(false);
  });

  it("never vouches for a root that is a symlink or missing", async () => {
    const m = monitored();
    symlinkSync(m.root, join(m.dir, "link"));
    for (const root of [join(m.dir, "link"), join(m.dir, "missing")]) {
      const first = await m.server.check(root, undefined);
      expect(first.token).toBeUndefined();
      expect((await m.server.check(root, first.token)).unchanged).toBe(false);
    }
  });
});
