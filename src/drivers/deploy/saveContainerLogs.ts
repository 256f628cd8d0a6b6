import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { DockerCli } from "../docker/index.js";
import type { Deployment } from "./DeployDriver.js";

/** Lines of a failed container's output kept in the deployment's log file. */
export const SAVED_LOG_LINES = 200;

/**
 * Appends the last lines of a container's output to the deployment's local log file (the
 * container is about to be removed, its log with it) and returns them. Best effort: a container
 * already gone, or a log that cannot be written, gives what could be had.
 */
export async function saveContainerLogs(docker: DockerCli, dep: Deployment): Promise<string> {
  let text: string;
  try {
    text = await docker.logs(dep.containerId ?? dep.name, SAVED_LOG_LINES);
  } catch (error) {
    text = `(docker logs failed: ${(error as Error).message})\n`;
  }
  try {
    await mkdir(dirname(dep.logFile), { recursive: true });
    const header = `# ${new Date().toISOString()} staging deploy: docker logs --tail ${SAVED_LOG_LINES} ${dep.name}\n`;
    await appendFile(dep.logFile, header + text + (text.endsWith("\n") ? "" : "\n"));
  } catch {
    // the error still carries the lines
  }
  return text;
}
