import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { encodeId } from "../../store/FsStore.js";

/** Where a node's log lives: `.staging/logs/<node id>.log`, replaced by each attempt. */
export async function freshLog(stagingDir: string, nodeId: string): Promise<string> {
  const path = join(stagingDir, "logs", `${encodeId(nodeId)}.log`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, "");
  return path;
}
