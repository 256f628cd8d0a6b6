import { performance } from "node:perf_hooks";
import { isStagingError } from "../../errors/StagingError.js";
import { parseExposition } from "./parseExposition.js";
import type { SeriesRead } from "./readSeries.js";
import { sumSeries } from "./readSeries.js";
import type { ResolvedSamplerOptions, SamplerOptions } from "./samplerOptions.js";
import { resolveSamplerOptions } from "./samplerOptions.js";
import type { SampleLine } from "./SamplesFile.js";
import { SamplesFile } from "./SamplesFile.js";
import type { FetchLike } from "./scrapeOnce.js";
import { scrapeOnce } from "./scrapeOnce.js";
import type { ScrapeSummary } from "./ScrapeWindow.js";
import { ScrapeWindow } from "./ScrapeWindow.js";

interface Running extends ResolvedSamplerOptions {
  window: ScrapeWindow;
  file: SamplesFile | undefined;
  fetch: FetchLike;
  t0: number;
}

/**
 * Scrapes a Prometheus endpoint on a fixed grid (`start` + k x interval, no drift) during a
 * measured window, then folds each metric over the window. Every scrape attempted is a sample; one
 * that fails (connection refused, timeout, status other than 200, text that does not parse) is a
 * failure. Scrapes never overlap: when a tick comes due while a scrape is still running, or while
 * this process's event loop is busy (the in-process load generator), the latest due tick runs as
 * soon as possible and the earlier ones are skipped, counted in `skipped` and not as failures:
 * they say nothing about the service, and with the default timeout (= interval) an endpoint too
 * slow to answer already shows up as timeouts, which would otherwise count twice.
 * `stop()` waits for the scrape in flight (at most the timeout) and runs no further tick.
 */
export class PrometheusSampler {
  private running: Running | undefined;
  private loop: Promise<void> | undefined;
  private stopped: Promise<ScrapeSummary> | undefined;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private loopError: Error | undefined;

  /**
   * Checks the options (E_SCRAPE_TARGET, E_SCRAPE_SELECTOR, E_SCRAPE_OPTIONS), opens the samples
   * file (E_SCRAPE_SAMPLES_FILE), starts the window's clock and scrapes at once (t = 0).
   */
  async start(options: SamplerOptions): Promise<void> {
    if (this.running !== undefined) throw new Error("PrometheusSampler.start() was already called");
    const resolved = resolveSamplerOptions(options);
    const file = options.samplesFile === undefined ? undefined : await SamplesFile.open(options.samplesFile);
    const running: Running = {
      ...resolved,
      window: new ScrapeWindow(resolved.aggregates, options.mode),
      file,
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
      t0: performance.now(),
    };
    this.running = running;
    this.loop = this.run(running).catch((error: unknown) => {
      this.loopError = error instanceof Error ? error : new Error(String(error));
    });
  }

  /**
   * Ends the window and reports it; calling it again returns the same summary. Rejects with
   * E_SCRAPE_SAMPLES_FILE when the samples file could not be written (sampling stopped there).
   */
  stop(): Promise<ScrapeSummary> {
    const running = this.running;
    const loop = this.loop;
    if (running === undefined || loop === undefined) {
      return Promise.reject(new Error("PrometheusSampler.stop() before start()"));
    }
    this.stopped ??= (async () => {
      this.stopping = true;
      clearTimeout(this.timer);
      this.wake?.();
      await loop;
      await running.file?.close();
      if (this.loopError !== undefined) throw this.loopError;
      return running.window.summary();
    })();
    return this.stopped;
  }

  private async run(r: Running): Promise<void> {
    let tick = 0;
    while (!this.stopping) {
      await this.sleepUntil(r.t0 + tick * r.intervalMs);
      if (this.stopping) return;
      const now = performance.now();
      const due = Math.max(tick, Math.floor((now - r.t0) / r.intervalMs));
      r.window.addSkipped(due - tick);
      await this.scrape(r, now - r.t0);
      tick = due + 1;
    }
  }

  private async scrape(r: Running, tMs: number): Promise<void> {
    const t_ms = Math.round(tMs);
    const result = await scrapeOnce(r.url, r.timeoutMs, r.fetch);
    const outcome = result.ok ? readAll(result.text, r) : result.error;
    let line: SampleLine;
    if (typeof outcome === "string") {
      r.window.addFailure();
      line = { t_ms, ok: false, values: nulls(r), error: outcome };
    } else {
      r.window.addSuccess(outcome);
      const values = Object.fromEntries(Object.entries(outcome).map(([m, read]) => [m, read.value]));
      line = { t_ms, ok: true, values };
    }
    await r.file?.write(line);
  }

  private sleepUntil(at: number): Promise<void> {
    const ms = at - performance.now();
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }
}

/** Every metric's read of one exposition, or why the text is unusable. */
function readAll(text: string, r: Running): Record<string, SeriesRead> | string {
  let samples;
  try {
    samples = parseExposition(text);
  } catch (error) {
    if (!isStagingError(error) || error.code !== "E_SCRAPE_PARSE") throw error;
    return `${error.message} (line ${error.facts.line}: ${error.facts.problem})`;
  }
  const reads: Record<string, SeriesRead> = {};
  for (const [metric, selector] of r.selectors) reads[metric] = sumSeries(samples, selector);
  return reads;
}

function nulls(r: Running): Record<string, null> {
  return Object.fromEntries(r.selectors.map(([metric]) => [metric, null]));
}
