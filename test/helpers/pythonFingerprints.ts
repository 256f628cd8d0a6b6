import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("./prototypeFingerprint.py", import.meta.url));

/** Whether python3 can run the prototype's fingerprint. */
export function hasPython(): boolean {
  return spawnSync("python3", ["--version"], { stdio: "ignore" }).status === 0;
}

/** One python3 process answering the prototype's fingerprint of each root it is given, in turn. */
export function pythonFingerprints(): { of(root: string): Promise<string>; close(): Promise<void> } {
  const child = spawn("python3", [SCRIPT], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, PYTHONIOENCODING: "utf-8" },
  });
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => waiting.shift()?.(line));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    of: (root) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${root}\n`);
      }),
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
