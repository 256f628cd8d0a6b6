import type { FileHandle } from "node:fs/promises";
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { ExitCode, StagingError } from "../../errors/StagingError.js";

/** One line of the samples file. A value is null when its series is absent or the scrape failed. */
export interface SampleLine {
  /** Milliseconds from `start()` to the scrape's start, rounded. */
  t_ms: number;
  ok: boolean;
  values: Record<string, number | null>;
  error?: string;
}

/** The local JSON-lines file of a sampler's window: one `SampleLine` per scrape, in order. */
export class SamplesFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Creates the parent folders and truncates the file. Throws `E_SCRAPE_SAMPLES_FILE`. */
  static async open(path: string): Promise<SamplesFile> {
    try {
      await mkdir(dirname(path), { recursive: true });
      return new SamplesFile(path, await open(path, "w"));
    } catch (cause) {
      throw samplesFileError("open", path, cause);
    }
  }

  async write(line: SampleLine): Promise<void> {
    try {
      await this.handle.write(JSON.stringify(line) + "\n");
    } catch (cause) {
      throw samplesFileError("write", this.path, cause);
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

function samplesFileError(action: string, path: string, cause: unknown): StagingError {
  return new StagingError(`cannot ${action} the scrape samples file`, {
    code: "E_SCRAPE_SAMPLES_FILE",
    exitCode: ExitCode.nodeFailed,
    facts: { path, error: cause instanceof Error ? cause.message : String(cause) },
    cause,
  });
}
