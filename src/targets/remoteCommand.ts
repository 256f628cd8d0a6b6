import type { RunOptions } from "./Target.js";
import { shellJoin, shellQuote } from "./shellQuote.js";

/** Printed by the remote shell on stderr before the command starts, then stripped: `<RS>staging-pid:<pid><RS>`. */
export const PID_MARKER_START = "\x1estaging-pid:";
export const PID_MARKER_END = "\x1e";

/**
 * The command string sent over SSH for an argument list: every argument, cwd and env value
 * single-quoted by `shellQuote`, so the remote shell runs exactly `argv` and nothing else.
 *
 *   printf '<RS>staging-pid:%s<RS>' "$$" >&2; cd 'dir' && K='v' && export K && exec 'prog' 'arg'...
 *
 * The pid (sshd makes the session's shell a session and process-group leader, and `exec` keeps its
 * pid) lets a timeout or an abort kill the whole group through a second channel, because OpenSSH
 * refuses channel signals for some sessions (root logins among them). Env names are checked by
 * `validateCommand` before this is called.
 */
export function remoteCommand(
  argv: readonly string[],
  options: Pick<RunOptions, "cwd" | "env"> = {},
): string {
  const parts = [`printf '${PID_MARKER_START.replace("\x1e", "\\036")}%s\\036' "$$" >&2`];
  const steps: string[] = [];
  if (options.cwd !== undefined)
    steps.push(`cd ${shellQuote(options.cwd.startsWith("-") ? `./${options.cwd}` : options.cwd)}`);
  for (const [name, value] of Object.entries(options.env ?? {})) {
    steps.push(`${name}=${shellQuote(value)}`, `export ${name}`);
  }
  steps.push(`exec ${shellJoin(argv)}`);
  parts.push(steps.join(" && "));
  return parts.join("; ");
}

/** The argv that kills a remote process group (and its session, where pkill exists): TERM, then KILL. */
export function killGroupArgv(pid: number, graceSeconds: number): string[] {
  const script = [
    'kill -s TERM -- "-$1" 2>/dev/null; pkill -TERM -s "$1" 2>/dev/null',
    'i=0; while [ "$i" -lt "$2" ] && kill -s 0 -- "-$1" 2>/dev/null; do sleep 1; i=$((i+1)); done',
    'kill -s KILL -- "-$1" 2>/dev/null; pkill -KILL -s "$1" 2>/dev/null; exit 0',
  ].join("\n");
  return ["sh", "-c", script, "sh", String(pid), String(graceSeconds)];
}
