import type { Readable } from "node:stream";
import type { ToolName } from "./probeTools.js";

/** What a command produced on a target. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory on the target. */
  cwd?: string;
  /** Extra environment variables for the command (values are quoted by the target). */
  env?: Record<string, string>;
  /** Text written to the command's stdin, or a stream piped to it (its end closes stdin). */
  stdin?: string | Readable;
  /** Kill the command after this many milliseconds. @default 600000 */
  timeoutMs?: number;
  /** Output is appended to this local file as it arrives (the node's log). */
  logFile?: string;
  /** Called with each chunk of output as it arrives (the live view). */
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
  /** Aborting kills the command (SIGINT of a `make`). */
  signal?: AbortSignal;
}

/** Who a target is: an input of image, deploy and run nodes, so a different machine means a rebuild. */
export interface TargetIdentity {
  /** `local` or `ssh`. */
  kind: "local" | "ssh";
  /** Host key fingerprint (SHA256:...) for SSH, machine id for local. */
  id: string;
  os: string;
  arch: string;
  /** Versions of tools found on the target; absent tools are left out. */
  tools: Partial<Record<"docker" | "k6" | "helm" | "kubectl" | "node" | "bun", string>>;
}

/**
 * Where commands run: this machine or a VM reached only over SSH. Commands are argument lists,
 * quoted by the implementation, never by callers.
 */
export interface Target {
  /** A short name for messages, e.g. `local` or `ssh://ci@127.0.0.1:2222`. */
  readonly name: string;
  /** This machine, or a machine reached over SSH (whose loopback is reached through port forwards). */
  readonly kind: "local" | "ssh";
  /** Runs `argv` and resolves with its exit code; rejects only when the command could not be run. */
  run(argv: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** Copies a local tree to `remoteDir` on the target, replacing it atomically. */
  uploadTree(localDir: string, remoteDir: string): Promise<void>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  /**
   * The machine, and the versions of `tools` (default: all that staging knows): a command asks only
   * for the tools whose versions its nodes' keys hold, so it runs no other.
   */
  identity(tools?: readonly ToolName[]): Promise<TargetIdentity>;
  /** A local URL reaching `port` on the target's loopback (SSH port forwarding); absent for this machine. */
  forwardPort?(port: number): Promise<{ url: string; close(): Promise<void> }>;
  /** The target's home directory (where relative project dirs are rooted). */
  home(): Promise<string>;
  close(): Promise<void>;
}
