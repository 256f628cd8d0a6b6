import { fmt, spread, type Timing } from "./measure.js";

/** A target: the figure of `subject` over `reference`'s (both medians) is at most `atMost`. */
export interface Target {
  name: string;
  ratio: number;
  atMost: number;
}

const targets: Target[] = [];

/** A Markdown table of commands, each beside its reference from the same run. */
export class Table {
  private readonly rows: string[][] = [];

  constructor(
    private readonly title: string,
    private readonly note: string,
  ) {}

  /** A command's figures; with a reference, their ratio; with a target, whether it is met and by how much. */
  row(t: Timing, reference?: Timing, atMost?: number, extra = ""): this {
    const ratio = reference ? t.median / reference.median : undefined;
    const memory = t.peakKiB === undefined ? "" : `${(t.peakKiB / 1024).toFixed(0)} MiB`;
    const verdictText =
      ratio !== undefined && atMost !== undefined ? verdict(t.label, reference!, ratio, atMost) : "";
    this.rows.push([
      cell(t.label),
      spread(t),
      ratio === undefined ? "" : `${ratio.toFixed(2)}x ${cell(reference!.label)}`,
      memory,
      [verdictText, extra].filter(Boolean).join("; "),
    ]);
    return this;
  }

  print(): void {
    console.log(`\n### ${this.title}\n\n${this.note}\n`);
    console.log("| command | median (min–max) | ratio of medians | peak memory | target |");
    console.log("|---|---|---|---|---|");
    for (const row of this.rows) console.log(`| ${row.join(" | ")} |`);
  }
}

/** `met` or by how much it is missed; recorded for the summary. */
export function verdict(name: string, reference: Timing, ratio: number, atMost: number): string {
  targets.push({ name: `${name} vs ${reference.label}`, ratio, atMost });
  return ratio <= atMost
    ? `≤ ${atMost}x: met`
    : `≤ ${atMost}x: **missed**, ${(ratio / atMost).toFixed(2)}x over`;
}

/** A target on a figure that is not a time ratio (throughput, memory). */
export function check(name: string, value: number, atMost: number, unit: string): string {
  targets.push({ name, ratio: value, atMost });
  const shown = `${value.toFixed(2)}${unit}`;
  return value <= atMost
    ? `${shown} ≤ ${atMost}${unit}: met`
    : `${shown} ≤ ${atMost}${unit}: **missed**, ${(value / atMost).toFixed(2)}x over`;
}

export function printSummary(): void {
  console.log("\n### Targets\n");
  console.log("| figure | measured | target | |");
  console.log("|---|---|---|---|");
  for (const t of targets)
    console.log(
      `| ${cell(t.name)} | ${t.ratio.toFixed(2)} | ≤ ${t.atMost} | ${t.ratio <= t.atMost ? "met" : `missed by ${(t.ratio / t.atMost).toFixed(2)}x`} |`,
    );
}

/** A table cell: a pipe in the text would end it. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

export { fmt };
