import { afterAll } from "vitest";
import { openCpuReader, type CpuReader } from "../../../../src/drivers/metrics/index.js";
import { LocalTarget } from "../../../../src/targets/LocalTarget.js";
import type { Target } from "../../../../src/targets/Target.js";
import { sshd, sshTarget } from "../../targets/ssh/sshFixture.js";

/** One way of reading a target: the target, and a reader over it. */
export interface ReadPath {
  target: Target;
  reader: CpuReader;
}

/**
 * Every way a measurement reads CPU and load: on this machine (/proc read in-process), on an SSH
 * target with one command per read, and through a shell kept open on it. Undefined where the test
 * sshd is missing (those tests skip, or fail under STAGING_REQUIRE_INTEGRATION=1). Closed after
 * the file's tests.
 */
export function readPaths(): Array<[string, ReadPath | undefined]> {
  const local = new LocalTarget();
  const ssh = sshd ? sshTarget(sshd) : undefined;
  const kept = ssh ? openCpuReader(ssh) : undefined;
  afterAll(async () => {
    await kept?.close();
    await ssh?.close();
  });
  return [
    ["this machine", { target: local, reader: openCpuReader(local) }],
    ["an SSH target, one command per read", ssh ? { target: ssh, reader: oneShot(ssh) } : undefined],
    ["an SSH target, through a kept-open shell", ssh && kept ? { target: ssh, reader: kept } : undefined],
  ];
}

/** The one-shot functions as a reader (what `openCpuReader` gives for targets other than SSH). */
function oneShot(target: Target): CpuReader {
  return openCpuReader({
    name: target.name,
    kind: target.kind,
    run: (argv, options) => target.run(argv, options),
    uploadTree: (from, to) => target.uploadTree(from, to),
    readFile: (path) => target.readFile(path),
    writeFile: (path, content) => target.writeFile(path, content),
    identity: () => target.identity(),
    home: () => target.home(),
    close: () => Promise.resolve(),
  });
}
