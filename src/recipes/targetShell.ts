import type { Shell } from "zx/core";
import { StagingError } from "../errors/index.js";
import { shellQuote } from "../targets/shellQuote.js";
import type { Target } from "../targets/Target.js";
import { TargetChild, type SpawnRequest } from "./TargetChild.js";

/** Where a recipe's commands run and what they start with. */
export interface ShellBinding {
  target: Target;
  /** The working directory of every command (on the target). */
  cwd: string;
  /** Variables set for every command, over the target's own environment. */
  env: Record<string, string>;
  /** Output of every command is appended here (the node's log). */
  logFile: string;
  signal: AbortSignal;
  /** Per command. */
  timeoutMs: number;
}

/**
 * zx's `$` bound to a target: each command is built by zx with staging's quoting (`shellQuote`:
 * every interpolated value single-quoted, arrays as one quoted word per item), then run by
 * `bash -c` through `target.run`, on this machine or over SSH alike, with `set -euo pipefail`.
 * Output goes to the node's log, not to the terminal; a failing command rejects with zx's
 * ProcessOutput (exit code and stderr). `$.sync` is not available on a target.
 */
export async function targetShell(binding: ShellBinding): Promise<Shell> {
  const { $ } = await import("zx/core");
  const base = { logFile: binding.logFile, timeoutMs: binding.timeoutMs };
  const spawn = (command: string, _args: readonly string[], request: SpawnRequest) =>
    new TargetChild(binding.target, command, request, base);
  return $({
    cwd: binding.cwd,
    env: binding.env,
    signal: binding.signal,
    shell: "bash",
    prefix: "set -euo pipefail; ",
    postfix: "",
    quote: shellQuote,
    quiet: true,
    verbose: false,
    detached: false,
    preferLocal: false,
    log: () => {},
    spawn: spawn as never,
    spawnSync: noSync as never,
  });
}

function noSync(): never {
  throw new StagingError("A recipe's $ runs on a target: $.sync is not available", {
    code: "E_RECIPE",
    facts: { expected: "await $`...`" },
  });
}
