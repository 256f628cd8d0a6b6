import type { ModeTable } from "./Aggregate.js";
import { fixed, formatP } from "./formatNumber.js";
import { moreRoundsNote } from "./verdictCells.js";

/**
 * What qualifies a mode's verdicts, one sentence each: the rounds that would probably decide an
 * open metric, a version still warming up, how long warm-up took, busy windows and CPU placement.
 * Both report formats print these same notes; version names are in backticks, which the HTML
 * report turns into `<code>`.
 */
export function modeNotes(table: ModeTable): string[] {
  const notes: string[] = [];
  for (const row of table.metrics) {
    const note = moreRoundsNote(row);
    if (note) notes.push(note);
  }
  for (const w of table.warmup) {
    if (!w.warming) continue;
    const rounds =
      w.rounds_falling.length > 0 ? `; falling in every window of rounds ${w.rounds_falling.join(", ")}` : "";
    notes.push(
      `\`${w.version}\` was still warming up: p50 fell ${fixed(-w.slope_pct, 1)}% per window (seasonal Kendall p ${formatP(w.p)})${rounds}`,
    );
  }
  if (table.warmed_s)
    notes.push(
      `warm-up: ${fixed(table.warmed_s.median, 1)} s of load before measuring (median; at most ${fixed(table.warmed_s.max, 1)} s)`,
    );
  const { busy, total } = table.busy_windows;
  if (total > 0) notes.push(`busy windows (other work ≥ 0.5 CPU or steal ≥ 5%): ${busy} of ${total}`);
  if (table.pinning) notes.push(`CPUs: ${table.pinning}`);
  if (table.endpoints.length === 0) notes.push("per endpoint: no run recorded figures per request name");
  return notes;
}
