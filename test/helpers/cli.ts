import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/staging.js", import.meta.url));

if (!existsSync(fileURLToPath(new URL("../../dist/bundle/cli.js", import.meta.url)))) {
  throw new Error("the CLI is not built: run `npm run build` (npm test does it first)");
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI to completion. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): CliResult {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, CI: "1", ...options.env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** Starts the built CLI and returns the child, for tests that kill it. */
export function startCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, CI: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Waits for a child to exit; resolves with its code (or -1 when killed by a signal). */
export function exited(child: ChildProcess): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

/** The paths of a string normalised to `<root>`, for inline snapshots. */
export function normalise(text: string, root: string): string {
  return text.split(root).join("<root>");
}

/** Resolves when the child's stderr has shown `pattern` `times` times (an observed event, not a time). */
export function whenStderr(child: ChildProcess, pattern: RegExp, times = 1): Promise<void> {
  let seen = 0;
  let text = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      text += d.toString();
      const lines = text.split("\n");
      text = lines.pop() ?? "";
      for (const line of lines) if (pattern.test(line) && ++seen >= times) return done(resolve);
    };
    const done = (settle: () => void) => {
      child.stderr?.off("data", onData);
      settle();
    };
    child.stderr?.on("data", onData);
    child.on("close", () =>
      done(() => reject(new Error(`exited before stderr showed ${pattern} ${times} time(s)`))),
    );
  });
}
