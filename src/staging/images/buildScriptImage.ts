import { join, relative } from "node:path";
import { DockerCli } from "../../drivers/docker/index.js";
import { ExitCode, StagingError } from "../../errors/index.js";
import { tailFile } from "../../fsutil/logTail.js";
import { buildFolders, type BuildPlace } from "../../targets/buildFolders.js";

export interface ScriptBuild extends BuildPlace {
  /** The script, relative to the snapshot, e.g. `scripts/build-native.sh`. */
  script: string;
  tag: string;
  logFile: string;
  signal: AbortSignal;
}

/** How long a native build may take. */
const TIMEOUT_MS = 90 * 60_000;

/**
 * Builds a mode's image with the snapshot's own build script on the target (the seed's native
 * build): the snapshot is copied to a scratch folder there (uploaded first for a remote target),
 * `bash <script> <tag>` runs in it with STAGING_IMAGE, STAGING_VERSION and STAGING_MODE set, and
 * the image the script built under that tag is returned by id. The scratch folder is removed after,
 * so what the script writes never changes the snapshot.
 */
export async function buildScriptImage(b: ScriptBuild): Promise<string> {
  const { snapshot: source, scratch } = await buildFolders(b);
  await run(b, [
    "sh",
    "-c",
    'rm -rf -- "$2" && mkdir -p -- "$2" && cp -a -- "$1/." "$2/"',
    "sh",
    source,
    scratch,
  ]);
  try {
    const result = await b.target.run(["bash", b.script, b.tag], {
      cwd: scratch,
      env: { STAGING_IMAGE: b.tag, STAGING_VERSION: b.slug, STAGING_MODE: b.mode },
      logFile: b.logFile,
      signal: b.signal,
      timeoutMs: TIMEOUT_MS,
    });
    if (result.exitCode !== 0) throw await failed(b, `exit code ${result.exitCode}`);
  } finally {
    await b.target.run(["rm", "-rf", "--", scratch], { timeoutMs: 120_000 }).catch(() => undefined);
  }
  const id = await new DockerCli(b.target).imageId(b.tag);
  if (id === null) throw await failed(b, `it succeeded but built no image ${b.tag}`);
  return id;
}

async function run(b: ScriptBuild, argv: string[]): Promise<void> {
  const result = await b.target.run(argv, { timeoutMs: 10 * 60_000, signal: b.signal });
  if (result.exitCode !== 0)
    throw new StagingError(`Could not prepare the ${b.mode} build of ${b.slug} on ${b.target.name}`, {
      code: "E_IMAGE_BUILD",
      exitCode: ExitCode.nodeFailed,
      facts: { command: argv.join(" "), "exit code": result.exitCode, stderr: result.stderr.trim() },
    });
}

async function failed(b: ScriptBuild, what: string): Promise<StagingError> {
  return new StagingError(`The ${b.mode} build script of ${b.slug} failed on ${b.target.name}: ${what}`, {
    code: "E_IMAGE_BUILD",
    exitCode: ExitCode.nodeFailed,
    facts: {
      script: b.script,
      image: b.tag,
      log: b.logFile,
      "last lines": (await tailFile(b.logFile)) || "(no log)",
    },
    hint: `the script must build the image named by $STAGING_IMAGE; read the log: ${b.logFile}`,
  });
}

/** The script's path inside the snapshot, from its workspace-relative path in a resolved recipe. */
export function scriptInSnapshot(workspaceRoot: string, snapshotDir: string, script: string): string {
  return relative(snapshotDir, join(workspaceRoot, script));
}
