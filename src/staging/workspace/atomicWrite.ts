import { atomicWrite } from "../../fsutil/atomicWrite.js";
import { makeTempPath } from "./tempPath.js";
import type { Workspace } from "./Workspace.js";

/** `atomicWrite` with its temp file under `.staging/tmp`, where the next open clears a dead process's leftovers. */
export async function writeFileAtomic(ws: Workspace, file: string, content: string): Promise<void> {
  await atomicWrite(file, content, { temp: await makeTempPath(ws, "write") });
}
