import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { PassThrough, type Readable } from "node:stream";
import { replaceDirArgv, tempSibling } from "./replaceDir.js";
import type { CommandResult, RunOptions } from "./Target.js";
import { fileError } from "./targetErrors.js";

/** A target that can feed a stream to a command's stdin. */
export interface StreamingRunner {
  readonly name: string;
  exec(
    argv: readonly string[],
    options?: Omit<RunOptions, "stdin"> & { stdin?: string | Readable },
  ): Promise<CommandResult>;
}

const EXTRACT = 'mkdir -p -- "$1" && exec tar -x -o -f - -C "$1"';

/**
 * Uploads a local tree as one tar stream (modes, mtimes, symlinks and dotfiles kept; one round trip
 * however many files) into a hidden sibling of `remoteDir`, then swaps it in with renames.
 * A failure removes the partial upload and leaves the old tree as it was.
 */
export async function uploadTreeViaTar(
  target: StreamingRunner,
  localDir: string,
  remoteDir: string,
  timeoutMs = 1_800_000,
): Promise<void> {
  if (!isDirectory(localDir)) throw fileError(target.name, "upload", localDir, "not a local directory");
  const tmp = tempSibling(remoteDir);
  const tar = spawn("tar", ["-C", localDir, "-cf", "-", "."], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, COPYFILE_DISABLE: "1" },
  });
  const packed = tarResult(tar);
  // Buffered until the remote side reads it, so a small tree finished before the channel opens still arrives.
  const archive = new PassThrough();
  tar.stdout?.pipe(archive);
  try {
    const extracted = await target.exec(["sh", "-c", EXTRACT, "sh", tmp], { stdin: archive, timeoutMs });
    const local = await packed;
    if (local.code !== 0)
      throw fileError(target.name, "upload", localDir, `local tar failed: ${local.stderr}`);
    if (extracted.exitCode !== 0)
      throw fileError(target.name, "upload a tree to", remoteDir, extracted.stderr);
    const swapped = await target.exec(replaceDirArgv(tmp, remoteDir), { timeoutMs: 300_000 });
    if (swapped.exitCode !== 0) throw fileError(target.name, "replace", remoteDir, swapped.stderr);
  } catch (error) {
    tar.kill();
    await target.exec(["rm", "-rf", "--", tmp], { timeoutMs: 300_000 }).catch(() => undefined);
    throw error;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function tarResult(tar: ReturnType<typeof spawn>): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  tar.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve) => {
    tar.on("error", (error) => resolve({ code: -1, stderr: error.message }));
    tar.on("close", (code) => resolve({ code: code ?? -1, stderr: stderr.trim() }));
  });
}
