import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { ExitCode, translateFsError } from "../errors/index.js";

/** One line of the log: a record, a node started, a node ended without a record, or a deletion. */
export type LogEntry =
  | { t: "record"; id: string; record: unknown; manifest?: unknown }
  | { t: "start"; id: string }
  | { t: "end"; id: string }
  | { t: "delete"; id: string };

const HEADER = JSON.stringify({ "staging-store": 1 });

/**
 * An append-only log of JSON lines, each with a checksum: the store's commit point. A line torn
 * by a crash or a full disk fails its checksum and is skipped, so a record is either wholly there
 * or absent; the next append starts on a fresh line, so it never joins a torn one. Appends reach
 * the kernel at once (a killed process loses nothing); fsync is batched and forced by `flush()`.
 * Reloading replays the log; `compact()` rewrites it atomically with live entries only.
 */
export class RecordLog {
  private fd: number | undefined;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** Every valid entry in order, and how many lines were skipped as damaged. A log of another format is reported and read as empty. */
  read(): { entries: LogEntry[]; lines: number; damaged: number } {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { entries: [], lines: 0, damaged: 0 };
      throw translateFsError(error, { action: "read the store's record log", field: "records.log" });
    }
    // A header cut short (the disk filled as the log was made) holds nothing: an empty log.
    if ((HEADER + "\n").startsWith(text)) return { entries: [], lines: 0, damaged: 0 };
    const lines = text.split("\n");
    if (lines[0] !== HEADER) {
      this.warn(`the store ${this.path} has another format; every node will be rebuilt`);
      return { entries: [], lines: 0, damaged: 0 };
    }
    const entries: LogEntry[] = [];
    let damaged = 0;
    lines.forEach((line, i) => {
      if (i === 0 || line === "") return;
      const entry = parseLine(line);
      if (entry) entries.push(entry);
      else {
        damaged++;
        this.warn(
          `line ${i + 1} of ${this.path} is damaged (a write cut short by a crash or a full disk) and was skipped: ` +
            "a node it recorded runs again unless an earlier record of it still holds; " +
            "the next command that writes the store drops the line",
        );
      }
    });
    return { entries, lines: lines.length - 1, damaged };
  }

  append(entry: LogEntry): void {
    try {
      if (this.fd === undefined) this.fd = openForAppend(this.path);
      writeSync(this.fd, formatLine(entry));
    } catch (error) {
      // A line cut short here is skipped when read, and the next append starts on a fresh line.
      this.close();
      throw translateFsError(error, {
        action: `append to the store's record log ${this.path}`,
        path: this.path,
        exitCode: ExitCode.nodeFailed,
      });
    }
    this.dirty = true;
    this.timer ??= setTimeout(() => this.sync(), 200).unref();
  }

  /** Synchronous, so that no append can land in the file being replaced. */
  compact(entries: LogEntry[]): void {
    this.close();
    const tmp = `${this.path}.compact-${process.pid}`;
    try {
      const fd = openSync(tmp, "w");
      try {
        writeSync(fd, [HEADER + "\n", ...entries.map(formatLine)].join(""));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.path);
    } catch (error) {
      rmQuietly(tmp);
      throw translateFsError(error, {
        action: `rewrite the store's record log ${this.path}`,
        path: this.path,
        exitCode: ExitCode.nodeFailed,
      });
    }
  }

  async flush(): Promise<void> {
    this.sync();
    return Promise.resolve();
  }

  close(): void {
    try {
      this.sync();
    } finally {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private sync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const dirty = this.dirty;
    this.dirty = false;
    if (this.fd === undefined || !dirty) return;
    try {
      fsyncSync(this.fd);
    } catch (error) {
      throw translateFsError(error, {
        action: `flush the store's record log ${this.path}`,
        path: this.path,
        exitCode: ExitCode.nodeFailed,
      });
    }
  }
}

/** Opens the log for appending: the header into an empty file, a newline after a torn last line. */
function openForAppend(path: string): number {
  const fd = openSync(path, "a+");
  try {
    let size = fstatSync(fd).size;
    if (size > 0 && size <= HEADER.length && isHeaderPrefix(fd, size)) {
      ftruncateSync(fd, 0);
      size = 0;
    }
    if (size === 0) writeSync(fd, HEADER + "\n");
    else {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) writeSync(fd, "\n");
    }
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** Whether the first `size` bytes of the log are the beginning of its header: a header cut short. */
function isHeaderPrefix(fd: number, size: number): boolean {
  const head = Buffer.alloc(size);
  readSync(fd, head, 0, size, 0);
  return HEADER.startsWith(head.toString("utf8"));
}

function rmQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // not there
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
