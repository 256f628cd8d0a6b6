import { ExitCode, StagingError } from "../../errors/index.js";
import type { DockerExec } from "./exec.js";
import { lastLines } from "../../fsutil/logTail.js";
import { assertEnvName, assertImageRef, labelArgs } from "./names.js";
import type { BuildOptions } from "./types.js";

/** How many lines of a failed build's output its error shows. */
export const BUILD_LOG_TAIL = 20;
/** Output kept in memory for that tail; the full log is in the log file. */
const KEEP_CHARS = 64 * 1024;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

/** The argument list of `docker build` (without the client binary). */
export function buildArgv(options: BuildOptions, buildkit: boolean): string[] {
  assertImageRef(options.tag);
  const argv = ["build", "--file", options.dockerfile, "--tag", options.tag];
  // The legacy builder keeps the container of a failed RUN step unless told otherwise.
  argv.push(...(buildkit ? ["--progress", "plain"] : ["--force-rm"]));
  for (const [name, value] of Object.entries(options.buildArgs ?? {})) {
    argv.push("--build-arg", `${assertEnvName(name)}=${value}`);
  }
  argv.push(...labelArgs("--label", options.labels ?? {}));
  if (options.platform !== undefined) {
    if (!PLATFORM.test(options.platform)) {
      throw new StagingError(`invalid docker platform: ${JSON.stringify(options.platform)}`, {
        code: "E_DOCKER_NAME",
        facts: { platform: options.platform, expected: "os/arch[/variant], e.g. linux/amd64" },
      });
    }
    argv.push("--platform", options.platform);
  }
  const network = options.network ?? "host";
  if (network !== "default") argv.push("--network", network);
  // `--` is not understood by `docker build`; a context starting with `-` is made explicit instead.
  argv.push(options.contextDir.startsWith("-") ? `./${options.contextDir}` : options.contextDir);
  return argv;
}

/**
 * Builds an image on the target and returns its id (`sha256:...`), read back from the tag.
 * A failed build throws `E_IMAGE_BUILD` with the last lines of its output and the log's path.
 */
export async function buildImage(exec: DockerExec, options: BuildOptions): Promise<string> {
  const argv = buildArgv(options, exec.buildkit);
  let output = "";
  const result = await exec.run(argv, {
    env: { DOCKER_BUILDKIT: exec.buildkit ? "1" : "0" },
    logFile: options.logFile,
    timeoutMs: options.timeoutMs ?? 30 * 60_000,
    ...(options.signal ? { signal: options.signal } : {}),
    onOutput: (chunk, stream) => {
      output = (output + chunk).slice(-KEEP_CHARS);
      options.onOutput?.(chunk, stream);
    },
  });
  if (result.exitCode !== 0) {
    // A target that does not stream still returns the output.
    const text = output || `${result.stdout}\n${result.stderr}`;
    throw new StagingError(`docker build of ${options.tag} failed on ${exec.target.name}`, {
      code: "E_IMAGE_BUILD",
      exitCode: ExitCode.nodeFailed,
      facts: {
        dockerfile: options.dockerfile,
        context: options.contextDir,
        "exit code": result.exitCode,
        log: options.logFile,
        [`last ${BUILD_LOG_TAIL} lines`]: lastLines(text, BUILD_LOG_TAIL) || "(no output)",
      },
      hint: `read the whole build log: ${options.logFile}`,
    });
  }
  const inspect = await exec.check(["image", "inspect", "--format", "{{.Id}}", options.tag]);
  const id = inspect.stdout.trim();
  if (!id.startsWith("sha256:")) throw exec.failed(["image", "inspect", options.tag], inspect);
  return id;
}
