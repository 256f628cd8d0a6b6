import { parentPort } from "node:worker_threads";
import { hashFileTree, type HashJob } from "./hashFileTree.js";

/**
 * A hash worker: takes `{ id, job }`, answers `{ id, json, digest }` or `{ id, error }`. The tree
 * goes back as its canonical JSON, which the caller parses only if it needs the file list.
 */
parentPort?.on("message", (message: { id: number; job: HashJob }) => {
  hashFileTree(message.job).then(
    ({ json, digest }) => parentPort?.postMessage({ id: message.id, json, digest }),
    (error: unknown) => {
      const { message: text, code } = error as NodeJS.ErrnoException;
      parentPort?.postMessage({ id: message.id, error: { message: String(text ?? error), code } });
    },
  );
});
