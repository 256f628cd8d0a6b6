import { createHash } from "node:crypto";
import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";

/** One line of the log: a record, a node started, a node ended without a record, or a deletion. */
export type LogEntry =
  | { t: "record"; id: string; record: unknown; manifest?: unknown }
  | { t: "start"; id: string }
  | { t: "end"; id: string }
  | { t: "delete"; id: string };

const HEADER = JSON.stringify({ "staging-store": 1 });

/**
 * An append-only log of JSON lines, each with a checksum: the store's commit point. A line torn
 * by a crash fails its checksum and is ignored, so a record is either wholly there or absent.
 * Appends reach the kernel at once (a killed process loses nothing); fsync is batched and forced
 * by `flush()`. Reloading replays the log; `compact()` rewrites it atomically with live entries only.
 */
export class RecordLog {
  private fd: number | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Every valid entry in order. A log of another format is reported and read as empty. */
  read(): { entries: LogEntry[]; lines: number } {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], lines: 0 };
      throw error;
    }
    const lines = text.split("\n");
    if (lines[0] !== HEADER) {
      this.warn(`the store ${this.path} has another format; every node will be rebuilt`);
      return { entries: [], lines: 0 };
    }
    const entries: LogEntry[] = [];
    for (const line of lines.slice(1)) {
      if (line === "") continue;
      const entry = parseLine(line);
      if (entry) entries.push(entry);
      else
        this.warn(
          `a damaged line in ${this.path} was ignored (an interrupted write); its node will be rebuilt`,
        );
    }
    return { entries, lines: lines.length - 1 };
  }

  append(entry: LogEntry): void {
    if (this.fd === undefined) {
      this.fd = openSync(this.path, "a");
      if (fstatSync(this.fd).size === 0) writeSync(this.fd, HEADER + "\n");
    }
    writeSync(this.fd, formatLine(entry));
    this.dirty = true;
    this.timer ??= setTimeout(() => this.sync(), 200).unref();
  }

  /** Synchronous, so that no append can land in the file being replaced. */
  compact(entries: LogEntry[]): void {
    this.close();
    const tmp = `${this.path}.compact-${process.pid}`;
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, [HEADER + "\n", ...entries.map(formatLine)].join(""));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }

  async flush(): Promise<void> {
    this.sync();
    return Promise.resolve();
  }

  close(): void {
    this.sync();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private sync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.fd !== undefined && this.dirty) fsyncSync(this.fd);
    this.dirty = false;
  }
}

function formatLine(entry: LogEntry): string {
  const body = JSON.stringify(entry);
  return `${checksum(body)} ${body}\n`;
}

function parseLine(line: string): LogEntry | undefined {
  const space = line.indexOf(" ");
  const body = line.slice(space + 1);
  if (space !== 16 || checksum(body) !== line.slice(0, 16)) return undefined;
  try {
    return JSON.parse(body) as LogEntry;
  } catch {
    return undefined;
  }
}

function checksum(body: string): string {
  return createHash("sha256").update(body).digest("hex").slice(0, 16);
}
