/**
 * The supervisor of a local service, run as `node -e SUPERVISOR_SOURCE` (so it needs no file of
 * its own in the package or the bundle). Node has no parent-death signal (prctl), so this small
 * process stands in for one: it holds a pipe from staging, and when that pipe closes without a
 * `release` line (staging stopped it, exited, or was killed, even by SIGKILL), it stops the
 * service's process group: SIGTERM, then SIGKILL after the grace.
 *
 * Protocol, one line each:
 *   stdin  1st: {"argv": [...], "env": {...}, "graceMs": n, "title": "..."}  start the service on fd 3
 *   stdout:     {"pid": n} once started, or {"error": "ENOENT", "message": "..."}; {"exit": code, "signal": s}
 *   stdin  later: "release"   let go: the service outlives staging (a deploy node's)
 *   stdin  EOF:               stop the service's group, then exit
 */
export const SUPERVISOR_SOURCE = String.raw`"use strict";
const { spawn } = require("node:child_process");
let service;
let grace = 5000;
let pending = "";
let done = false;
const send = (message) => {
  try {
    process.stdout.write(JSON.stringify(message) + "\n");
  } catch {}
};
process.stdout.on("error", () => {});
const start = (request) => {
  grace = request.graceMs;
  if (request.title) process.title = request.title;
  try {
    service = spawn(request.argv[0], request.argv.slice(1), { detached: true, stdio: ["ignore", 3, 3], env: request.env });
  } catch (error) {
    send({ error: error.code || "ESPAWN", message: error.message });
    process.exit(1);
  }
  service.on("error", (error) => {
    send({ error: error.code || "ESPAWN", message: error.message });
    process.exit(1);
  });
  service.on("spawn", () => send({ pid: service.pid }));
  service.on("exit", (code, signal) => send({ exit: code, signal }));
};
const groupAlive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};
const signalGroup = (pgid, signal) => {
  try {
    process.kill(-pgid, signal);
  } catch {}
};
const stop = () => {
  if (done) return;
  done = true;
  const pgid = service && service.pid;
  if (!pgid || !groupAlive(pgid)) process.exit(0);
  signalGroup(pgid, "SIGTERM");
  const deadline = Date.now() + grace;
  let killed = false;
  setInterval(() => {
    if (!groupAlive(pgid)) process.exit(0);
    if (!killed && Date.now() >= deadline) {
      killed = true;
      signalGroup(pgid, "SIGKILL");
    }
  }, 25);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  pending += chunk;
  for (let at = pending.indexOf("\n"); at >= 0 && !done; at = pending.indexOf("\n")) {
    const line = pending.slice(0, at);
    pending = pending.slice(at + 1);
    if (!service) start(JSON.parse(line));
    else if (line === "release") {
      done = true;
      process.exit(0);
    }
  }
});
process.stdin.on("end", stop);
process.stdin.on("error", stop);
`;
