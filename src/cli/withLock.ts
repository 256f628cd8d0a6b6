import { join } from "node:path";
import { acquireLock } from "../store/FsLock.js";
import type { CliContext } from "./CliContext.js";

/** Runs a workspace change under the workspace lock, like `make` does. */
export async function withLock<T>(
  ctx: CliContext,
  command: string,
  work: () => Promise<T>,
  wait = false,
): Promise<T> {
  const release = await acquireLock(join(ctx.stagingDir, "lock"), {
    wait,
    command,
    warn: (m) => ctx.output.err(`warning: ${m}`),
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
