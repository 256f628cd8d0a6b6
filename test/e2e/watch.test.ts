import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCli } from "../helpers/cli.js";
import { useTmpDir } from "../helpers/useTmpDir.js";

/** A build that takes ~1.2 s and copies the snapshot's main.txt: long enough to edit during it. */
const slowCopy =
  "const fs=require('fs');const [s,o]=process.argv.slice(1);Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,1200);fs.writeFileSync(o+'/app.txt',fs.readFileSync(s+'/main.txt','utf8'))";

function workspace(): string {
  return useTmpDir({
    "staging.config.ts": `export default { workspace: ".", modes: { fast: { build: { command: [process.execPath, "-e", ${JSON.stringify(slowCopy)}, "{snapshot}", "{out}"] } } } };\n`,
    "versions/app/version.yaml":
      "slug: app\nkind: generic-service\nstatus: staging\nparent: none\ncreated_at: '2026-01-01T00:00:00Z'\n",
    "versions/app/snapshot/main.txt": "v1\n",
  });
}

/** A running `staging watch` whose stderr can be waited on. */
function watch(ws: string) {
  const child = startCli(["watch", "images:app"], { cwd: ws });
  let log = "";
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const until = async (predicate: (log: string) => boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!predicate(log)) {
      if (Date.now() > end) throw new Error(`timed out; log so far:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const builds = () => (log.match(/done image:app:fast/g) ?? []).length;
  const settle = async () => {
    // Quiet for a while: no batch pending, no build running.
    let last = log.length;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1500));
      if (log.length === last) return;
      last = log.length;
    }
  };
  const stop = async () => {
    child.kill("SIGINT");
    await new Promise((r) => child.on("close", r));
  };
  return { until, builds, settle, stop, log: () => log };
}

describe("staging watch", () => {
  it("rebuilds once per edit, not for a touch, not for writes to its own outputs, and picks up an edit made during a build", async () => {
    const ws = workspace();
    const w = watch(ws);
    try {
      await w.until((l) => l.includes("watch: watching"));
      expect(w.builds()).toBe(1);
      writeFileSync(join(ws, "versions/app/snapshot/main.txt"), "v2\n");
      await w.until(() => w.builds() === 2);
      await w.settle();
      expect(w.builds()).toBe(2);
      // A touch, and a save with the same content: no content changed, nothing runs.
      const now = new Date();
      utimesSync(join(ws, "versions/app/snapshot/main.txt"), now, now);
      writeFileSync(join(ws, "versions/app/snapshot/main.txt"), "v2\n");
      await w.until((l) => l.includes("watch: up to date"));
      await w.settle();
      expect(w.builds()).toBe(2);
      // The store and campaign folders are outputs: writing there wakes nothing.
      mkdirSync(join(ws, "campaigns/x"), { recursive: true });
      writeFileSync(join(ws, "campaigns/x/report.md"), "x");
      writeFileSync(join(ws, ".staging/noise"), "x");
      await w.settle();
      expect(w.builds()).toBe(2);
      // An edit while a build runs is built right after it.
      writeFileSync(join(ws, "versions/app/snapshot/main.txt"), "v3\n");
      await w.until((l) => (l.match(/run {2}image:app:fast/g) ?? []).length === 3);
      writeFileSync(join(ws, "versions/app/snapshot/main.txt"), "v4\n");
      await w.until(() => w.builds() === 4);
      await w.settle();
      expect(w.builds()).toBe(4);
    } finally {
      await w.stop();
    }
    expect(w.log()).toContain("watch: stopped");
    const manifest = JSON.parse(readFileSync(join(ws, "versions/app/images/manifest.json"), "utf8")) as {
      modes: { fast: { image_ref: string } };
    };
    expect(readFileSync(join(ws, manifest.modes.fast.image_ref, "app.txt"), "utf8")).toBe("v4\n");
  }, 120_000);
});
