import type { Shell } from "zx/core";

/** What a build function is given. */
export interface BuildContext {
  /** zx's `$` where the build runs (this machine, or the target for `image`), in `out`, with the recipe's `env`; values are quoted as one word each. */
  $: Shell;
  /** The version's snapshot folder (read it, do not write it). */
  snapshot: string;
  /** The empty folder the build writes the mode's artifact into. */
  out: string;
  /**
   * With the docker builder and no `dockerfile`: the image the function must build. It then runs on
   * the target (over SSH for a remote one), with the snapshot copied there and `out` a scratch folder.
   */
  image?: string;
  version: string;
  mode: string;
  workspace: string;
}

/**
 * A build as a zx script: writes the mode's artifact into `out`, e.g.
 * `async ({ $, snapshot, out }) => { await $\`esbuild ${snapshot}/src/main.ts --bundle --outfile=${out}/service.mjs\` }`.
 * Its source text is part of the image nodes' key: editing it rebuilds this mode's images only.
 */
export type BuildFunction = (context: BuildContext) => Promise<void> | void;

/** What a deploy function is given. */
export interface DeployContext {
  /**
   * zx's `$` where the service runs (this machine for an artifact, the target for an image), with
   * the recipe's `env`: to prepare files before the service starts.
   */
  $: Shell;
  /** The folder holding the built artifact (artifact builds). */
  artifact?: string;
  /** The image id (docker builds). */
  image?: string;
  version: string;
  mode: string;
}

/**
 * A deploy as a zx script: prepares what the service needs, then returns the argv that runs it
 * (`{port}` and `{artifact}` are replaced); for an image, the argv replaces the image's CMD.
 * Its source text is part of the deploy nodes' key.
 */
export type DeployFunction = (context: DeployContext) => Promise<readonly string[]> | readonly string[];

/** How a mode is built. Placeholders `{snapshot}`, `{out}`, `{version}`, `{mode}`, `{workspace}` are replaced per argument. */
export interface BuildRecipe {
  /** A command (argument list, no shell) that writes the mode's artifact into `{out}`, or a build function (a zx script). */
  command?: string[] | BuildFunction;
  /** Environment of the build command. */
  env?: Record<string, string>;
  /**
   * Dockerfile, relative to the workspace; its context is the artifact folder when `command` is set,
   * else the snapshot. `{snapshot}` names the version's snapshot folder, so a version's own
   * Dockerfile can be used: `{snapshot}/control-plane/Dockerfile`.
   */
  dockerfile?: string;
  /**
   * A build script inside the snapshot, e.g. `{snapshot}/scripts/build-native.sh`, used when the
   * `dockerfile` is not in the version's snapshot: run with bash on the target from the snapshot's
   * root, it must build the image named by `$STAGING_IMAGE` (also its first argument).
   */
  script?: string;
  /** `--build-arg` values. */
  buildArgs?: Record<string, string>;
  /** `--platform` of the image. */
  platform?: string;
  /** One line shown when the build fails, e.g. how to install the toolchain. */
  hint?: string;
}

/** How a built mode is started and reached. */
export interface DeployRecipe {
  /**
   * Runs the artifact: argv with `{artifact}` and `{port}` placeholders (an image runs its own CMD),
   * or a deploy function (a zx script) that prepares the service and returns that argv.
   */
  command?: string[] | DeployFunction;
  /** Environment of the service (PORT, HOST and STAGING_* are set by staging). */
  env?: Record<string, string>;
  /** The path that must answer 200 with the build fingerprint before the service counts as up. @default "/health" */
  healthPath?: string;
  /** How long a deploy may take to become healthy, in ms. @default 20000 */
  readyTimeoutMs?: number;
  /** CPU placement: `taskset -c` locally, `--cpuset-cpus` in Docker, e.g. "1". */
  cpus?: string;
  /** `helm`: deploy with the seed's `scripts/e2e-k3s-helm.sh` on the SSH target (k3s, Helm, its registry). @default a local process for artifacts, a container for images */
  driver?: "helm";
}

/** How one platform mode of the service is built and run. */
export interface ModeConfig {
  /** How the mode is built; a mode without it has no image nodes. */
  build?: BuildRecipe;
  /** How the built mode runs; a mode without it has no deploy nodes. */
  deploy?: DeployRecipe;
}

/** A place where commands run: this machine, or a machine reached only over SSH. */
export interface TargetConfig {
  /** `local` or an `ssh://user@host:port` URL (a `~/.ssh/config` alias works as host). */
  url: string;
  /** Private key file for SSH. @default ssh-agent, then ~/.ssh/config's IdentityFile */
  identity?: string;
  /** known_hosts file host keys are verified against. @default ~/.ssh/known_hosts */
  knownHosts?: string;
  /** Who owns the machine's life: `external` (it exists) or `multipass`. @default "external" */
  lifecycle?: "external" | "multipass";
  /** Where version roots live on the target. @default ~/staging-project */
  projectDir?: string;
  /** The VM staging launches, starts and deletes with the local `multipass` (lifecycle `multipass` only); commands still run over SSH. */
  multipass?: {
    /** The VM's name for multipass. */
    name: string;
    /** The `.pub` of the identity staging logs in with, injected through cloud-init. */
    publicKeyFile: string;
    /** Image, e.g. `22.04`. @default multipass's default */
    image?: string;
    cpus?: number;
    /** e.g. `4G`. */
    memory?: string;
    /** e.g. `20G`. */
    disk?: string;
    /** @default "ubuntu" */
    user?: string;
  };
}

/** The workspace configuration in `staging.config.ts`. Every field is optional. */
export interface StagingConfig {
  /** The workspace folder, relative to the config file. @default "." */
  workspace?: string;
  /** Modes every benchmark of this workspace must include. @default the keys of `modes`, else ["jvm", "native"] */
  requiredModes?: string[];
  /**
   * Platform modes and their recipes.
   * @default {}; with no config file at all, the seed's `jvm` and `native` builds (docs/prototype.md)
   */
  modes?: Record<string, ModeConfig>;
  /** Named targets. @default { local: { url: "local" } } */
  targets?: Record<string, TargetConfig>;
  /** The target campaigns run on. @default "local" */
  target?: string;
  /** The benchmark file, relative to the workspace. @default "benchmark/benchmark.yaml" */
  benchmark?: string;
  /**
   * How images are made: `artifact` (a folder in the store, no Docker needed) or `docker`.
   * @default "artifact"; "docker" with no config file at all (the seed's layout, see docs/prototype.md)
   */
  builder?: "artifact" | "docker";
  /** Nodes working at once in `make`. @default 4 */
  concurrency?: number;
  /** Resource pool limits, e.g. one load test per target. @default {} (each pool takes 1) */
  pools?: Record<string, number>;
  /**
   * Keep a file-system monitor running beside the workspace, so that a no-op `make` need not stat
   * every file of unchanged trees (like git's core.fsmonitor). Local file systems only. The
   * environment variable `STAGING_FSMONITOR=1` or `0` overrides it. @default false
   */
  fsmonitor?: boolean;
}

/** The configuration with every default filled in and paths made absolute. */
export interface ResolvedConfig {
  /** The config file, or undefined when the defaults are used. */
  configFile: string | undefined;
  workspace: string;
  requiredModes: string[];
  modes: Record<string, ModeConfig>;
  targets: Record<string, TargetConfig>;
  target: string;
  benchmarkPath: string;
  builder: "artifact" | "docker";
  concurrency: number;
  pools: Record<string, number>;
  fsmonitor: boolean;
}
