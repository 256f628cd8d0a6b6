import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  PrometheusSampler,
  processPeakRss,
  type SamplerOptions,
} from "../../../../src/drivers/metrics/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import { requireOrSkip } from "../../../helpers/integration.js";
import { buildService, bunAvailable, startService, type Mode } from "../../demo/demoService.js";

/** The demo benchmark's node selectors, asked of both modes: bun must answer "not published". */
const selectors: SamplerOptions["selectors"] = {
  node_heap: { series: "nodejs_heap_used_bytes", aggregate: "max" },
  gc_pause: { series: "nodejs_gc_pause_seconds_total", aggregate: "increase" },
  bun_heap: { series: "process_heap_bytes", aggregate: "max" },
  rss: { series: "process_resident_memory_bytes", aggregate: "max" },
};

const modes: Mode[] = requireOrSkip(bunAvailable, "bun (node_modules/.bin/bun)") ? ["node", "bun"] : ["node"];
const work = mkdtempSync(join(tmpdir(), "staging-metrics-demo-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(modes)("sampling the demo service in %s mode", (mode) => {
  it("reads the series this mode publishes and names the ones it does not", async () => {
    const build = await buildService("baseline", mode, join(work, mode));
    const service = await startService(build, { STAGING_MODE: mode });
    try {
      const sampler = new PrometheusSampler();
      await sampler.start({
        url: `http://127.0.0.1:${service.port}`,
        intervalMs: 50,
        timeoutMs: 1000,
        selectors,
        mode,
      });
      for (let i = 0; i < 40; i++) {
        await fetch(`http://127.0.0.1:${service.port}/functions/word-stats/invoke`, {
          method: "POST",
          body: JSON.stringify({ text: "the quick brown fox ".repeat(200) }),
        }).then((r) => r.arrayBuffer());
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      const summary = await sampler.stop();
      expect(summary.failures).toBe(0);
      expect(summary.metrics.rss).toBeGreaterThan(1e6);
      if (mode === "node") {
        expect(summary.metrics.node_heap).toBeGreaterThan(1e6);
        expect(summary.metrics.gc_pause).toBeGreaterThanOrEqual(0);
        expect(summary.unavailable).toEqual({ bun_heap: "not published in mode node" });
      } else {
        expect(summary.metrics.bun_heap).toBeGreaterThan(1e5);
        expect(summary.metrics.gc_pause).toBeNull();
        expect(summary.unavailable).toEqual({
          node_heap: "not published in mode bun",
          gc_pause: "not published in mode bun",
        });
      }
      if (process.platform === "linux") {
        const peak = await processPeakRss(new LocalTarget(), service.child.pid!);
        expect(peak.source).toBe("VmHWM");
        // The service's own peak is at least the largest RSS it reported while sampled.
        expect(peak.bytes!).toBeGreaterThanOrEqual(summary.metrics.rss!);
      }
    } finally {
      service.child.kill("SIGTERM");
      await service.exited;
    }
  });
});
