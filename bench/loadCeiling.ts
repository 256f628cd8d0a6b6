import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AutocannonDriver, type LoadInput, type LoadResult } from "../src/drivers/load/index.js";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../", import.meta.url));

/**
 * The load generator's own ceiling: requests per second and p99 that autocannon reaches against a
 * trivial server on this machine, beside the demo service under the same load. When the two are
 * close, the load generator, not the service, is the bottleneck.
 */
export async function benchLoadCeiling(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "staging-bench-load-"));
  const trivial = createServer((req, res) => req.resume().on("end", () => res.end("ok")));
  await new Promise<void>((r) => trivial.listen(0, "127.0.0.1", r));
  const demo = await startDemo(work);
  try {
    const shape = { warmup_s: 1, duration_s: 4, connections: 4, timeout_s: 10 };
    const body = (path: string): LoadInput => ({
      url: "",
      load: shape,
      requests: [
        {
          name: "f",
          method: "POST",
          path,
          weight: 1,
          contentType: "text/plain",
          bodies: [{ body: "the quick brown fox ".repeat(200), responseSha256: "" }],
        },
      ],
      responseSample: 0,
      workDir: work,
      seed: 1,
    });
    const driver = new AutocannonDriver();
    const floor = await driver.run({
      ...body("/"),
      url: `http://127.0.0.1:${(trivial.address() as AddressInfo).port}`,
    });
    const service = await driver.run({ ...body("/functions/word-stats/invoke"), url: demo.url });
    console.log("load generator ceiling (autocannon, 4 connections, 4 s):");
    console.log(`  trivial server    ${line(floor)}`);
    console.log(`  demo word-stats   ${line(service)}`);
    console.log(
      `  ratio service/ceiling: throughput ${((service.throughput ?? 0) / (floor.throughput ?? 1)).toFixed(2)}, p99 ${((service.latencyUs.p99 ?? 0) / (floor.latencyUs.p99 ?? 1)).toFixed(2)}x`,
    );
  } finally {
    trivial.close();
    demo.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function line(r: LoadResult): string {
  return `${(r.throughput ?? 0).toFixed(0).padStart(6)} req/s   p99 ${((r.latencyUs.p99 ?? 0) / 1000).toFixed(3)} ms`;
}

async function startDemo(work: string): Promise<{ url: string; stop: () => void }> {
  const esbuild = join(REPO, "node_modules/.bin/esbuild");
  const out = join(work, "service.mjs");
  await new Promise<void>((resolve, reject) =>
    spawn(
      esbuild,
      [
        join(REPO, "experiments/demo/versions/baseline/snapshot/src/main.ts"),
        "--bundle",
        "--platform=node",
        "--format=esm",
        `--outfile=${out}`,
        "--log-level=warning",
      ],
      { stdio: "inherit" },
    ).on("exit", (c) => (c === 0 ? resolve() : reject(new Error("esbuild failed")))),
  );
  const child = spawn(process.execPath, [out], {
    env: { ...process.env, PORT: "0", STAGING_MODE: "node", STAGING_VERSION: "baseline" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout.on("data", (d: Buffer) => {
      const m = /"port":\s*(\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    }),
  );
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}
