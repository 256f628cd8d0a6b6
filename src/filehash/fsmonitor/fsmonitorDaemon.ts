import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { holdsDaemonLock, takeDaemonLock } from "./daemonLock.js";
import { FsMonitorServer } from "./FsMonitorServer.js";

/**
 * The monitor daemon of one workspace: `node fsmonitorDaemon.js <socket> <cookieDir> <stagingDir>`.
 * Started by the first `make` that wants it; exits after `STAGING_FSMONITOR_IDLE_MS` (default 30
 * minutes) without a question, when its workspace's `.staging` folder is gone, when it no longer
 * holds its lock (`<socket>.lock`), or when asked to stop.
 */
const [socketPath, cookieDir, stagingDir] = process.argv.slice(2);
if (!socketPath || !cookieDir || !stagingDir) {
  process.stderr.write("usage: fsmonitorDaemon <socket> <cookieDir> <stagingDir>\n");
  process.exit(2);
}
const idleSetting = Number(process.env.STAGING_FSMONITOR_IDLE_MS);
const idleMs = Number.isFinite(idleSetting) && idleSetting > 0 ? idleSetting : 30 * 60_000;

const lockPath = `${socketPath}.lock`;
if (!takeDaemonLock(lockPath)) process.exit(0);
rmSync(socketPath, { force: true });
const monitor = new FsMonitorServer({ cookieDir, burstLimit: burstLimit() });
monitor.start();
let lastQuestion = Date.now();
const server = createServer((socket) => serve(socket));
server.on("error", () => stop());
server.listen(socketPath, () => {
  setInterval(
    () => {
      if (!holdsDaemonLock(lockPath) || !existsSync(stagingDir) || Date.now() - lastQuestion > idleMs) stop();
    },
    Math.min(10_000, idleMs),
  ).unref();
});
process.on("SIGTERM", () => stop());

function serve(socket: Socket): void {
  let buffered = "";
  socket.setEncoding("utf8");
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    for (let at = buffered.indexOf("\n"); at >= 0; at = buffered.indexOf("\n")) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      void reply(socket, line);
    }
  });
}

async function reply(socket: Socket, line: string): Promise<void> {
  let request: { id?: unknown; op?: unknown; root?: unknown; since?: unknown };
  try {
    request = JSON.parse(line) as typeof request;
  } catch {
    socket.destroy();
    return;
  }
  const id = request.id;
  try {
    if (request.op === "check" && typeof request.root === "string") {
      // Only questions about trees keep the daemon alive (its own ownership checks ask for status).
      lastQuestion = Date.now();
      const since = typeof request.since === "string" ? request.since : undefined;
      send(socket, { id, ...(await monitor.check(request.root, since)) });
    } else if (request.op === "status") {
      send(socket, { id, pid: process.pid, ...monitor.status() });
    } else if (request.op === "stop") {
      send(socket, { id, stopping: true });
      stop();
    } else {
      send(socket, { id, error: `unknown request ${JSON.stringify(request.op)}` });
    }
  } catch (error) {
    // A cookie that never came back means the watches cannot be trusted: make way for a new daemon.
    send(socket, { id, error: error instanceof Error ? error.message : String(error) });
    stop();
  }
}

function send(socket: Socket, message: object): void {
  if (!socket.destroyed) socket.write(JSON.stringify(message) + "\n");
}

/** Exits, removing the socket, the cookie folder and the lock only while the lock is this daemon's. */
function stop(): void {
  monitor.close();
  server.close();
  if (holdsDaemonLock(lockPath)) {
    rmSync(socketPath!, { force: true });
    rmSync(cookieDir!, { recursive: true, force: true });
    rmSync(lockPath, { force: true });
  }
  process.exit(0);
}

/** Half the kernel's event queue: a burst that large may have overflowed it. */
function burstLimit(): number {
  try {
    return Math.floor(Number(readFileSync("/proc/sys/fs/inotify/max_queued_events", "utf8")) / 2) || 8192;
  } catch {
    return 8192;
  }
}
