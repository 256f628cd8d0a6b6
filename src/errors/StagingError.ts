/** Exit codes of the command line, as documented in DESIGN.md. */
export const ExitCode = {
  ok: 0,
  nodeFailed: 1,
  badInput: 2,
  locked: 3,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** One fact of an error, printed as an aligned `key: value` line. */
export type ErrorFacts = Record<string, string | number | undefined>;

export interface StagingErrorOptions {
  /** Stable machine-readable code, e.g. `E_SLUG`, `E_BENCHMARK_SCHEMA`. */
  code: string;
  /** Process exit code when this error reaches `main`. @default 2 */
  exitCode?: ExitCode;
  /** Aligned facts: file, line, field, expected, got. */
  facts?: ErrorFacts;
  /** One line that says what to do. */
  hint?: string;
  cause?: unknown;
}

/**
 * The one error type users see. `main` prints `format()` and exits with `exitCode`;
 * any other error is a bug and prints its stack.
 */
export class StagingError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly facts: ErrorFacts;
  readonly hint: string | undefined;

  constructor(headline: string, options: StagingErrorOptions) {
    super(headline, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "StagingError";
    this.code = options.code;
    this.exitCode = options.exitCode ?? ExitCode.badInput;
    this.facts = options.facts ?? {};
    this.hint = options.hint;
  }

  /** Headline, aligned facts, hint: the shape every message of the tool has. */
  format(): string {
    const entries = Object.entries(this.facts).filter(
      (e): e is [string, string | number] => e[1] !== undefined,
    );
    const width = Math.max(0, ...entries.map(([k]) => k.length));
    const lines = [`error: ${this.message}`];
    for (const [key, value] of entries) {
      const text = String(value).replace(/\n/g, "\n" + " ".repeat(width + 4));
      lines.push(`  ${(key + ":").padEnd(width + 1)} ${text}`);
    }
    if (this.hint) lines.push(`hint: ${this.hint}`);
    return lines.join("\n");
  }
}

export function isStagingError(error: unknown): error is StagingError {
  return error instanceof StagingError;
}
