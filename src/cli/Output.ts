/** Where the command line writes: stdout for results, stderr for progress and messages. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress may redraw; otherwise plain lines (CI). */
  readonly live: boolean;
}

export const processOutput: Output = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : text + "\n"),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : text + "\n"),
  live: process.stderr.isTTY === true && process.env.CI === undefined,
};
