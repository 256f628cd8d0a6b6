import { parentPort } from "node:worker_threads";
import { readChunk, type ReadChunk } from "./readChunk.js";
import { statPart } from "./statTree.js";

/** What a hash worker is asked: list a folder of a tree, or read a chunk of its files. */
export type HashRequest =
  | { kind: "list"; root: string; include: readonly string[]; exclude: readonly string[]; prefix: string }
  | ({ kind: "read" } & ReadChunk);

/**
 * A hash worker: takes `{ id, request }`, answers `{ id, result }` or `{ id, error }`. The buffer
 * a chunk is read into for a fingerprint goes back and forth, transferred, never copied.
 */
parentPort?.on("message", ({ id, request }: { id: number; request: HashRequest }) => {
  try {
    if (request.kind === "list") {
      const { root, include, exclude, prefix } = request;
      parentPort?.postMessage({ id, result: statPart(root, include, exclude, { prefix }).tree });
    } else {
      const result = readChunk(request);
      parentPort?.postMessage({ id, result }, result.stream ? [result.stream.buffer] : []);
    }
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException;
    parentPort?.postMessage({ id, error: { message: String(message ?? error), code } });
  }
});
