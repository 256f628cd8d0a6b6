import { PID_MARKER_END, PID_MARKER_START } from "../remoteCommand.js";

const START = Buffer.from(PID_MARKER_START, "latin1");
const END = Buffer.from(PID_MARKER_END, "latin1");
/** Give up looking after this much stderr (a chatty login script); output is passed on untouched. */
const LIMIT = 64 * 1024;

/**
 * Takes the pid marker that `remoteCommand` prints first on stderr out of the stream and keeps the
 * pid. Until the marker is complete, stderr is held back (it may arrive split over chunks).
 */
export class PidMarkerFilter {
  pid: number | undefined;
  private held: Buffer = Buffer.alloc(0);
  private done = false;

  /** Returns the bytes to pass on now. */
  push(chunk: Buffer): Buffer {
    if (this.done) return chunk;
    this.held = Buffer.concat([this.held, chunk]);
    const start = this.held.indexOf(START);
    if (start === -1) return this.held.length > LIMIT ? this.release() : Buffer.alloc(0);
    const end = this.held.indexOf(END, start + START.length);
    if (end === -1) return this.held.length > LIMIT ? this.release() : Buffer.alloc(0);
    const text = this.held.subarray(start + START.length, end).toString("latin1");
    if (/^[0-9]+$/.test(text)) this.pid = Number(text);
    const rest = Buffer.concat([this.held.subarray(0, start), this.held.subarray(end + END.length)]);
    this.held = Buffer.alloc(0);
    this.done = true;
    return rest;
  }

  /** The stream ended: whatever is still held back. */
  flush(): Buffer {
    return this.release();
  }

  private release(): Buffer {
    const out = this.held;
    this.held = Buffer.alloc(0);
    this.done = true;
    return out;
  }
}
