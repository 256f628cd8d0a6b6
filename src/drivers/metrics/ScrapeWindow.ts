import type { Aggregate } from "./aggregate.js";
import { aggregate } from "./aggregate.js";
import type { SeriesRead } from "./readSeries.js";

/** What the sampler reports for its window. */
export interface ScrapeSummary {
  /** Scrapes attempted in the window (one per tick that ran). */
  samples: number;
  /** Scrapes that gave no usable exposition. */
  failures: number;
  /** failures / samples (1 when nothing was scraped at all: nothing was observed). */
  failureRatio: number;
  /** Ticks not scraped because a scrape was still running or the event loop was late; not failures. */
  skipped: number;
  /** Per metric, its aggregate over the window, or null (never 0) when unavailable. */
  metrics: Record<string, number | null>;
  /** Why each null metric is null. */
  unavailable: Record<string, string>;
}

/** Collects the per-sample reads of a window and folds them into a `ScrapeSummary`. */
export class ScrapeWindow {
  private attempts = 0;
  private failed = 0;
  private skippedTicks = 0;
  private readonly values = new Map<string, number[]>();
  private readonly published = new Set<string>();

  /** @param metrics metric name -> how it is aggregated; @param mode the platform mode, for reasons */
  constructor(
    private readonly metrics: Readonly<Record<string, Aggregate>>,
    private readonly mode: string,
  ) {
    for (const metric of Object.keys(metrics)) this.values.set(metric, []);
  }

  addSuccess(reads: Readonly<Record<string, SeriesRead>>): void {
    this.attempts++;
    for (const [metric, read] of Object.entries(reads)) {
      if (read.matched > 0) this.published.add(metric);
      if (read.value !== null) this.values.get(metric)?.push(read.value);
    }
  }

  addFailure(): void {
    this.attempts++;
    this.failed++;
  }

  addSkipped(ticks: number): void {
    this.skippedTicks += ticks;
  }

  summary(): ScrapeSummary {
    const metrics: Record<string, number | null> = {};
    const unavailable: Record<string, string> = {};
    const successes = this.attempts - this.failed;
    for (const [metric, how] of Object.entries(this.metrics)) {
      const value = aggregate(this.values.get(metric) ?? [], how);
      metrics[metric] = value;
      if (value !== null) continue;
      if (successes === 0) {
        unavailable[metric] =
          `no successful scrape in mode ${this.mode} (${this.failed} of ${this.attempts} failed)`;
      } else if (!this.published.has(metric)) {
        unavailable[metric] = `not published in mode ${this.mode}`;
      } else {
        unavailable[metric] = `published in mode ${this.mode} but never with a finite value (NaN or Inf)`;
      }
    }
    return {
      samples: this.attempts,
      failures: this.failed,
      failureRatio: this.attempts === 0 ? 1 : this.failed / this.attempts,
      skipped: this.skippedTicks,
      metrics,
      unavailable,
    };
  }
}
