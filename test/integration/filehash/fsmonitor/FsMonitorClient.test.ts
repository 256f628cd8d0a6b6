import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FsMonitorClient } from "../../../../src/filehash/fsmonitor/FsMonitorClient.js";
import { tsCommand } from "../../../helpers/tsCommand.js";
import { useTmpDir } from "../../../helpers/useTmpDir.js";

const clients: FsMonitorClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) {
    await client.stop();
    client.close();
  }
});

function setup(env: string[] = []) {
  const dir = useTmpDir({ "tree/f": "1", ".staging/": null });
  const paths = { socket: join(dir, "m.sock"), cookieDir: join(dir, "cookies") };
  const daemonCommand = ["env", ...env, ...tsCommand("src/filehash/fsmonitor/fsmonitorDaemon.ts")];
  const client = () => {
    const c = new FsMonitorClient({ paths, stagingDir: join(dir, ".staging"), daemonCommand });
    clients.push(c);
    return c;
  };
  return { dir, root: join(dir, "tree"), paths, client };
}

async function until<T>(what: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const value = await what();
    if (value !== undefined) return value;
  }
  throw new Error("timed out");
}

describe("the monitor daemon and its client", () => {
  it("is started by the first question, which it cannot answer, then answers over its socket", async () => {
    const s = setup();
    expect(await s.client().check(s.root, undefined)).toBeUndefined();
    const status = await until(() => s.client().status());
    expect(status.pid).toBeGreaterThan(0);
    const c = s.client();
    const first = await c.check(s.root, undefined);
    expect(first).toMatchObject({ unchanged: false, token: expect.any(String) as string });
    expect(await c.check(s.root, first!.token)).toMatchObject({ unchanged: true });
    writeFileSync(join(s.root, "f"), "2");
    expect(await c.check(s.root, first!.token)).toMatchObject({ unchanged: false });
    expect((await c.status())?.trees).toEqual([s.root]);
  });

  it("stops when asked, removing its socket; asking again starts nothing", async () => {
    const s = setup();
    await s.client().check(s.root, undefined);
    await until(() => s.client().status());
    expect(await s.client().stop()).toBe(true);
    // The lock goes last: until then no other daemon can start and find the old socket.
    await until(async () => (existsSync(`${s.paths.socket}.lock`) ? undefined : true));
    expect(await s.client().status()).toBeUndefined();
    expect(await s.client().stop()).toBe(false);
    expect(existsSync(s.paths.socket)).toBe(false);
    expect(existsSync(`${s.paths.socket}.lock`)).toBe(false);
    expect(existsSync(s.paths.cookieDir)).toBe(false);
  });

  it("makes way for a new daemon when its sync cookies cannot come back", async () => {
    const s = setup();
    await s.client().check(s.root, undefined);
    await until(() => s.client().status());
    rmSync(s.paths.cookieDir, { recursive: true });
    expect(await s.client().check(s.root, undefined)).toBeUndefined();
    await until(async () => (existsSync(`${s.paths.socket}.lock`) ? undefined : true));
    expect(await s.client().check(s.root, undefined)).toBeUndefined(); // starts a new one
    const c = await until(async () => ((await s.client().status()) ? s.client() : undefined));
    expect(await c.check(s.root, undefined)).toMatchObject({ unchanged: false });
  });

  it("leaves one daemon answering when two start at once, and the other exits", async () => {
    const s = setup();
    const [command, ...args] = tsCommand("src/filehash/fsmonitor/fsmonitorDaemon.ts");
    const daemons = [0, 1].map(() =>
      spawn(command!, [...args, s.paths.socket, s.paths.cookieDir, join(s.dir, ".staging")], {
        stdio: "ignore",
      }),
    );
    const exited = daemons.map((d) => new Promise<number>((resolve) => d.on("exit", () => resolve(d.pid!))));
    const gone = await Promise.race(exited);
    const status = await until(() => s.client().status());
    expect(status.pid).not.toBe(gone);
    expect(daemons.map((d) => d.pid)).toContain(status.pid);
    const c = s.client();
    const first = await c.check(s.root, undefined);
    expect(await c.check(s.root, first!.token)).toMatchObject({ unchanged: true });
  });

  it("gives up on a daemon that does not answer: after one wait, it is not asked again", async () => {
    const dir = useTmpDir();
    const paths = { socket: join(dir, "m.sock"), cookieDir: join(dir, "cookies") };
    let questions = 0;
    const mute = createServer((socket) =>
      socket.on("data", (d) => (questions += String(d).split("\n").length - 1)),
    );
    await new Promise<void>((resolve) => mute.listen(paths.socket, resolve));
    try {
      const client = new FsMonitorClient({
        paths,
        stagingDir: dir,
        timeoutMs: 300,
        daemonCommand: ["false"],
      });
      clients.push(client);
      expect(await client.check(dir, undefined)).toBeUndefined();
      expect(await client.check(dir, undefined)).toBeUndefined();
      expect(await client.check(dir, undefined)).toBeUndefined();
      expect(questions).toBe(1);
    } finally {
      mute.close();
    }
  });

  it("takes over the lock of a daemon that died without removing it", async () => {
    const s = setup();
    writeFileSync(`${s.paths.socket}.lock`, "999999999 1");
    await s.client().check(s.root, undefined);
    const status = await until(() => s.client().status());
    expect(status.pid).toBeGreaterThan(0);
  });

  it("exits by itself after its idle time", async () => {
    const s = setup(["STAGING_FSMONITOR_IDLE_MS=300"]);
    await s.client().check(s.root, undefined);
    await until(() => s.client().status());
    await until(async () => (existsSync(`${s.paths.socket}.lock`) ? undefined : true));
  });
});
