import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { writeDemoWorkspace } from "../helpers/demoWorkspaceFiles.js";
import { requireOrSkip } from "../helpers/integration.js";
import { treeHash } from "../helpers/treeHash.js";
import { SmallDisk } from "./faults/SmallDisk.js";

const ready = requireOrSkip(SmallDisk.available(), "root and mount -t tmpfs (CI runs as root)");
const PAGE = 4096;
const BUILD = ["make", "image:candidate:node"];
let disk: SmallDisk;
let template: string;
let ws: string;
const undo: (() => void)[] = [];

beforeAll(() => {
  if (!ready) return;
  template = writeDemoWorkspace(mkdtempSync(join(tmpdir(), "staging-faults-")));
  disk = SmallDisk.mount(24);
});
afterAll(() => {
  disk?.close();
  if (template) rmSync(template, { recursive: true, force: true });
});
afterEach(() => {
  // Whatever a failed test left: the disk writable, unfilled, its workspace gone.
  for (const step of undo.splice(0).reverse()) step();
  if (!disk) return;
  disk.readOnly(false);
  disk.unfill();
  rmSync(ws, { recursive: true, force: true });
});

function freshWorkspace(): string {
  ws = join(disk.dir, "ws");
  cpSync(template, ws, { recursive: true });
  return ws;
}

const cli = (...args: string[]): CliResult => runCli(args, { cwd: ws });

/** A refusal a user can act on: the exit code, the cause in words, a path, no stack, no lock left. */
function expectClearFailure(r: CliResult, cause: RegExp): string {
  expect([1, 2], r.stderr).toContain(r.code);
  expect(r.stderr).toMatch(cause);
  expect(r.stderr).toContain(ws);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
  expect(existsSync(join(ws, ".staging/lock"))).toBe(false);
  // Which write it was, for the figure in docs/testing.md.
  const line = /cannot ([^\n]*)/.exec(r.stderr)?.[1] ?? /error: ([^\n]*)/.exec(r.stderr)?.[1] ?? "?";
  return line.replace(ws, "<ws>").replace(/(runs|filecache)\/[^ ]+/, "$1/*");
}

/** The store reads back whole: the next writing command finds no damaged line to warn about. */
function expectStoreWhole(): void {
  const again = cli(...BUILD, "--json");
  expect(again.code, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ executed: [], failed: [] });
  expect(again.stderr).not.toMatch(/damaged|another format/);
}

describe.runIf(ready)(
  "a full or read-only disk: clear errors, nothing corrupt, the next command works",
  () => {
    it("make fails cleanly wherever the disk fills, page by page, and completes once space is back", () => {
      freshWorkspace();
      const sites = new Set<string>();
      let pages = 0;
      for (; ; pages++) {
        expect(pages, "make never succeeded on the small disk").toBeLessThan(200);
        disk.fill(pages * PAGE);
        const r = cli(...BUILD);
        disk.unfill();
        if (r.code === 0) break;
        sites.add(expectClearFailure(r, /no space left|ENOSPC/i));
        const next = cli(...BUILD);
        expect(next.code, next.stderr).toBe(0);
        expectStoreWhole();
        rmSync(join(ws, ".staging"), { recursive: true });
      }
      process.stderr.write(
        `make on a full disk failed cleanly ${pages} times (0 to ${pages - 1} pages free) at ${sites.size} sites: ${[...sites].join(" | ")}\n`,
      );
      expect(sites.size).toBeGreaterThanOrEqual(3);
    }, 600_000);

    it("mark on a full disk leaves version.yaml and the lock as they were", () => {
      freshWorkspace();
      const before = treeHash(join(ws, "versions"));
      for (const free of [0, PAGE]) {
        disk.fill(free);
        const r = cli("mark", "candidate", "rejected");
        expectClearFailure(r, /No space left on the device/);
        expect(treeHash(join(ws, "versions"))).toBe(before);
      }
      disk.unfill();
      expect(cli("mark", "candidate", "rejected").stdout).toContain("candidate: rejected");
    }, 120_000);

    it("create-version whose copy fills the disk midway leaves no version and no temp folder", () => {
      freshWorkspace();
      writeFileSync(join(ws, "versions/baseline/snapshot/big.bin"), Buffer.alloc(2 * 1024 * 1024, 7));
      const before = treeHash(join(ws, "versions"));
      disk.fill(512 * 1024);
      const r = cli("create-version", "exp1", "--from", "baseline");
      expectClearFailure(r, /No space left on the device: cannot create version exp1/);
      expect(r.code).toBe(2);
      expect(treeHash(join(ws, "versions"))).toBe(before);
      expect(readdirSync(join(ws, ".staging/tmp"))).toEqual([]);
      disk.unfill();
      expect(cli("create-version", "exp1", "--from", "baseline").code).toBe(0);
      expect(readFileSync(join(ws, "versions/exp1/snapshot/big.bin")).length).toBe(2 * 1024 * 1024);
      expect(cli("versions").stdout).toMatch(/exp1 +staging +version:baseline/);
    }, 120_000);

    it("a read-only disk refuses every writing command with its name, and they work once it is writable", () => {
      freshWorkspace();
      expect(cli(...BUILD).code).toBe(0);
      const commands = [
        ["create-version", "exp1", "--from", "baseline"],
        ["mark", "candidate", "rejected"],
        BUILD,
      ];
      disk.readOnly(true);
      const before = treeHash(ws);
      for (const args of commands) {
        const r = cli(...args);
        expectClearFailure(r, /The file system is read-only: cannot take the workspace lock/);
        expect(r.code).toBe(2);
      }
      expect(cli("versions").code).toBe(0);
      expect(treeHash(ws)).toBe(before);
      disk.readOnly(false);
      for (const args of commands) expect(cli(...args).code).toBe(0);
      expectStoreWhole();
    }, 120_000);

    it("a read-only bind mount of versions/ is named as such; the store beside it stays whole", () => {
      freshWorkspace();
      undo.push(disk.bindReadOnly(join(ws, "versions")));
      const before = treeHash(join(ws, "versions"));
      for (const args of [
        ["mark", "candidate", "rejected"],
        ["create-version", "exp1", "--from", "baseline"],
      ]) {
        const r = cli(...args);
        expectClearFailure(r, /read-only mount/);
        expect(r.code).toBe(2);
      }
      expect(treeHash(join(ws, "versions"))).toBe(before);
      undo.pop()!();
      expect(cli("mark", "candidate", "rejected").code).toBe(0);
    }, 120_000);
  },
);
