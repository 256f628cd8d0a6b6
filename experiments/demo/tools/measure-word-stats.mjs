// By-hand A/B measurement of the demo's hypothesis (not a test, not the campaign): builds baseline
// and candidate in one mode into a temp dir, starts each on a free port, and drives the benchmark's
// closed-loop load (autocannon, N connections) with the corpus, alternating versions each round.
// Prints each service's startup time (spawn to the first 200 on /health), then p50/p95/p99 latency
// (ms, from every response) and throughput per version and round. Mode jvm compiles with javac and
// runs the command of docker/jvm.Dockerfile's CMD (the deploy command's JVM flags).
//
//   node experiments/demo/tools/measure-word-stats.mjs [--mode node|bun|jvm] [--rounds 3]
//        [--duration 5] [--warmup 1] [--connections 4] [--mix]   (--mix: word-stats + json-transform 50/50)
import autocannon from "autocannon";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const demo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = resolve(demo, "../../node_modules/.bin");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const mode = arg("mode", "node");
const rounds = Number(arg("rounds", 3));
const duration = Number(arg("duration", 5));
const warmup = Number(arg("warmup", 1));
const connections = Number(arg("connections", 4));
const mix = process.argv.includes("--mix");

const corpus = (fn) =>
  readFileSync(join(demo, "benchmark/corpus", `${fn}.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => ({ fn, body: JSON.parse(l).body }));
const requests = mix ? interleave(corpus("word-stats"), corpus("json-transform")) : corpus("word-stats");

function interleave(a, b) {
  return a.flatMap((x, i) => (b[i] ? [x, b[i]] : [x]));
}

function build(version, out) {
  const snapshot = join(demo, "versions", version, "snapshot");
  const src = join(snapshot, "src/main.ts");
  mkdirSync(out, { recursive: true });
  const args = {
    node: [
      join(bin, "esbuild"),
      [src, "--bundle", "--platform=node", "--format=esm", `--outfile=${out}/service.mjs`],
    ],
    bun: [join(bin, "bun"), ["build", "--compile", src, "--outfile", `${out}/service`]],
    jvm: [
      "javac",
      [
        "--release",
        "17",
        "-d",
        `${out}/classes`,
        "--source-path",
        `${snapshot}/jvm/src`,
        `${snapshot}/jvm/src/demo/Main.java`,
      ],
    ],
  }[mode];
  // cwd = out: bun build --compile writes a temporary file into its cwd.
  const r = spawnSync(args[0], args[1], { cwd: out, stdio: "pipe" });
  if (r.status !== 0) throw new Error(`build ${version}/${mode} failed: ${r.stderr}`);
  if (mode === "jvm") {
    const cmd = JSON.parse(
      /^CMD (\[.*\])$/m.exec(readFileSync(join(demo, "docker/jvm.Dockerfile"), "utf8"))[1],
    );
    return [cmd[0], cmd.slice(1).map((arg) => arg.replace("/app", out))];
  }
  return mode === "node" ? ["node", [`${out}/service.mjs`]] : [`${out}/service`, []];
}

async function start(version, command) {
  const started = performance.now();
  const child = spawn(command[0], command[1], {
    env: { ...process.env, PORT: "0", STAGING_VERSION: version, STAGING_MODE: mode },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /"port":(\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    child.on("exit", (code) => fail(new Error(`${version} exited with ${code}`)));
  });
  while ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status !== 200) {
    await new Promise((r) => setTimeout(r, 5));
  }
  process.stdout.write(`${version}: healthy ${(performance.now() - started).toFixed(0)} ms after spawn\n`);
  return { child, port };
}

function load(port, seconds) {
  let next = 0;
  const times = [];
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const r = requests[next++ % requests.length];
          const type = r.fn === "word-stats" ? "text/plain; charset=utf-8" : "application/json";
          return {
            ...req,
            path: `/functions/${r.fn}/invoke`,
            body: r.body,
            headers: { "content-type": type },
          };
        },
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => times.push(status === 200 ? ms : Infinity));
  return instance.then((result) => ({ result, times }));
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const work = mkdtempSync(join(tmpdir(), "staging-demo-ab-"));
try {
  const services = {};
  for (const version of ["baseline", "candidate"]) {
    services[version] = await start(version, build(version, join(work, version)));
  }
  const summary = { baseline: [], candidate: [] };
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? ["baseline", "candidate"] : ["candidate", "baseline"];
    for (const version of order) {
      const { port } = services[version];
      if (warmup > 0) await load(port, warmup);
      const { result, times } = await load(port, duration);
      const sorted = times.sort((a, b) => a - b);
      const row = {
        p50: pct(sorted, 50),
        p95: pct(sorted, 95),
        p99: pct(sorted, 99),
        rps: result.requests.average,
      };
      summary[version].push(row);
      const f = (x) => x.toFixed(3).padStart(8);
      process.stdout.write(
        `round ${round} ${version.padEnd(9)} n=${sorted.length} p50=${f(row.p50)} p95=${f(row.p95)} p99=${f(row.p99)} ms  rps=${row.rps.toFixed(0)} errors=${result.errors + result.non2xx}\n`,
      );
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const metric of ["p50", "p95", "p99", "rps"]) {
    const b = median(summary.baseline.map((r) => r[metric]));
    const c = median(summary.candidate.map((r) => r[metric]));
    process.stdout.write(
      `median ${metric}: baseline ${b.toFixed(3)}  candidate ${c.toFixed(3)}  change ${(((c - b) / b) * 100).toFixed(1)}%\n`,
    );
  }
  for (const { child } of Object.values(services)) child.kill("SIGTERM");
} finally {
  rmSync(work, { recursive: true, force: true });
}
