#!/usr/bin/env node
// Runs a command on a busy machine: CPU noise that it starts and stops itself.
//
//   node scripts/ci/noise.mjs [--seed N] [--workers N] -- COMMAND [ARGS...]
//
// Each worker (default 2) burns one CPU in bursts of 50-300 ms, resting 50-300 ms between them
// (about 50% duty), at seeded random lengths, so a run under noise is repeatable in its load if
// not in its timing. The workers stop when the command ends, or when this script dies (they
// follow its IPC channel). Exits with the command's exit code.
/* global process, setTimeout */
import { fork, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);

if (args[0] === "--worker") {
  burn(Number(args[1]));
} else {
  main();
}

function main() {
  const dash = args.indexOf("--");
  const options = dash < 0 ? args : args.slice(0, dash);
  const command = dash < 0 ? [] : args.slice(dash + 1);
  const value = (name, fallback) => {
    const at = options.indexOf(name);
    return at < 0 ? fallback : Number(options[at + 1]);
  };
  const seed = value("--seed", 1);
  const count = value("--workers", 2);
  if (command.length === 0 || !Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
    process.stderr.write("usage: node scripts/ci/noise.mjs [--seed N] [--workers N] -- COMMAND [ARGS...]\n");
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  const workers = Array.from({ length: count }, (_, i) =>
    fork(self, ["--worker", String(seed * 1000 + i)], { stdio: "ignore" }),
  );
  process.stderr.write(`noise: ${count} workers burning CPU at ~50% duty (seed ${seed})\n`);
  const child = spawn(command[0], command.slice(1), { stdio: "inherit" });
  const stop = () => workers.forEach((w) => w.connected && w.disconnect());
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("error", (error) => {
    process.stderr.write(`noise: cannot run ${command[0]}: ${error.message}\n`);
    stop();
    process.exit(127);
  });
  child.on("exit", (code, signal) => {
    stop();
    process.exit(code ?? (signal ? 128 : 1));
  });
}

/** One worker: seeded bursts of busy CPU and rest, until its parent goes away. */
function burn(seed) {
  let state = seed >>> 0 || 1;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const length = () => 50 + Math.floor(random() * 251);
  process.on("disconnect", () => process.exit(0));
  const cycle = () => {
    const end = Date.now() + length();
    let x = 0;
    while (Date.now() < end) x = (x + Math.sqrt(x + 1)) % 1e9;
    setTimeout(cycle, length());
  };
  cycle();
}
