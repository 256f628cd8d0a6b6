// Runs the hash worker from its TypeScript source, for tests that exercise the worker pool.
import { register } from "tsx/esm/api";

register();
await import("../../src/filehash/hashWorker.ts");
