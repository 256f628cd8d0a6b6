import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { RunOptions } from "./Target.js";

type Stream = "stdout" | "stderr";

/**
 * Where a command's output goes while it runs: appended to the node's log file, passed to the
 * live view as decoded text (multi-byte characters split across chunks stay whole), and kept in
 * memory for the result. Both targets use it, so both stream the same way.
 */
export class OutputSink {
  private readonly chunks: Record<Stream, Buffer[]> = { stdout: [], stderr: [] };
  private readonly decoders: Record<Stream, StringDecoder> = {
    stdout: new StringDecoder("utf8"),
    stderr: new StringDecoder("utf8"),
  };
  private fd: number | undefined;

  constructor(private readonly options: Pick<RunOptions, "logFile" | "onOutput"> = {}) {
    if (options.logFile !== undefined) {
      mkdirSync(dirname(options.logFile), { recursive: true });
      this.fd = openSync(options.logFile, "a");
    }
  }

  /** A line for the log file only (e.g. which command runs where); never sent to the live view. */
  note(line: string): void {
    if (this.fd !== undefined) writeSync(this.fd, `${line}\n`);
  }

  write(stream: Stream, chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks[stream].push(chunk);
    if (this.fd !== undefined) writeSync(this.fd, chunk);
    const text = this.decoders[stream].write(chunk);
    if (text !== "" && this.options.onOutput) this.options.onOutput(text, stream);
  }

  /** Flushes the decoders, closes the log file and returns everything that was written. */
  finish(): { stdout: string; stderr: string } {
    for (const stream of ["stdout", "stderr"] as const) {
      const rest = this.decoders[stream].end();
      if (rest !== "" && this.options.onOutput) this.options.onOutput(rest, stream);
    }
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    return {
      stdout: Buffer.concat(this.chunks.stdout).toString("utf8"),
      stderr: Buffer.concat(this.chunks.stderr).toString("utf8"),
    };
  }
}
